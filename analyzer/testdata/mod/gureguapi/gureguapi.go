// Package gureguapi writes keys wrapped in guregu's null.String and
// zero.String (gopkg.in/guregu/null.v4): NULL exactly when Valid is false,
// as the constructors decide.
package gureguapi

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	"gopkg.in/guregu/null.v4"
	"gopkg.in/guregu/null.v4/zero"
)

//go:embed schema.sql
var schema string

const insertMessage = "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)"

// null.StringFromPtr of a pointer that is nil when the header is absent.
func FromPtr(ctx context.Context, db *sql.DB, r *http.Request, session, body string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := db.ExecContext(ctx, insertMessage, session, body, null.StringFromPtr(key)) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	return err
}

// The same, the header checked first: fine.
func FromPtrChecked(ctx context.Context, db *sql.DB, r *http.Request, session, body string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := db.ExecContext(ctx, insertMessage, session, body, null.StringFromPtr(&h))
	return err
}

// zero.StringFrom is NULL for "", which the header getter returns when
// the header is absent.
func ZeroFrom(ctx context.Context, db *sql.DB, r *http.Request, session, body string) error {
	k := zero.StringFrom(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, insertMessage, session, body, k) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	return err
}

// The same, a key generated when the header is absent: fine.
func ZeroFromGenerated(ctx context.Context, db *sql.DB, r *http.Request, session, body string, mint func() string) error { // want ZeroFromGenerated:`runs its function parameters \[5\]`
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		h = mint()
	}
	_, err := db.ExecContext(ctx, insertMessage, session, body, zero.StringFrom(h))
	return err
}

// null.NewString(s, s != ""): NULL when the header is absent.
func NewString(ctx context.Context, db *sql.DB, r *http.Request, session, body string) error {
	h := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, insertMessage, session, body, null.NewString(h, h != "")) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	return err
}

// null.StringFrom is always valid: never NULL.
func AlwaysValid(ctx context.Context, db *sql.DB, session, body string) error {
	_, err := db.ExecContext(ctx, insertMessage, session, body, null.StringFrom(session+":"+body))
	return err
}

// The zero null.String: NULL.
func Zero(ctx context.Context, db *sql.DB, session, body string) error {
	var k null.String
	_, err := db.ExecContext(ctx, insertMessage, session, body, k) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	return err
}
