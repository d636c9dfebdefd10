// Package audithttp calls the audit store from another package: the
// column's intent travels with the store's fact.
package audithttp

import (
	"context"
	"database/sql"
	"net/http"

	"example.com/libs/notes/intended"
)

// Internal leaves the key out, as the column's comment allows.
func Internal(ctx context.Context, s *intended.Store) error {
	return s.Create(ctx, intended.Record{Action: "cron"}) // want `IDEM201 not reported for audits.idempotency_key`
}

// Handler passes a client's optional key on.
func Handler(s *intended.Store, r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	return s.Create(r.Context(), intended.Record{Action: "api", IdempotencyKey: sql.NullString{String: k, Valid: k != ""}}) // want `IDEM201: idempotency key audits.idempotency_key can be NULL here`
}
