package nndkeys

import (
	"context"
	"net/http"

	"github.com/google/uuid"

	"example.com/libs/nndkeys/sqlcdb"
)

// Deliver writes the header's key through sqlc's generated insert: nil
// when absent, which collides under NULLS NOT DISTINCT.
func Deliver(ctx context.Context, q *sqlcdb.Queries, r *http.Request, provider string) error {
	var key *string
	if h := r.Header.Get("Webhook-Id"); h != "" {
		key = &h
	}
	return q.CreateDelivery(ctx, sqlcdb.CreateDeliveryParams{Provider: provider, DedupKey: key}) // want `IDEM202: idempotency key nnd_deliveries.dedup_key can be NULL here: nil when the Webhook-Id header is absent.*NULLs are not distinct in PostgreSQL unique constraint nnd_deliveries_provider_dedup_key_key \(provider, dedup_key\) \(NULLS NOT DISTINCT\)`
}

// DeliverKeyed always sends a key: silent.
func DeliverKeyed(ctx context.Context, q *sqlcdb.Queries, provider string) error {
	k := uuid.NewString()
	return q.CreateDelivery(ctx, sqlcdb.CreateDeliveryParams{Provider: provider, DedupKey: &k})
}

// DeliverKeyless calls the generated insert that leaves the key out.
func DeliverKeyless(ctx context.Context, q *sqlcdb.Queries, provider string) error {
	return q.CreateKeylessDelivery(ctx, provider) // want `IDEM202: idempotency key nnd_deliveries.dedup_key can be NULL here: DeliverKeyless calls Queries.CreateKeylessDelivery, generated code whose insert .* writes it so on every call: .*NULLs are not distinct in`
}
