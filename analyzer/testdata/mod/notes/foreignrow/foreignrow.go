// Package foreignrow inserts a row built by a mapper of another package:
// the row's fields are that function's, which is not followed across
// packages, and a note says so rather than pass in silence.
package foreignrow

import (
	"context"
	"database/sql"

	"example.com/libs/notes/foreignrow/rows"
)

func Insert(ctx context.Context, db *sql.DB, session, body string, key *string) error {
	row := rows.FromDomain(session, body, key)
	_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, row.SessionID, row.Body, row.IdempotencyKey) // want `not followed: row.IdempotencyKey is a field of the value rows.FromDomain returns, a function of another package whose result's fields idemlint does not follow`
	return err
}

// InsertInTx writes the row from a closure that captured it: noted too.
func InsertInTx(ctx context.Context, db *sql.DB, session, body string, key *string) error {
	row := rows.FromDomain(session, body, key)
	return func() error {
		_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, row.SessionID, row.Body, row.IdempotencyKey) // want `not followed: row.IdempotencyKey is a field of the value rows.FromDomain returns`
		return err
	}()
}
