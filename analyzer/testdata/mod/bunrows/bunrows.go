// Package bunrows inserts bun rows through an embedded (,extend) wrapper
// and slices appended in a loop.
package bunrows

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

// Entry is the domain model, with its table.
type Entry struct {
	bun.BaseModel `bun:"table:messages"`

	SessionID      string  `bun:"session_id"`
	Body           string  `bun:"body"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// entryRow extends it with the row's own columns; bun takes Entry's table.
type entryRow struct {
	ID     int64 `bun:"id,pk,autoincrement"`
	*Entry `bun:",extend"`
}

type Store struct{ db *bun.DB }

// InsertEntry writes e's key unchecked: a *string any caller may leave nil.
func (s *Store) InsertEntry(ctx context.Context, e *Entry) error { // want InsertEntry:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	_, err := s.db.NewInsert().Model(&entryRow{Entry: e}).Exec(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: InsertEntry's parameter field e.IdempotencyKey is a \*string`
	return err
}

// InsertChecked checks it first: fine.
func (s *Store) InsertChecked(ctx context.Context, e *Entry) error {
	if e.IdempotencyKey == nil {
		return errors.New("missing key")
	}
	_, err := s.db.NewInsert().Model(&entryRow{Entry: e}).Exec(ctx)
	return err
}

type message struct {
	bun.BaseModel `bun:"table:messages"`

	ID             int64   `bun:"id,pk,autoincrement"`
	SessionID      string  `bun:"session_id"`
	Body           string  `bun:"body"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// Rows appended in a loop, and the same with the key checked.
func (s *Store) Batch(ctx context.Context, r *http.Request, bodies []string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	var rows []message
	for _, b := range bodies {
		rows = append(rows, message{SessionID: "s", Body: b, IdempotencyKey: key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	}
	_, err := s.db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

func (s *Store) BatchChecked(ctx context.Context, r *http.Request, bodies []string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	rows := []*message{}
	for _, b := range bodies {
		m := &message{SessionID: "s", Body: b, IdempotencyKey: &key}
		rows = append(rows, m)
	}
	_, err := s.db.NewInsert().Model(&rows).Exec(ctx)
	return err
}
