// Package mappers inserts rows that mappers of other packages build: what
// those leave in the key field comes across as a fact, so the insert is
// judged as if the mapper were written here.
package mappers

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/mappers/dom"
	"example.com/libs/mappers/rows"
)

//go:embed schema.sql
var schema string

// Schema is the store's DDL.
func Schema() string { return schema }

type Store struct{ db *sql.DB }

const insertTransfer = `INSERT INTO mapped_transfers (account_id, idempotency_key) VALUES ($1, $2)`

// InsertKeyed hands its key to the mapper: "" becomes NULL, which the
// callers decide.
func (s *Store) InsertKeyed(ctx context.Context, account int64, key string) error { // want InsertKeyed:`writes key param 2 → mapped_transfers.idempotency_key`
	row := rows.Keyed(account, key)
	_, err := s.db.ExecContext(ctx, insertTransfer, row.AccountID, row.IdempotencyKey)
	return err
}

// InsertBlank writes the key a mapper never sets.
func (s *Store) InsertBlank(ctx context.Context, account int64) error {
	row := rows.Blank(account)
	_, err := s.db.ExecContext(ctx, insertTransfer, row.AccountID, row.IdempotencyKey) // want `IDEM201: idempotency key mapped_transfers.idempotency_key can be NULL here: rows.Blank returns a value whose IdempotencyKey is invalid \(NULL\)`
	return err
}

// InsertMinted writes one a mapper always sets: silent, no note.
func (s *Store) InsertMinted(ctx context.Context, account int64) error {
	row := rows.Minted(account)
	_, err := s.db.ExecContext(ctx, insertTransfer, row.AccountID, row.IdempotencyKey)
	return err
}

// Insert writes the domain transfer's key as it is.
func (s *Store) Insert(ctx context.Context, t dom.Transfer) error {
	if t.IdempotencyKey == nil {
		return sql.ErrNoRows
	}
	_, err := s.db.ExecContext(ctx, insertTransfer, t.AccountID, *t.IdempotencyKey)
	return err
}

// InsertAny writes it without a check: its callers decide.
func (s *Store) InsertAny(ctx context.Context, t *dom.Transfer) error { // want InsertAny:`writes key param 1.IdempotencyKey → mapped_transfers.idempotency_key`
	_, err := s.db.ExecContext(ctx, insertTransfer, t.AccountID, t.IdempotencyKey) // want `IDEM201`
	return err
}
