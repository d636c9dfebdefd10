//go:build go1.21

// Package oldgo is written for Go 1.21, before crypto/rand.Text: its fix
// reads 16 random bytes instead.
package oldgo

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

func post(ctx context.Context, db *sql.DB, r *http.Request, accountID string, amount int64) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, amount, idempotency_key) VALUES ($1, $2, $3)`, accountID, amount, key) // want `IDEM202`
	return err
}
