// Package entityvalidate checks that a key is checked when the function
// checks the entity it builds from it: p := Payout{Key: IdempotencyKey(in.Key)},
// then p.Validate() (its error handled) or if p.Key == "". The callers
// of such a function are not asked for a key; those of one that drops
// the validation's error, or validates nothing, are.
package entityvalidate

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"
)

//go:embed schema.sql
var Schema string

var errNoKey = errors.New("an idempotency key is required")

// IdempotencyKey is a domain value object.
type IdempotencyKey string

// Payout is a domain entity that validates itself.
type Payout struct {
	TenantID string
	Key      IdempotencyKey
}

func (p Payout) Validate() error {
	if p.Key == "" {
		return errNoKey
	}
	return nil
}

type Store struct{ DB *sql.DB }

// Create writes an empty key as NULL: its callers decide.
func (s *Store) Create(ctx context.Context, p Payout) error { // want Create:`writes key param 1.Key → payouts.idempotency_key`
	_, err := s.DB.ExecContext(ctx, `INSERT INTO payouts (tenant_id, idempotency_key) VALUES ($1, $2)`,
		p.TenantID, sql.NullString{String: string(p.Key), Valid: p.Key != ""})
	return err
}

type In struct {
	TenantID       string
	IdempotencyKey string
}

// Validated builds the entity from its input and validates it: no fact.
func Validated(ctx context.Context, s *Store, in In) error {
	p := Payout{TenantID: in.TenantID, Key: IdempotencyKey(in.IdempotencyKey)}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Create(ctx, p)
}

// CheckedField tests the entity's key field: no fact.
func CheckedField(ctx context.Context, s *Store, in In) error {
	p := &Payout{TenantID: in.TenantID, Key: IdempotencyKey(in.IdempotencyKey)}
	if p.Key == "" {
		return errNoKey
	}
	return s.Create(ctx, *p)
}

// Ignored drops the validation's error: its callers decide.
func Ignored(ctx context.Context, s *Store, in In) error { // want Ignored:`writes key param 2.IdempotencyKey → payouts.idempotency_key`
	p := Payout{TenantID: in.TenantID, Key: IdempotencyKey(in.IdempotencyKey)}
	_ = p.Validate()
	return s.Create(ctx, p)
}

// Unvalidated validates another entity: its callers decide.
func Unvalidated(ctx context.Context, s *Store, in In) error { // want Unvalidated:`writes key param 2.IdempotencyKey → payouts.idempotency_key`
	p := Payout{TenantID: in.TenantID, Key: IdempotencyKey(in.IdempotencyKey)}
	other := Payout{TenantID: in.TenantID, Key: "fixed"}
	if err := other.Validate(); err != nil {
		return err
	}
	return s.Create(ctx, p)
}

// Handler passes a header that may be absent to each.
func Handler(w http.ResponseWriter, r *http.Request, s *Store) {
	ctx := r.Context()
	in := In{TenantID: "t", IdempotencyKey: r.Header.Get("Idempotency-Key")}
	_ = Validated(ctx, s, in)
	_ = CheckedField(ctx, s, in)
	_ = Ignored(ctx, s, in)     // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: .*passed to entityvalidate.Ignored`
	_ = Unvalidated(ctx, s, in) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: .*passed to entityvalidate.Unvalidated`
}
