// Package api calls bunrows' store from HTTP handlers: the key field it
// fills is judged here, through the fact InsertEntry exports.
package api

import (
	"context"
	"net/http"

	"example.com/libs/bunrows"
)

func Create(ctx context.Context, s *bunrows.Store, r *http.Request) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return s.InsertEntry(ctx, &bunrows.Entry{SessionID: "s", Body: "b", IdempotencyKey: key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent .*passed to Store.InsertEntry, which writes it into messages.idempotency_key`
}

func CreateChecked(ctx context.Context, s *bunrows.Store, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return http.ErrNoCookie
	}
	return s.InsertEntry(ctx, &bunrows.Entry{SessionID: "s", Body: "b", IdempotencyKey: &key})
}
