// Package sqlxrebind writes INSERTs with ? placeholders through sqlx's
// Rebind, which only renumbers them for the driver: the statement is the
// constant inside it.
package sqlxrebind

import (
	"context"
	_ "embed"

	"github.com/jmoiron/sqlx"
)

//go:embed schema.sql
var schema string

const insertMessageNoKey = `INSERT INTO messages (session_id, body) VALUES (?, ?)`

// PostSystem leaves the key out of the column list: NULL in every row.
func PostSystem(db *sqlx.DB, session, body string) {
	db.MustExec(db.Rebind(insertMessageNoKey), session, body) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the INSERT leaves out idempotency_key`
}

// PostSystemTx is the same through a transaction and the package-level
// Rebind.
func PostSystemTx(ctx context.Context, tx *sqlx.Tx, session, body string) error {
	_, err := tx.ExecContext(ctx, sqlx.Rebind(sqlx.DOLLAR, insertMessageNoKey), session, body) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the INSERT leaves out idempotency_key`
	return err
}

// Pay writes its key parameter as it is: the callers fill it.
func Pay(ctx context.Context, db *sqlx.DB, account, key string) error { // want Pay:`writes key param 3 → payments.idempotency_key`
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO payments (account_id, idempotency_key) VALUES (?, ?)`), account, key)
	return err
}
