// Package shortkey writes keys into columns shorter than a generated key:
// the fixes cut their keys to fit, or offer none below 16 characters.
package shortkey

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

func ticket(ctx context.Context, db *sql.DB, r *http.Request, queue string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO tickets (queue, idempotency_key) VALUES ($1, $2)`, queue, key) // want `IDEM202`
	return err
}

func code(ctx context.Context, db *sql.DB, r *http.Request, queue string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO codes (queue, idempotency_key) VALUES ($1, $2)`, queue, key) // want `IDEM202`
	return err
}
