// Package sqlliterals inserts with keys decided by the SQL text itself.
package sqlliterals

import (
	"context"
	"database/sql"
	_ "embed"
)

//go:embed schema.sql
var schema string

const insertMessage = `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`

func literals(ctx context.Context, db *sql.DB, s, b, k string) { // want literals:`writes key param 4 → messages.idempotency_key`
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body) VALUES ($1, $2)`, s, b)                           // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the INSERT leaves out idempotency_key, which has no database default`
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, NULL)`, s, b)    // want `IDEM201: .*the INSERT writes NULL into idempotency_key`
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, DEFAULT)`, s, b) // want `IDEM201: .*writes DEFAULT into idempotency_key, which has no database default`
	db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, '')`, s)                   // want `IDEM202: idempotency key payments.idempotency_key can be empty here: the INSERT writes the empty string into idempotency_key; unique constraint payments_account_id_idempotency_key_key \(account_id, idempotency_key\) then rejects every other keyless request`
	db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, NULL)", s, b, k) // want `IDEM201`

	// Negative cases, side by side.
	db.ExecContext(ctx, insertMessage, s, b, k)                                                     // a value-typed key: never NULL
	db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, s, k) // NOT NULL key, bound value
	db.ExecContext(ctx, `INSERT INTO jobs (queue) VALUES ($1)`, s)                                  // partial index: keyless jobs are optional on purpose
	db.ExecContext(ctx, `INSERT INTO jobs (queue, dedup_key) VALUES ($1, NULL)`, s)                 // same, written out
	db.ExecContext(ctx, `INSERT INTO events (source) VALUES ($1)`, s)                               // the database fills the key
	db.ExecContext(ctx, `INSERT INTO audit (what) VALUES ($1)`, s)                                  // a table the schema does not know
	db.QueryContext(ctx, `SELECT idempotency_key FROM messages WHERE session_id = $1`, s)           // not an insert
}

func prepared(ctx context.Context, db *sql.DB, s, b string) error {
	stmt, err := db.PrepareContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, NULL)`) // want `IDEM201: .*writes NULL`
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, s, b)
	return err
}

func suppressed(ctx context.Context, db *sql.DB, s, b string) {
	//idemlint:ignore IDEM201 messages from the importer never carry keys, on purpose
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body) VALUES ($1, $2)`, s, b)
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body) VALUES ($1, $2)`, s, b) //idemlint:ignore IDEM201 same
	//idemlint:ignore IDEM202 a different code does not silence IDEM201 // want `IDEM002: //idemlint:ignore IDEM202 suppresses nothing`
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body) VALUES ($1, $2)`, s, b) // want `IDEM201`
}
