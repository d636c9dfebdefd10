// Package goquapi inserts rows with goqu: structs with db tags, goqu
// records, and Cols/Vals, read from the chain that runs the insert.
package goquapi

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"github.com/doug-martin/goqu/v9"
)

//go:embed schema.sql
var schema string

type message struct {
	ID             int64   `db:"id" goqu:"skipinsert"`
	SessionID      string  `db:"session_id"`
	Body           string  `db:"body"`
	IdempotencyKey *string `db:"idempotency_key"`
}

// omitnil: a nil key leaves the column out, to its (missing) default.
type messageOmitNil struct {
	SessionID      string  `db:"session_id"`
	Body           string  `db:"body"`
	IdempotencyKey *string `db:"idempotency_key" goqu:"omitnil"`
}

// skipinsert: the key is never written.
type messageSkip struct {
	SessionID      string `db:"session_id"`
	Body           string `db:"body"`
	IdempotencyKey string `db:"idempotency_key" goqu:"skipinsert"`
}

// The payments table has a default for the key: omitempty leaves it to it.
type payment struct {
	AccountID      string `db:"account_id"`
	IdempotencyKey string `db:"idempotency_key" goqu:"omitempty"`
}

type event struct {
	Source string `db:"source"`
	Key    string `db:"idempotency_key"`
}

// The key field is left out of the literal: goqu writes nil, so NULL.
func LeftOut(ctx context.Context, db *goqu.Database, session, body string) error {
	_, err := db.Insert("messages").Rows(message{SessionID: session, Body: body}). // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out of the message literal, so goqu writes NULL`
											Executor().ExecContext(ctx)
	return err
}

// Set from a header that may be absent.
func NilWhenAbsent(ctx context.Context, db *goqu.Database, r *http.Request, session, body string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := db.Insert("messages").Rows(message{SessionID: session, Body: body, IdempotencyKey: key}).Executor().ExecContext(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	return err
}

// Checked first: fine.
func Checked(ctx context.Context, db *goqu.Database, r *http.Request, session, body string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := db.Insert("messages").Rows(message{SessionID: session, Body: body, IdempotencyKey: &key}).Executor().ExecContext(ctx)
	return err
}

// omitnil: a nil key is left out, and the column has no default.
func OmitNil(ctx context.Context, db *goqu.Database, session, body string) error {
	_, err := db.Insert("messages").Rows(messageOmitNil{SessionID: session, Body: body}).Executor().ExecContext(ctx) // want `IDEM201: .*the IdempotencyKey field is left out of the messageOmitNil literal, so goqu leaves idempotency_key to its database default, and it has none: NULL`
	return err
}

// skipinsert: the column is never written.
func Skip(ctx context.Context, db *goqu.Database, session, body string) error {
	_, err := db.Insert("messages").Rows(messageSkip{SessionID: session, Body: body, IdempotencyKey: "k"}).Executor().ExecContext(ctx) // want `IDEM201: .*goqu's Insert\("messages"\) leaves out idempotency_key, which has no database default`
	return err
}

// omitempty into a column with a database default: fine.
func OmitEmptyDefault(ctx context.Context, db *goqu.Database, account string) error {
	_, err := db.Insert("payments").Rows(payment{AccountID: account}).Executor().ExecContext(ctx)
	return err
}

// Cols and Vals, then ToSQL.
func ColsVals(ctx context.Context, r *http.Request, source string) (string, []interface{}, error) {
	key := r.Header.Get("Idempotency-Key")
	return goqu.Dialect("postgres").Insert("events").Cols("source", "idempotency_key").Vals(goqu.Vals{source, key}).ToSQL() // want `IDEM202: idempotency key events.idempotency_key can be empty here`
}

// A goqu.Record.
func Record(ctx context.Context, db *goqu.Database, r *http.Request, source string) error {
	key := r.Header.Get("Idempotency-Key")
	_, err := db.Insert(goqu.T("events")).Rows(goqu.Record{"source": source, "idempotency_key": key}).Executor().ExecContext(ctx) // want `IDEM202: idempotency key events.idempotency_key can be empty here`
	return err
}

// A row in a variable with its key set from the request.
func RowVar(ctx context.Context, db *goqu.Database, r *http.Request, source string) error {
	ev := event{Source: source, Key: r.Header.Get("Idempotency-Key")}
	_, err := db.Insert("events").Rows(ev).Executor().ExecContext(ctx) // want `IDEM202: idempotency key events.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*; ev.Key is written into the row`
	return err
}

// The same row, its key checked after the literal: fine.
func RowVarChecked(ctx context.Context, db *goqu.Database, r *http.Request, source string) error {
	ev := event{Source: source, Key: r.Header.Get("Idempotency-Key")}
	if ev.Key == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := db.Insert("events").Rows(ev).Executor().ExecContext(ctx)
	return err
}

// ValsLoop writes one row per session; an explicit nil key is NULL.
func ValsLoop(ctx context.Context, db *goqu.Database, sessions []string, body string) error {
	ins := db.Insert("messages").Cols("session_id", "body", "idempotency_key")
	for _, s := range sessions {
		ins = ins.Vals(goqu.Vals{s, body, nil}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: a nil literal is written into the row`
	}
	_, err := ins.Executor().ExecContext(ctx)
	return err
}

// ValsLoopDefault: an explicit nil is NULL in the INSERT, so the
// column's default does not apply.
func ValsLoopDefault(ctx context.Context, db *goqu.Database, accounts []string) error {
	ins := db.Insert("payments").Cols("account_id", "idempotency_key")
	for _, a := range accounts {
		ins = ins.Vals(goqu.Vals{a, nil}) // want `IDEM201: idempotency key payments.idempotency_key can be NULL here: a nil literal is written into the row`
	}
	_, err := ins.Executor().ExecContext(ctx)
	return err
}

// ValsLoopKeyed mints a key per row.
func ValsLoopKeyed(ctx context.Context, db *goqu.Database, sessions []string, body string) error {
	ins := db.Insert("messages").Cols("session_id", "body", "idempotency_key")
	for _, s := range sessions {
		ins = ins.Vals(goqu.Vals{s, body, rand.Text()})
	}
	_, err := ins.Executor().ExecContext(ctx)
	return err
}
