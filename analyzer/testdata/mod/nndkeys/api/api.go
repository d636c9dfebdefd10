// Package api calls nndkeys.Store.Insert, judged through its fact: a nil
// key collides under NULLS NOT DISTINCT (IDEM202), a minted one does not.
package api

import (
	"context"
	"crypto/rand"
	"net/http"

	"example.com/libs/nndkeys"
)

func Receive(ctx context.Context, s *nndkeys.Store, r *http.Request, body string) error {
	var key *string
	if h := r.Header.Get("Webhook-Id"); h != "" {
		key = &h
	}
	return s.Insert(ctx, "stripe", body, key) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: nil when the Webhook-Id header is absent.*NULLs are not distinct in`
}

func ReceiveKeyless(ctx context.Context, s *nndkeys.Store, body string) error {
	return s.Insert(ctx, "stripe", body, nil) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here`
}

func ReceiveMinted(ctx context.Context, s *nndkeys.Store, body string) error {
	k := rand.Text()
	return s.Insert(ctx, "stripe", body, &k)
}
