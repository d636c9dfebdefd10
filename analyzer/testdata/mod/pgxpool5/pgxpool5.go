// Package pgxpool5 writes keys through pgx v5's pool and transactions:
// Exec with positional and named arguments, batches sent through the
// pool, and CopyFrom with CopyFromRows and CopyFromSlice.
package pgxpool5

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed schema.sql
var schema string

const insertMsg = `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`

func poolExec(ctx context.Context, pool *pgxpool.Pool, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if _, err := pool.Exec(ctx, insertMsg, s, b, key); err != nil { // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
		return err
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err := pool.Exec(ctx, insertMsg, s, b, key)
	return err
}

func poolNamed(ctx context.Context, pool *pgxpool.Pool, s, b string) {
	pool.Exec(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (@s, @b, @k)`, pgx.NamedArgs{"s": s, "b": b}) // want `IDEM201: .*the "k" key is left out of the NamedArgs literal, so pgx writes NULL`
	pool.Exec(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (@s, @b, @k)`, pgx.NamedArgs{"s": s, "b": b, "k": rand.Text()})
}

func txExec(ctx context.Context, pool *pgxpool.Pool, r *http.Request, a string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	tx.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, a, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Header.Get`
	tx.Exec(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, a, rand.Text())
	return tx.Commit(ctx)
}

func poolBatch(ctx context.Context, pool *pgxpool.Pool, s, b string) error {
	batch := &pgx.Batch{}
	batch.Queue(insertMsg, s, b, nil) // want `IDEM201: .*nil`
	k := rand.Text()
	batch.Queue(insertMsg, s, b, &k)
	batch.Queue(`INSERT INTO messages (session_id, body, idempotency_key) VALUES (@s, @b, @k)`, pgx.NamedArgs{"s": s, "b": b}) // want `IDEM201: .*the "k" key is left out of the NamedArgs literal`
	batch.Queue(`INSERT INTO jobs (queue) VALUES ($1)`, s)                                                                     // partial index: keyless jobs on purpose
	return pool.SendBatch(ctx, batch).Close()
}

type message struct {
	Session, Body string
	Key           *string
}

func poolCopy(ctx context.Context, pool *pgxpool.Pool, msgs []message) error {
	src := pgx.CopyFromSlice(len(msgs), func(i int) ([]any, error) {
		return []any{msgs[i].Session, msgs[i].Body}, nil
	})
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body"}, src); err != nil { // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: CopyFrom leaves out idempotency_key, which has no database default`
		return err
	}
	rows := [][]any{{msgs[0].Session, msgs[0].Body, rand.Text()}}
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"events"}, []string{"source"}, src) // the database fills the key
	return err
}

// copyUntyped names the table with a plain []string, as sqlc's generated
// copyfrom code does: it is pgx.Identifier all the same.
func copyUntyped(ctx context.Context, tx pgx.Tx, rows [][]any) error {
	_, err := tx.CopyFrom(ctx, []string{"messages"}, []string{"session_id", "body"}, pgx.CopyFromRows(rows)) // want `IDEM201: .*CopyFrom leaves out idempotency_key`
	return err
}

type Entry struct {
	Author string
	Key    *string
}

func entryText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}

// InsertEntry converts a nil key to NULL through a helper: a conversion,
// not a check, so its signature still lets every caller pass nil.
func InsertEntry(ctx context.Context, pool *pgxpool.Pool, e Entry) error { // want InsertEntry:`writes key param 2.Key → ledger_entries.idempotency_key`
	_, err := pool.Exec(ctx, `INSERT INTO ledger_entries (account_id, idempotency_key) VALUES ($1, $2)`, e.Author, entryText(e.Key)) // want `IDEM201: idempotency key ledger_entries.idempotency_key can be NULL here: InsertEntry's parameter field e.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when e.Key is nil; pgxpool5.entryText can return the zero pgtype.Text when p is nil`
	return err
}

// InsertEntryChecked rejects a nil key first: the helper never sees one.
func InsertEntryChecked(ctx context.Context, pool *pgxpool.Pool, e Entry) error {
	if e.Key == nil {
		return errors.New("key required")
	}
	_, err := pool.Exec(ctx, `INSERT INTO ledger_entries (account_id, idempotency_key) VALUES ($1, $2)`, e.Author, entryText(e.Key))
	return err
}

// nullIfEmpty writes an empty key as NULL, never as "".
func nullIfEmpty(s string) pgtype.Text { return pgtype.Text{String: s, Valid: s != ""} }

