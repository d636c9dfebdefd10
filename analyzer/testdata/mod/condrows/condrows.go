// Package condrows writes rows whose key is set only when the caller sent
// one (if x.Key != "" { row.IdempotencyKey = &x.Key }): the NULL comes
// from the caller's empty key, so the callers that can pass one are
// reported, through a fact, and the writer itself is not.
package condrows

import (
	"context"
	"crypto/rand"
	_ "embed"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

// In is what callers send, one per row.
type In struct {
	Session, Body, Key string
}

type Message struct {
	bun.BaseModel  `bun:"table:messages"`
	ID             int64 `bun:",pk,autoincrement"`
	SessionID      string
	Body           string
	IdempotencyKey *string
}

// Save sets each row's key only when its element has one.
func Save(ctx context.Context, db *bun.DB, in []In) error { // want Save:`writes key param 2.\[\].Key → messages.idempotency_key`
	rows := make([]Message, 0, len(in))
	for _, x := range in {
		row := Message{SessionID: x.Session, Body: x.Body}
		if x.Key != "" {
			row.IdempotencyKey = &x.Key
		}
		rows = append(rows, row)
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// SaveOne is the same for one row.
func SaveOne(ctx context.Context, db *bun.DB, in In) error { // want SaveOne:`writes key param 2.Key → messages.idempotency_key`
	row := Message{SessionID: in.Session, Body: in.Body}
	if in.Key != "" {
		row.IdempotencyKey = &in.Key
	}
	_, err := db.NewInsert().Model(&row).Exec(ctx)
	return err
}

// SaveMinted makes a key for an element without one: nothing for its
// callers.
func SaveMinted(ctx context.Context, db *bun.DB, in []In) error {
	rows := make([]Message, 0, len(in))
	for _, x := range in {
		key := x.Key
		if key == "" {
			key = rand.Text()
		}
		rows = append(rows, Message{SessionID: x.Session, Body: x.Body, IdempotencyKey: &key})
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// Queue binds the key through pgx's NamedArgs only when the element has
// one: a name missing from the map is bound as NULL.
func Queue(ctx context.Context, conn *pgx.Conn, in []In) error { // want Queue:`writes key param 2.\[\].Key → messages.idempotency_key`
	batch := &pgx.Batch{}
	for _, x := range in {
		args := pgx.NamedArgs{"session_id": x.Session, "body": x.Body}
		if x.Key != "" {
			args["idempotency_key"] = x.Key
		}
		batch.Queue(`INSERT INTO messages (session_id, body, idempotency_key) VALUES (@session_id, @body, @idempotency_key)`, args)
	}
	return conn.SendBatch(ctx, batch).Close()
}

// SaveHeader makes the value itself, from the request: the NULL is its
// own, reported here.
func SaveHeader(ctx context.Context, db *bun.DB, r *http.Request) error {
	row := Message{SessionID: "s", Body: "b"}
	h := r.Header.Get("Idempotency-Key")
	if h != "" {
		row.IdempotencyKey = &h
	}
	_, err := db.NewInsert().Model(&row).Exec(ctx) // want `IDEM201: .*IdempotencyKey is not set in the Message literal when the Idempotency-Key header is absent`
	return err
}

// QueueHeader is the same through pgx's NamedArgs.
func QueueHeader(ctx context.Context, conn *pgx.Conn, r *http.Request) error {
	args := pgx.NamedArgs{"session_id": "s", "body": "b"}
	if h := r.Header.Get("Idempotency-Key"); h != "" { // want `IDEM201: .*empty when the Idempotency-Key header is absent \(Header.Get, line \d+\), so pgx writes NULL`
		args["idempotency_key"] = h
	}
	_, err := conn.Exec(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (@session_id, @body, @idempotency_key)`, args)
	return err
}
