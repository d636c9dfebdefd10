package flow

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
)

// payScopedKey builds the key from the account and the client's key: a
// request without one gets "<account>:", the same for every keyless
// payment of the account, which the unique rule rejects as a duplicate.
func payScopedKey(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := fmt.Sprintf("%s:%s", accountID, r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key) // want `IDEM202: idempotency key payments.idempotency_key can be the same value for every request without a key here: fmt.Sprintf\("%s:%s", …\) is its other parts alone when r.Header.Get\("Idempotency-Key"\) is empty: empty when the Idempotency-Key header is absent`
	return err
}

// payScopedChecked rejects a missing key first.
func payScopedChecked(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("Idempotency-Key required")
	}
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, fmt.Sprintf("%s:%s", accountID, h))
	return err
}

// payScopedRandom adds a generated part: every key differs.
func payScopedRandom(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := fmt.Sprintf("%s:%s:%s", accountID, r.Header.Get("Idempotency-Key"), rand.Text())
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key)
	return err
}
