// Package testvariant has tests of its own package name, so go vet
// analyses it twice: without them, for the facts its importers read, and
// with them (its test variant), to report. TestTestVariant compares the
// two kinds of run (analyzer.SetTestVariant).
package testvariant

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schemaSQL string

// Insert writes the request's key, which can be missing: a finding.
func Insert(ctx context.Context, db *sql.DB, r *http.Request) error {
	_, err := db.ExecContext(ctx, `INSERT INTO variant_requests (idempotency_key) VALUES ($1)`, KeyOf(r))
	return err
}

// InsertKey writes its parameter: a fact for its callers.
func InsertKey(ctx context.Context, db *sql.DB, key *string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO variant_requests (idempotency_key) VALUES ($1)`, key)
	return err
}

// KeyOf is "" when the request has no Idempotency-Key header: a fact on
// what it returns.
func KeyOf(r *http.Request) string {
	return r.Header.Get("Idempotency-Key")
}

// Checked always has a key: nothing to report.
func Checked(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := KeyOf(r)
	if key == "" {
		return http.ErrNoCookie
	}
	return InsertKey(ctx, db, &key)
}
