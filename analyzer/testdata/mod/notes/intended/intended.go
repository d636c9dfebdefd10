// Package intended writes audit rows whose key column's comment says NULL
// keys are meant for internal calls: code that writes NULL itself is only
// noted; a key that comes from a request is still checked.
package intended

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

// Record is an audit row.
type Record struct {
	Action         string
	IdempotencyKey sql.NullString
}

// Store writes audit rows.
type Store struct{ db *sql.DB }

// Create writes r; its callers decide the key.
func (s *Store) Create(ctx context.Context, r Record) error { // want Create:"writes key param 1.IdempotencyKey → audits.idempotency_key"
	_, err := s.db.ExecContext(ctx, `INSERT INTO audits (action, idempotency_key) VALUES ($1, $2)`, r.Action, r.IdempotencyKey) // want `IDEM201 not reported for audits.idempotency_key: callers may pass NULL here on purpose`
	return err
}

// LogLogin is an internal call: it leaves the key out on purpose.
func (s *Store) LogLogin(ctx context.Context) error {
	return s.Create(ctx, Record{Action: "login"}) // want `IDEM201 not reported for audits.idempotency_key: the code writes NULL here on purpose, as the column's comment says: "nullable for the service's internal calls."`
}

// LogDirect writes NULL in the statement itself.
func (s *Store) LogDirect(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO audits (action, idempotency_key) VALUES ('sweep', NULL)`) // want `IDEM201 not reported for audits.idempotency_key`
	return err
}

// FromRequest takes the key from a client: a missing header is a retry
// that is not deduplicated, whatever the comment says.
func (s *Store) FromRequest(r *http.Request) error {
	h := r.Header.Get("Idempotency-Key")
	return s.Create(r.Context(), Record{Action: "api", IdempotencyKey: sql.NullString{String: h, Valid: h != ""}}) // want `IDEM201: idempotency key audits.idempotency_key can be NULL here`
}

// CreateConverted turns a nil key into NULL at the insert: a NULL exactly
// when its caller passes nil, which the comment allows; its callers are
// judged on what they pass.
func (s *Store) CreateConverted(ctx context.Context, action string, key *string) error { // want CreateConverted:"writes key param 2 → audits.idempotency_key"
	var k sql.NullString
	if key != nil {
		k = sql.NullString{String: *key, Valid: true}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO audits (action, idempotency_key) VALUES ($1, $2)`, action, k) // want `IDEM201 not reported for audits.idempotency_key: callers may pass NULL here on purpose`
	return err
}

// ConvertedFromRequest passes a client's optional key on: reported.
func (s *Store) ConvertedFromRequest(r *http.Request) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return s.CreateConverted(r.Context(), "api", key) // want `IDEM201: idempotency key audits.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
}

// ConvertedInternal passes nil on purpose: noted.
func (s *Store) ConvertedInternal(ctx context.Context) error {
	return s.CreateConverted(ctx, "cron", nil) // want `IDEM201 not reported for audits.idempotency_key: the code writes NULL here on purpose`
}
