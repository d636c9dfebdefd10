package pg // want package:`example.com/libs/fmtwire/pg.Store.Place implements example.com/libs/fmtwire/app.Store.Place, writes key param 1.IdempotencyKey → orders.idempotency_key, param 2.DedupKey → outbox.dedup_key`

// Package pg implements app's store with database/sql.

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/fmtwire/app"
)

//go:embed schema.sql
var Schema string

type Store struct{ db *sql.DB }

func New(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) Place(ctx context.Context, o app.Order, e app.Event) error { // want `not followed: Store.Place writes parameter 1 \(.IdempotencyKey\) into orders.idempotency_key and implements app.Store.Place` Place:`writes key param 1.IdempotencyKey → orders.idempotency_key, param 2.DedupKey → outbox.dedup_key`
	if _, err := s.db.ExecContext(ctx, `INSERT INTO orders (idempotency_key) VALUES ($1)`, o.IdempotencyKey); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO outbox (event_type, dedup_key) VALUES ($1, $2)`, e.EventType, e.DedupKey)
	return err
}
