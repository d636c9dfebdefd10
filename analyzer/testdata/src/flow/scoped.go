package flow

import (
	"context"
	"database/sql"
	"net/http"
)

// transferScoped writes only the account beside the key: a key derived
// from the account alone would be the same for every keyless transfer of
// that account, and the unique rule would reject all but the first. Its
// fix is the random key, which says why no key is derived.
func transferScoped(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key, amount) VALUES ($1, $2, 100)`, accountID, key) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	return err
}

// transferAmount writes the amount too, which the unique rule does not
// hold: a key derived from the account and the amount tells two keyless
// transfers apart, and a retry of one repeats it, so it is offered.
func transferAmount(ctx context.Context, db *sql.DB, r *http.Request, accountID string, amount int64) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key, amount) VALUES ($1, $2, $3)`, accountID, key, amount) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	return err
}