// InsertJob writes what its caller passes.
func InsertJob(ctx context.Context, pool *pgxpool.Pool, queue string, key pgtype.Text) error { // want InsertJob:`writes key param 3 → jobs.dedup_key`
	_, err := pool.Exec(ctx, `INSERT INTO jobs (queue, dedup_key) VALUES ($1, $2)`, queue, key)
	return err
}

// enqueue: a job without a header gets a NULL key, which the partial
// index leaves out on purpose; never an empty one.
func enqueue(ctx context.Context, pool *pgxpool.Pool, r *http.Request) error {
	if _, err := pool.Exec(ctx, `INSERT INTO jobs (queue, dedup_key) VALUES ($1, $2)`, "mail", nullIfEmpty(r.Header.Get("Idempotency-Key"))); err != nil {
		return err
	}
	return InsertJob(ctx, pool, "mail", nullIfEmpty(r.Header.Get("Idempotency-Key")))
}

// enqueueValid: a valid empty key is a key like any other.
func enqueueValid(ctx context.Context, pool *pgxpool.Pool, r *http.Request) error {
	h := r.Header.Get("Idempotency-Key")
	_, err := pool.Exec(ctx, `INSERT INTO jobs (queue, dedup_key) VALUES ($1, $2)`, "mail", entryText(&h)) // want `IDEM202: idempotency key jobs.dedup_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// namedCond sets the key's name only when there is a key: pgx sends NULL
// for a name the map lacks.
func namedCond(ctx context.Context, pool *pgxpool.Pool, e Entry) error { // want namedCond:"writes key param 2.Key → notes.idempotency_key"
	args := pgx.NamedArgs{"a": e.Author}
	if e.Key != nil {
		args["k"] = *e.Key
	}
	_, err := pool.Exec(ctx, `INSERT INTO notes (author, idempotency_key) VALUES (@a, @k)`, args) // want `IDEM201: idempotency key notes.idempotency_key can be NULL here: the "k" key is left out of the NamedArgs literal of args and set only when e.Key is not nil, so pgx writes NULL`
	return err
}

// namedGuarded rejects a missing key, then sets the name on every path.
func namedGuarded(ctx context.Context, pool *pgxpool.Pool, e Entry) error {
	if e.Key == nil {
		return errors.New("key required")
	}
	args := pgx.NamedArgs{"a": e.Author}
	args["k"] = *e.Key
	_, err := pool.Exec(ctx, `INSERT INTO notes (author, idempotency_key) VALUES (@a, @k)`, args)
	return err
}

// namedBothBranches sets the name on both branches.
func namedBothBranches(ctx context.Context, pool *pgxpool.Pool, e Entry) error {
	args := pgx.NamedArgs{"a": e.Author}
	if e.Key != nil {
		args["k"] = *e.Key
	} else {
		args["k"] = rand.Text()
	}
	_, err := pool.Exec(ctx, `INSERT INTO notes (author, idempotency_key) VALUES (@a, @k)`, args)
	return err
}

// batchSpread binds the values of a slice literal spread into Queue, as
// sqlc's :batchexec code does.
func batchSpread(ctx context.Context, pool *pgxpool.Pool, s, b string) error {
	batch := &pgx.Batch{}
	vals := []any{s, b, nil} // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: a nil literal is written into the row`
	batch.Queue(insertMsg, vals...)
	k := rand.Text()
	keyed := []any{s, b, &k}
	batch.Queue(insertMsg, keyed...)
	return pool.SendBatch(ctx, batch).Close()
}

// copyRefs copies rows built in a loop: a message without a ref has a nil
// key.
func copyRefs(ctx context.Context, pool *pgxpool.Pool, msgs []message, refs map[string]string) error {
	var rows [][]any
	for _, m := range msgs {
		var ref *string
		if v, ok := refs[m.Session]; ok {
			ref = &v
		}
		rows = append(rows, []any{m.Session, m.Body, ref}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil unless ok`
	}
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, pgx.CopyFromRows(rows))
	return err
}

// copyKeyed mints a key per row.
func copyKeyed(ctx context.Context, pool *pgxpool.Pool, msgs []message) error {
	rows := make([][]any, 0, len(msgs))
	for _, m := range msgs {
		rows = append(rows, []any{m.Session, m.Body, rand.Text()})
	}
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, pgx.CopyFromRows(rows))
	return err
}
