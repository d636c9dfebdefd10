// Package pqcopy bulk-loads rows with lib/pq's COPY (pq.CopyIn): each
// stmt.Exec with values is one row of the listed columns, and the Exec
// without any ends the COPY.
package pqcopy

import (
	"database/sql"
	_ "embed"

	"github.com/lib/pq"
)

//go:embed schema.sql
var schema string

// ImportMessages leaves the key out of the COPY's columns: NULL in every
// row, reported once at the COPY, not at the Exec that ends it.
func ImportMessages(db *sql.DB, session string, bodies []string) error {
	txn, err := db.Begin()
	if err != nil {
		return err
	}
	defer txn.Rollback()
	stmt, err := txn.Prepare(pq.CopyIn("messages", "session_id", "body")) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: pq.CopyIn leaves out idempotency_key`
	if err != nil {
		return err
	}
	for _, b := range bodies {
		if _, err := stmt.Exec(session, b); err != nil {
			return err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		return err
	}
	return txn.Commit()
}

// ImportPayments writes each row's key as the caller gives it: the callers
// fill it, and the schema-qualified COPY is read the same way.
func ImportPayments(db *sql.DB, account string, keys []string) error { // want ImportPayments:`writes key param 2.\[\] → payments.idempotency_key`
	txn, err := db.Begin()
	if err != nil {
		return err
	}
	defer txn.Rollback()
	stmt, err := txn.Prepare(pq.CopyInSchema("public", "payments", "account_id", "idempotency_key"))
	if err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := stmt.Exec(account, k); err != nil {
			return err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		return err
	}
	return txn.Commit()
}

// ImportPaymentsEmpty writes the empty key into every row.
func ImportPaymentsEmpty(db *sql.DB, account string, n int) error {
	txn, err := db.Begin()
	if err != nil {
		return err
	}
	defer txn.Rollback()
	stmt, err := txn.Prepare(pq.CopyIn("payments", "account_id", "idempotency_key"))
	if err != nil {
		return err
	}
	for range n {
		if _, err := stmt.Exec(account, ""); err != nil { // want `IDEM202: idempotency key payments.idempotency_key can be empty here: an empty string literal`
			return err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		return err
	}
	return txn.Commit()
}
