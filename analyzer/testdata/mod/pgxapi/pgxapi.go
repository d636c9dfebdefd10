// Package pgxapi writes keys through pgx: NamedArgs, Batch.Queue and
// CopyFrom.
package pgxapi

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
)

//go:embed schema.sql
var schema string

const (
	insertNamed = `INSERT INTO messages (session_id, body, idempotency_key) VALUES (@session_id, @body, @idempotency_key)`
	insertMsg   = `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`
)

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

func namedArgs(ctx context.Context, conn *pgx.Conn, r *http.Request, s, b string) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	conn.Exec(ctx, insertNamed, pgx.NamedArgs{"session_id": s, "body": b, "idempotency_key": key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
}

func namedArgsGuarded(ctx context.Context, conn *pgx.Conn, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err := conn.Exec(ctx, insertNamed, pgx.NamedArgs{"session_id": s, "body": b, "idempotency_key": key})
	return err
}

func namedArgsLeftOut(ctx context.Context, conn *pgx.Conn, s, b string) {
	conn.Exec(ctx, insertNamed, pgx.NamedArgs{"session_id": s, "body": b}) // want `IDEM201: .*the "idempotency_key" key is left out of the NamedArgs literal, so pgx writes NULL`
	conn.Exec(ctx, insertNamed, pgx.NamedArgs{"session_id": s, "body": b, "idempotency_key": rand.Text()})
	conn.Exec(ctx, insertNamed, pgx.StrictNamedArgs{"session_id": s, "body": b}) // pgx fails on the missing name: no row
}

func emptyNamed(ctx context.Context, conn *pgx.Conn, r *http.Request, a string) {
	conn.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (@account, @key)`,
		pgx.NamedArgs{"account": a, "key": r.Header.Get("Idempotency-Key")}) // want `IDEM202: .*Header.Get`
}

func batch(ctx context.Context, conn *pgx.Conn, r *http.Request, s, b string) {
	batch := &pgx.Batch{}
	key := headerKey(r)
	batch.Queue(insertMsg, s, b, nil) // want `IDEM201: .*nil`
	k := rand.Text()
	batch.Queue(insertMsg, s, b, &k)
	batch.Queue(`INSERT INTO messages (session_id, body) VALUES ($1, $2)`, s, b) // want `IDEM201: .*the INSERT leaves out idempotency_key`
	if key != nil {
		batch.Queue(insertMsg, s, b, key)
	}
	conn.SendBatch(ctx, batch).Close()
}

func copyFrom(ctx context.Context, conn *pgx.Conn, tx pgx.Tx, rows [][]any, cols []string) {
	src := pgx.CopyFromRows(rows)
	conn.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body"}, src)         // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: CopyFrom leaves out idempotency_key, which has no database default`
	tx.CopyFrom(ctx, pgx.Identifier{"public", "messages"}, []string{"session_id", "body"}, src) // want `IDEM201: .*CopyFrom leaves out idempotency_key`
	conn.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, src)
	conn.CopyFrom(ctx, pgx.Identifier{"jobs"}, []string{"queue"}, src)    // partial index: keyless jobs on purpose
	conn.CopyFrom(ctx, pgx.Identifier{"events"}, []string{"source"}, src) // the database fills the key
	conn.CopyFrom(ctx, pgx.Identifier{"messages"}, cols, src)             // columns not known
}

// NamedVarKey binds its parameter through a NamedArgs variable: its
// callers decide, as for the same map written in the call.
func NamedVarKey(ctx context.Context, conn *pgx.Conn, s, b string, key *string) error { // want NamedVarKey:`writes key param 4 → messages.idempotency_key`
	args := pgx.NamedArgs{"session_id": s, "body": b, "idempotency_key": key} // want `IDEM201: .*NamedVarKey's parameter key is a \*string, so every caller may pass nil`
	_, err := conn.Exec(ctx, insertNamed, args)
	return err
}

// NamedVarAccount's key is a string: an empty one is its callers' to
// avoid.
func NamedVarAccount(ctx context.Context, conn *pgx.Conn, account, key string) error { // want NamedVarAccount:`writes key param 3 → payments.idempotency_key`
	args := pgx.NamedArgs{"account": account, "key": key}
	_, err := conn.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (@account, @key)`, args)
	return err
}

func namedVarCallers(ctx context.Context, conn *pgx.Conn, r *http.Request, s, b string) {
	NamedVarKey(ctx, conn, s, b, nil)                              // want `IDEM201: .*passed to pgxapi.NamedVarKey`
	NamedVarAccount(ctx, conn, s, r.Header.Get("Idempotency-Key")) // want `IDEM202: .*passed to pgxapi.NamedVarAccount`
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		NamedVarKey(ctx, conn, s, b, &h)
		NamedVarAccount(ctx, conn, s, h)
	}
}

// A NamedArgs variable filled in the function: its literal's values are
// followed as the call's.
func namedVarLocal(ctx context.Context, conn *pgx.Conn, r *http.Request, a string) {
	args := pgx.NamedArgs{"account": a, "key": r.Header.Get("Idempotency-Key")} // want `IDEM202: .*Header.Get`
	conn.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (@account, @key)`, args)
	checked := pgx.NamedArgs{"account": a, "key": rand.Text()}
	conn.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES (@account, @key)`, checked)
}
