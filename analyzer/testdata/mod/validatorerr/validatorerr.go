// Package validatorerr checks that a validator counts as the check of a
// key only where it can reject: its error reaches a return or a branch.
// A validator whose error is dropped (`_ = validate.Struct(in)`, or the
// call as a statement) checks nothing, so the *string key is still every
// caller's to pass, as if no validator were called.
package validatorerr

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"

	playground "github.com/go-playground/validator/v10"
)

//go:embed schema.sql
var Schema string

type Repo struct{ DB *sql.DB }

// Input's key is required by its validation rules.
type Input struct {
	SessionID      string  `json:"sessionId" validate:"required"`
	IdempotencyKey *string `json:"idempotencyKey" validate:"required"`
}

var validate = playground.New()

// Ignored validates, then drops the error: the contract is its callers'.
func (r *Repo) Ignored(ctx context.Context, in *Input) error { // want Ignored:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	_ = validate.Struct(in)
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey) // want `IDEM201: .*Ignored's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	return err
}

// Statement calls the validator as a statement: its error goes nowhere.
func (r *Repo) Statement(ctx context.Context, in *Input) error { // want Statement:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	validate.Struct(in)
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey) // want `IDEM201: .*Statement's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	return err
}

// Unread keeps the error in a variable it never reads.
func (r *Repo) Unread(ctx context.Context, in *Input) error { // want Unread:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	verr := validate.Struct(in)
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey) // want `IDEM201: .*Unread's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	_ = verr
	return err
}

// Checked tests the error where it is returned: no finding.
func (r *Repo) Checked(ctx context.Context, in *Input) error {
	if err := validate.Struct(in); err != nil {
		return err
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// CheckedLater keeps the error and tests it later: no finding.
func (r *Repo) CheckedLater(ctx context.Context, in *Input) error {
	verr := validate.Struct(in)
	if verr != nil {
		return fmt.Errorf("invalid input: %w", verr)
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// validated is an input whose own method checks it.
type validated struct {
	SessionID      string
	IdempotencyKey *string
}

func (v *validated) Validate() error {
	if v.IdempotencyKey == nil {
		return fmt.Errorf("idempotency key required")
	}
	return nil
}

// OwnReturned returns its own validator's error: no finding.
func (r *Repo) OwnReturned(ctx context.Context, in *validated) error {
	if err := in.Validate(); err != nil {
		return err
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// OwnDropped calls its own validator as a statement: nothing rejects.
func (r *Repo) OwnDropped(ctx context.Context, in *validated) error { // want OwnDropped:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	in.Validate()
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey) // want `IDEM201: .*OwnDropped's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	return err
}
