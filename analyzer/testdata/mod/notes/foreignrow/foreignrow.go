// Package foreignrow inserts rows built by mappers of another package:
// what a mapper leaves in the key field comes across as a fact; where no
// fact speaks for it (the mapper's own code does not tell), a note says
// so rather than pass in silence.
package foreignrow

import (
	"context"
	"database/sql"

	"example.com/libs/notes/foreignrow/rows"
)

func Insert(ctx context.Context, db *sql.DB, session, body string) error {
	row := rows.FromHook(session, body)
	_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, row.SessionID, row.Body, row.IdempotencyKey) // want `not followed: row.IdempotencyKey is a field of the value rows.FromHook returns, a function of another package whose result's fields idemlint does not follow`
	return err
}

// InsertInTx writes the row from a closure that captured it: noted too.
func InsertInTx(ctx context.Context, db *sql.DB, session, body string) error {
	row := rows.FromHook(session, body)
	return func() error {
		_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, row.SessionID, row.Body, row.IdempotencyKey) // want `not followed: row.IdempotencyKey is a field of the value rows.FromHook returns`
		return err
	}()
}

// InsertMapped writes a row whose key the mapper leaves NULL when the
// domain message has none: the fact says so, and the callers' nil
// decides (here, a literal nil). The notes module declares two tables
// named messages: one finding for each.
func InsertMapped(ctx context.Context, db *sql.DB, session, body string) error {
	row := rows.FromDomain(session, body, nil)
	_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, row.SessionID, row.Body, row.IdempotencyKey) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: .*rows.FromDomain returns a value whose IdempotencyKey is invalid \(NULL\)` `IDEM201: .*rows.FromDomain returns`
	return err
}
