// Package chatrepo is the repository layer of the example: the
// key arrives as a *string field of the input, optional as the API schema
// says. The type is the contract: an insert that does not check it is
// reported here, and so is each caller that passes a key that may be nil.
package chatrepo

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"errors"

	playground "github.com/go-playground/validator/v10"
)

//go:embed schema.sql
var Schema string

type Repo struct{ DB *sql.DB }

type CreateMessageInput struct {
	SessionID      string  `json:"sessionId"`
	IdempotencyKey *string `json:"idempotencyKey,omitempty"` // optional, as the API schema says
}

// Create inserts whatever key its caller sends.
func (r *Repo) Create(ctx context.Context, in CreateMessageInput) error { // want Create:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: Create's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	return err
}

var ErrNoKey = errors.New("idempotency key required")

// CreateChecked refuses a keyless message: no finding, here or at its
// callers (it exports no key fact).
func (r *Repo) CreateChecked(ctx context.Context, in CreateMessageInput) error {
	if in.IdempotencyKey == nil {
		return ErrNoKey
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// CreateGenerated makes a key when none was sent.
func (r *Repo) CreateGenerated(ctx context.Context, in CreateMessageInput) error {
	if in.IdempotencyKey == nil {
		k := rand.Text()
		in.IdempotencyKey = &k
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// CreateCoalesce lets the database make one.
func (r *Repo) CreateCoalesce(ctx context.Context, in CreateMessageInput) error {
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, COALESCE($2, gen_random_uuid()::text))`, in.SessionID, in.IdempotencyKey)
	return err
}

// ValidatedInput says the key is required, and CreateValidated checks it.
type ValidatedInput struct {
	SessionID      string  `json:"sessionId" validate:"required"`
	IdempotencyKey *string `json:"idempotencyKey" validate:"required"`
}

type validator interface{ Struct(any) error }

func (r *Repo) CreateValidated(ctx context.Context, v validator, in *ValidatedInput) error {
	if err := v.Struct(in); err != nil {
		return err
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// CreateNull takes the key as a sql.NullString parameter: the same contract.
func (r *Repo) CreateNull(ctx context.Context, session string, key sql.NullString) error { // want CreateNull:`writes key param 2 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, session, key) // want `IDEM201: .*CreateNull's parameter key is a sql.NullString, so every caller may pass an invalid \(NULL\) one, and nothing here checks it`
	return err
}

// CreateKey takes a plain string: it cannot be NULL, and its callers are
// checked for "" through the fact.
func (r *Repo) CreateKey(ctx context.Context, session, key string) error { // want CreateKey:`writes key param 2 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, session, key)
	return err
}

// OptionalKeyInput has no rule for its key: go-playground's validator
// passes a nil one.
type OptionalKeyInput struct {
	SessionID      string  `json:"sessionId" validate:"required"`
	IdempotencyKey *string `json:"idempotencyKey"`
}

var validate = playground.New()

// CreatePlayground validates its input, whose rules do not require the
// key: the contract is still its callers'.
func (r *Repo) CreatePlayground(ctx context.Context, in OptionalKeyInput) error { // want CreatePlayground:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	if err := validate.Struct(in); err != nil {
		return err
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey) // want `IDEM201: .*CreatePlayground's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
	return err
}

// CreatePlaygroundRequired validates a key tagged required: no finding.
func (r *Repo) CreatePlaygroundRequired(ctx context.Context, in *ValidatedInput) error {
	if err := validate.StructCtx(ctx, in); err != nil {
		return err
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}

// CreatePlaygroundVar validates the key itself: no finding.
func (r *Repo) CreatePlaygroundVar(ctx context.Context, in OptionalKeyInput) error {
	if err := validate.Var(in.IdempotencyKey, "required"); err != nil {
		return err
	}
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, in.SessionID, in.IdempotencyKey)
	return err
}
