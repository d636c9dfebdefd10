// Package valuerkey writes keys of types whose driver.Valuer writes ""
// as NULL (valuerkey/core): an empty one is a NULL key, which a nullable
// key column takes again and again, and which a NOT NULL column rejects
// loudly (no IDEM202); a type without such a method is written as "".
package valuerkey

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"

	"example.com/libs/notes/valuerkey/core"
)

//go:embed schema.sql
var schema string

type Transaction struct {
	Namespace      string
	IdempotencyKey core.IdempotencyKey
}

// FromHeader writes the header's key, "" when absent: NULL.
func FromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := core.IdempotencyKey(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO transactions (namespace, idempotency_key) VALUES ($1, $2)`, "ns", key) // want `IDEM201: idempotency key transactions.idempotency_key can be NULL here: .*, which core.IdempotencyKey's Value method writes as NULL`
	return err
}

// RefFromHeader: the same through the other way of writing the method.
func RefFromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := core.RefKey(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO transactions (namespace, idempotency_key) VALUES ($1, $2)`, "ns", key) // want `IDEM201: .*, which core.RefKey's Value method writes as NULL`
	return err
}

// UpperFromHeader: Upper's Value writes "" as "": an empty key, which the
// NOT NULL unique key takes once and then rejects as a duplicate, as for a
// plain string.
func UpperFromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := core.Upper(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO deliveries (idempotency_key) VALUES ($1)`, key) // want `IDEM202: idempotency key deliveries.idempotency_key can be empty here`
	return err
}

// DeliveryFromHeader: a NOT NULL key written through a Valuer that turns
// "" into NULL: the insert fails loudly, no silent duplicate.
func DeliveryFromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := core.IdempotencyKey(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO deliveries (idempotency_key) VALUES ($1)`, key)
	return err
}

// PlainFromHeader: no Valuer, "" is written as "".
func PlainFromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := core.Plain(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO deliveries (idempotency_key) VALUES ($1)`, key) // want `IDEM202: idempotency key deliveries.idempotency_key can be empty here`
	return err
}

// InsertTransaction writes its parameter's key: NULL when it is empty,
// which its callers decide.
func InsertTransaction(ctx context.Context, db *sql.DB, tx *Transaction) error { // want InsertTransaction:"writes key param 2.IdempotencyKey → transactions.idempotency_key"
	_, err := db.ExecContext(ctx, `INSERT INTO transactions (namespace, idempotency_key) VALUES ($1, $2)`, tx.Namespace, tx.IdempotencyKey)
	return err
}

// Internal inserts without a key: NULL.
func Internal(ctx context.Context, db *sql.DB) error {
	return InsertTransaction(ctx, db, &Transaction{Namespace: "ns"}) // want `IDEM201: idempotency key transactions.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is empty; passed to valuerkey.InsertTransaction, which writes it into transactions.idempotency_key as NULL when it is empty`
}

// Keyed passes a key: fine.
func Keyed(ctx context.Context, db *sql.DB, key string) error {
	if key == "" {
		key = "generated"
	}
	return InsertTransaction(ctx, db, &Transaction{Namespace: "ns", IdempotencyKey: core.IdempotencyKey(key)})
}
