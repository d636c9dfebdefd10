// Package sqlcgen is shaped like sqlc's generated code: the function only
// forwards its parameter, so its callers are where a missing key shows.
package sqlcgen

import (
	"context"
	"database/sql"
	_ "embed"
)

//go:embed schema.sql
var Schema string

type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
}

type Queries struct{ db DBTX }

func New(db DBTX) *Queries { return &Queries{db: db} }

const createMessage = `-- name: CreateMessage :exec
INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)
`

type CreateMessageParams struct {
	SessionID      string
	Body           string
	IdempotencyKey sql.NullString
}

func (q *Queries) CreateMessage(ctx context.Context, arg CreateMessageParams) error { // want CreateMessage:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	_, err := q.db.ExecContext(ctx, createMessage, arg.SessionID, arg.Body, arg.IdempotencyKey)
	return err
}

const createPayment = `-- name: CreatePayment :exec
INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)
`

func (q *Queries) CreatePayment(ctx context.Context, accountID, idempotencyKey string) error { // want CreatePayment:`writes key param 2 → payments.idempotency_key`
	_, err := q.db.ExecContext(ctx, createPayment, accountID, idempotencyKey)
	return err
}
