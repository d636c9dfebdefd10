package flow

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
)

// database/sql's named arguments: sql.Named("key", v) binds the INSERT's
// :key or @key (SQLite's and SQL Server's drivers) to v, which is then
// judged as a positional argument is.

func insertNamedHeader(ctx context.Context, db *sql.DB, r *http.Request) {
	db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (:account, :key)`,
		sql.Named("account", r.PathValue("account")), sql.Named("key", r.Header.Get("Idempotency-Key"))) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent \(Header.Get, line \d+\)`
}

func insertNamedChecked(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("idempotency key required")
	}
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (@account, @key)`,
		sql.Named("account", r.PathValue("account")), sql.Named("key", key))
	return err
}

// InsertNamedPayment leaves the key to its callers.
func InsertNamedPayment(ctx context.Context, db *sql.DB, account, key string) error { // want InsertNamedPayment:`writes key param 3 → payments.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (:account, :key)`,
		sql.Named("account", account), sql.Named("key", key))
	return err
}

func postNamedPayment(ctx context.Context, db *sql.DB, r *http.Request) error {
	return InsertNamedPayment(ctx, db, r.PathValue("account"), r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent \(Header.Get, line \d+\)`
}

// insertNamedNullKey binds an invalid NullString: NULL in a key whose
// NULLs repeat.
func insertNamedNullKey(ctx context.Context, db *sql.DB, session, body string) {
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (:session, :body, :key)`,
		sql.Named("session", session), sql.Named("body", body), sql.Named("key", sql.NullString{})) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
}
