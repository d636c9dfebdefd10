// Package bunhook inserts bun models whose BeforeAppendModel hook switches
// on the query's type: only what runs for an INSERT decides a field.
package bunhook

import (
	"context"
	_ "embed"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

// Stamped's hook stamps times; the key is what the row holds.
type Stamped struct { // want Stamped:`bun hooks fill fields 4`
	bun.BaseModel `bun:"table:stamped"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (s *Stamped) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	switch query.(type) {
	case *bun.InsertQuery:
		s.CreatedAt = time.Now()
	case *bun.UpdateQuery:
		s.UpdatedAt = time.Now()
		s.IdempotencyKey = nil
	}
	return nil
}

// Minted's hook mints the key on an insert.
type Minted struct { // want Minted:`bun hooks fill fields 3`
	bun.BaseModel `bun:"table:minted"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
}

func (m *Minted) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	switch q := query.(type) {
	case *bun.InsertQuery:
		k := uuid.NewString()
		m.IdempotencyKey = &k
	default:
		_ = q
	}
	return nil
}

// Asked's hook asks for the query type with an if: a key minted only on
// an update does not fill an insert's.
type Asked struct { // want Asked:`bun hooks fill nothing`
	bun.BaseModel `bun:"table:asked"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
}

func (a *Asked) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	if _, ok := query.(*bun.UpdateQuery); ok {
		k := uuid.NewString()
		a.IdempotencyKey = &k
	}
	return nil
}

// Handed's hook hands the row to a function idemlint does not read on an
// insert: the key it writes is not known.
type Handed struct { // want Handed:`bun hooks not read: Handed.s BeforeAppendModel hook hands the row to fill`
	bun.BaseModel `bun:"table:handed"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
}

func (h *Handed) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	if _, ok := query.(*bun.InsertQuery); ok {
		fill(h)
	}
	return nil
}

func fill(h *Handed) {}

func insert(ctx context.Context, db *bun.DB, account string) {
	db.NewInsert().Model(&Stamped{AccountID: account}).Exec(ctx) // want `IDEM201: idempotency key stamped.idempotency_key can be NULL here`
	db.NewInsert().Model(&Minted{AccountID: account}).Exec(ctx)  // the hook fills the key on an insert
	db.NewInsert().Model(&Asked{AccountID: account}).Exec(ctx)   // want `IDEM201: idempotency key asked.idempotency_key can be NULL here`
	db.NewInsert().Model(&Handed{AccountID: account}).Exec(ctx)  // not read: the hook hands the row on
}

// NilMinted's hook mints the key on an insert only where the row has
// none: a pointer to "" is not nil, and bun writes it as ”.
type NilMinted struct { // want NilMinted:`bun hooks fill fields 3 \(where nil or invalid\)`
	bun.BaseModel `bun:"table:nil_minted"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
}

func (m *NilMinted) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	if _, ok := query.(*bun.InsertQuery); ok {
		if m.IdempotencyKey == nil {
			k := uuid.NewString()
			m.IdempotencyKey = &k
		}
	}
	return nil
}

func insertNilMinted(ctx context.Context, db *bun.DB, account string) {
	db.NewInsert().Model(&NilMinted{AccountID: account}).Exec(ctx) // the hook fills the nil key
}

// InsertNilMinted's key is no contract, since the hook fills a nil one;
// a pointer to "" is written as it is, so its callers are judged on that.
func InsertNilMinted(ctx context.Context, db *bun.DB, account string, key *string) { // want InsertNilMinted:`writes key param 3 → nil_minted.idempotency_key`
	db.NewInsert().Model(&NilMinted{AccountID: account, IdempotencyKey: key}).Exec(ctx)
}
