// Package pgxv4 writes keys through pgx v4 (github.com/jackc/pgx/v4): Exec
// on a connection and a pool, Batch.Queue, and CopyFrom. v4 has no
// NamedArgs.
package pgxv4

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

//go:embed schema.sql
var schema string

const insertMsg = `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

func connExec(ctx context.Context, conn *pgx.Conn, r *http.Request, s, b string) error {
	key := headerKey(r)
	conn.Exec(ctx, insertMsg, s, b, key) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: pgxv4.headerKey can return a nil literal`
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err := conn.Exec(ctx, insertMsg, s, b, key)
	return err
}

func poolExec(ctx context.Context, pool *pgxpool.Pool, r *http.Request, a string) {
	pool.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, a, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Header.Get`
	pool.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, a, rand.Text())
}

func batch(ctx context.Context, pool *pgxpool.Pool, s, b string) error {
	batch := &pgx.Batch{}
	batch.Queue(insertMsg, s, b, nil) // want `IDEM201: .*nil`
	k := rand.Text()
	batch.Queue(insertMsg, s, b, &k)
	batch.Queue(`INSERT INTO messages (session_id, body) VALUES ($1, $2)`, s, b) // want `IDEM201: .*the INSERT leaves out idempotency_key`
	return pool.SendBatch(ctx, batch).Close()
}

func copyFrom(ctx context.Context, conn *pgx.Conn, tx pgx.Tx, rows [][]interface{}) {
	conn.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body"}, pgx.CopyFromRows(rows)) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: CopyFrom leaves out idempotency_key, which has no database default`
	tx.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, pgx.CopyFromRows(rows))
	src := pgx.CopyFromSlice(len(rows), func(i int) ([]interface{}, error) { return rows[i], nil })
	tx.CopyFrom(ctx, pgx.Identifier{"public", "messages"}, []string{"session_id", "body"}, src) // want `IDEM201: .*CopyFrom leaves out idempotency_key`
	conn.CopyFrom(ctx, pgx.Identifier{"jobs"}, []string{"queue"}, src)                          // partial index: keyless jobs on purpose
}

// EnqueueOptions: an empty DedupKey is stored as NULL.
type EnqueueOptions struct {
	DedupKey string
}

// Enqueue writes "" as NULL through NULLIF: a caller's empty key is the
// NULL.
func Enqueue(ctx context.Context, pool *pgxpool.Pool, author string, opts EnqueueOptions) error { // want Enqueue:`writes key param 3.DedupKey → notes.idempotency_key`
	_, err := pool.Exec(ctx, `INSERT INTO notes (author, idempotency_key) VALUES ($1, NULLIF($2, ''))`, author, opts.DedupKey)
	return err
}

func enqueueHeader(ctx context.Context, pool *pgxpool.Pool, r *http.Request) error {
	opts := EnqueueOptions{DedupKey: r.Header.Get("Idempotency-Key")}
	return Enqueue(ctx, pool, "mail", opts) // want `IDEM201: idempotency key notes.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent .*passed to pgxv4.Enqueue, which writes it into notes.idempotency_key as NULL when it is empty`
}

func enqueueDerived(ctx context.Context, pool *pgxpool.Pool, day string) error {
	if day == "" {
		return errors.New("day required")
	}
	return Enqueue(ctx, pool, "mail", EnqueueOptions{DedupKey: "nightly-" + day})
}
