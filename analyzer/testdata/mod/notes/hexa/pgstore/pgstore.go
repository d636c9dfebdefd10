package pgstore // want package:`.*pgstore.EntryStore.InsertEntry implements .*domain.Ledger.InsertEntry, writes key param 1.IdempotencyKey → entries.idempotency_key.*`

// Package pgstore implements domain.Store and domain.Ledger with
// database/sql. It imports domain under another name, which the
// module's method declarations are read through.

import (
	"context"
	"database/sql"
	_ "embed"

	dom "example.com/libs/notes/hexa/domain"
)

//go:embed schema.sql
var schema string

type Store struct{ DB *sql.DB }

func (s *Store) InsertPayment(ctx context.Context, p *dom.Payment) error { // want `not followed: Store.InsertPayment writes parameter 1 \(.IdempotencyKey\) into payments.idempotency_key and implements domain.Store.InsertPayment, declared in a package checked before this one` InsertPayment:"writes key param 1.IdempotencyKey → payments.idempotency_key"
	_, err := s.DB.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, p.AccountID, p.IdempotencyKey) // want `IDEM201: .*InsertPayment's parameter field p.IdempotencyKey is a \*string`
	return err
}

type EntryStore struct{ DB *sql.DB }

func (s *EntryStore) InsertEntry(ctx context.Context, e *dom.Entry) error { // want `not followed: EntryStore.InsertEntry writes parameter 1 \(.IdempotencyKey\) into entries.idempotency_key and implements domain.Ledger.InsertEntry, declared in a package checked before this one` InsertEntry:"writes key param 1.IdempotencyKey → entries.idempotency_key"
	_, err := s.DB.ExecContext(ctx, `INSERT INTO entries (account, idempotency_key) VALUES ($1, $2)`, e.Account, e.IdempotencyKey) // want `IDEM201: .*InsertEntry's parameter field e.IdempotencyKey is a \*string`
	return err
}
