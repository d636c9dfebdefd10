// Package shortkey writes keys into columns shorter than a generated key:
// the fixes cut their keys to fit, or offer none below 16 characters. The
// body, which the unique rule does not hold, is what a derived key reads.
package shortkey

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

func ticket(ctx context.Context, db *sql.DB, r *http.Request, queue, body string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO tickets (queue, body, idempotency_key) VALUES ($1, $2, $3)`, queue, body, key) // want `IDEM202`
	return err
}

func code(ctx context.Context, db *sql.DB, r *http.Request, queue, body string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO codes (queue, body, idempotency_key) VALUES ($1, $2, $3)`, queue, body, key) // want `IDEM202`
	return err
}
