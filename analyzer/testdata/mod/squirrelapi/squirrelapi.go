// Package squirrelapi inserts rows with squirrel, whose INSERT is a chain
// of builder calls: the columns and values are read from the chain.
package squirrelapi

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	sq "github.com/Masterminds/squirrel"
)

//go:embed schema.sql
var schema string

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

// The key column is left out of the columns: every row's key is NULL.
func LeftOut(db *sql.DB, session, body string) error {
	_, err := sq.Insert("messages").Columns("session_id", "body"). // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: squirrel's Insert\("messages"\) leaves out idempotency_key`
									Values(session, body).RunWith(db).Exec()
	return err
}

// The column is listed but the value is nil when the header is absent.
func NilWhenAbsent(db *sql.DB, r *http.Request, session, body string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := sq.Insert("messages").
		Columns("session_id", "body", "idempotency_key").
		Values(session, body, key). // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
		RunWith(db).Exec()
	return err
}

// Generated when absent: fine.
func GeneratedWhenAbsent(db *sql.DB, r *http.Request, session, body string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := sq.Insert("messages").
		Columns("session_id", "body", "idempotency_key").
		Values(session, body, &key).
		RunWith(db).Exec()
	return err
}

// SetMap: the map literal gives the columns and the values. The header
// getter returns "" when the header is absent, and the column is NOT NULL.
func SetMapEmpty(ctx context.Context, db *sql.DB, r *http.Request, source string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := psql.Insert("events").SetMap(sq.Eq{
		"source":          source,
		"idempotency_key": key, // want `IDEM202: idempotency key events.idempotency_key can be empty here`
	}).RunWith(db).ExecContext(ctx)
	return err
}

// SetMap with the key checked: fine.
func SetMapChecked(ctx context.Context, db *sql.DB, r *http.Request, source string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := psql.Insert("events").SetMap(map[string]interface{}{"source": source, "idempotency_key": key}).RunWith(db).ExecContext(ctx)
	return err
}

// ToSql, then the code runs the statement itself.
func ToSQLEmpty(ctx context.Context, db *sql.DB, r *http.Request, source string) error {
	key := r.Header.Get("Idempotency-Key")
	q, args, err := psql.Insert("events").Columns("source", "idempotency_key").Values(source, key).ToSql() // want `IDEM202: idempotency key events.idempotency_key can be empty here`
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, q, args...)
	return err
}

// A builder kept in a variable, rows added in a loop.
func Batch(ctx context.Context, db *sql.DB, r *http.Request, bodies []string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	q := psql.Insert("messages").Columns("session_id", "body", "idempotency_key")
	for _, b := range bodies {
		q = q.Values("s", b, key) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	}
	_, err := q.RunWith(db).ExecContext(ctx)
	return err
}

// The key column left out, but it has a database default: fine.
func DefaultKey(db *sql.DB, account string) error {
	_, err := sq.Insert("payments").Columns("account_id").Values(account).RunWith(db).Exec()
	return err
}

// Columns not constant: nothing is known, nothing reported.
func Unknown(db *sql.DB, cols []string, vals []interface{}) error {
	_, err := sq.Insert("messages").Columns(cols...).Values(vals...).RunWith(db).Exec()
	return err
}
