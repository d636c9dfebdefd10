// Package rulecomment writes keys that are keys because the comment on
// their unique index says it enforces idempotency.
package rulecomment

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

// The index holds reference alone: an empty reference is the key left
// out, and a second keyless transfer is refused.
func transfer(ctx context.Context, db *sql.DB, r *http.Request) error {
	ref := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (reference) VALUES ($1)`, ref) // want `IDEM202: idempotency key transfers.reference \(the comment on unique index transfers_reference says so`
	return err
}

// The index holds three columns and says nothing of which carries the
// key: an empty environment is a scope like any other, not a key left out.
func snapshot(ctx context.Context, db *sql.DB, r *http.Request, sub, period string) error {
	env := r.Header.Get("X-Environment")
	_, err := db.ExecContext(ctx, `INSERT INTO snapshots (environment, subscription, period) VALUES ($1, $2, $3)`, env, sub, period)
	return err
}
