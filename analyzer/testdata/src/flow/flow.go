// Package flow inserts keys whose value depends on the path taken.
package flow

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"
)

//go:embed schema.sql
var schema string

const (
	insertMessage = `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`
	insertPayment = `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`
)

// optionalHeader is the original bug: no header, nil key, NULL row.
func optionalHeader(ctx context.Context, db *sql.DB, r *http.Request, sessionID, body string) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_, err := db.ExecContext(ctx, insertMessage, sessionID, body, key) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	return err
}

// requiredHeader rejects keyless requests before the insert.
func requiredHeader(ctx context.Context, db *sql.DB, r *http.Request, sessionID, body string) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err := db.ExecContext(ctx, insertMessage, sessionID, body, key)
	return err
}

// generatedWhenMissing fills the key in before the insert.
func generatedWhenMissing(ctx context.Context, db *sql.DB, r *http.Request, sessionID, body string) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	if key == nil {
		k := rand.Text()
		key = &k
	}
	_, err := db.ExecContext(ctx, insertMessage, sessionID, body, key)
	return err
}

// emptyHeader writes "" into a NOT NULL key: keyless payments collide.
func emptyHeader(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, insertPayment, accountID, key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Header.Get`
	return err
}

// checkedHeader returns early on an empty header.
func checkedHeader(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("Idempotency-Key header required")
	}
	_, err := db.ExecContext(ctx, insertPayment, accountID, key)
	return err
}

// nullString is left invalid when the header is absent.
func nullString(ctx context.Context, db *sql.DB, r *http.Request, sessionID, body string) error {
	h := r.Header.Get("Idempotency-Key")
	key := sql.NullString{String: h, Valid: h != ""}
	_, err := db.ExecContext(ctx, insertMessage, sessionID, body, key) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	return err
}

// nullIf turns the empty header into NULL in SQL.
func nullIf(ctx context.Context, db *sql.DB, r *http.Request, sessionID, body string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, NULLIF($3, ''))`,
		sessionID, body, key) // want `IDEM201: .*which NULLIF turns into NULL`
	return err
}

// nullIfPartial does the same into a partial index: optional on purpose.
func nullIfPartial(ctx context.Context, db *sql.DB, r *http.Request, queue string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO jobs (queue, dedup_key) VALUES ($1, NULLIF($2, ''))`, queue, key)
	return err
}

type postInput struct {
	SessionID, Body string
	IdempotencyKey  *string
}

// checkedElsewhere tests the key for nil, then inserts it regardless.
func checkedElsewhere(ctx context.Context, db *sql.DB, in postInput) error {
	if in.IdempotencyKey == nil {
		logMissingKey()
	}
	_, err := db.ExecContext(ctx, insertMessage, in.SessionID, in.Body, in.IdempotencyKey) // want `IDEM201: .*compared with nil`
	return err
}

// trusted says nothing about the key, but its type is the contract: a
// *string field lets every caller leave the key out.
func trusted(ctx context.Context, db *sql.DB, in postInput) error { // want trusted:`writes key param 2.IdempotencyKey → messages.idempotency_key`
	_, err := db.ExecContext(ctx, insertMessage, in.SessionID, in.Body, in.IdempotencyKey) // want `IDEM201: .*trusted's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	return err
}

// valueTyped passes a string: it cannot be NULL, and nothing says it is empty.
func valueTyped(ctx context.Context, db *sql.DB, sessionID, body, key string) error { // want valueTyped:`writes key param 4 → messages.idempotency_key`
	_, err := db.ExecContext(ctx, insertMessage, sessionID, body, key)
	return err
}

func logMissingKey() {}

// keyCtx is where a middleware keeps the request's Idempotency-Key.
type keyCtx struct{}

// keyFromContext ignores the assertion's ok: "" when no middleware ran.
func keyFromContext(ctx context.Context) string {
	k, _ := ctx.Value(keyCtx{}).(string)
	return k
}

// contextKey inserts the middleware's key unchecked.
func contextKey(ctx context.Context, db *sql.DB, accountID string) error {
	_, err := db.ExecContext(ctx, insertPayment, accountID, keyFromContext(ctx)) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: flow.keyFromContext returns k, empty when the context holds no string for keyCtx\{\} \(type assertion`
	return err
}

// contextKeyChecked rejects a request the middleware did not mark.
func contextKeyChecked(ctx context.Context, db *sql.DB, accountID string) error {
	k, ok := ctx.Value(keyCtx{}).(string)
	if !ok || k == "" {
		return errors.New("missing idempotency key")
	}
	_, err := db.ExecContext(ctx, insertPayment, accountID, k)
	return err
}
