// Package bunsqlite inserts with bun into SQLite, which has no DEFAULT
// placeholder: bun writes NULL where it would write DEFAULT elsewhere.
package bunsqlite

import (
	"context"
	_ "embed"
	"net/http"

	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

// Event's nullzero key is NULL when empty: the column's default is not used.
type Event struct {
	ID             int64 `bun:",pk,autoincrement"`
	Source         string
	IdempotencyKey string `bun:",nullzero"`
}

// Tagged's empty key is written as its default: tag's expression.
type Tagged struct {
	bun.BaseModel `bun:"table:events"`

	ID             int64 `bun:",pk,autoincrement"`
	Source         string
	IdempotencyKey string `bun:",nullzero,default:(lower(hex(randomblob(16))))"`
}

// Pointed's nil key is NULL.
type Pointed struct {
	bun.BaseModel `bun:"table:events"`

	ID             int64 `bun:",pk,autoincrement"`
	Source         string
	IdempotencyKey *string
}

func insert(ctx context.Context, db *bun.DB, r *http.Request, src string) {
	db.NewInsert().Model(&Event{Source: src}).Exec(ctx)                                                  // want `IDEM201: idempotency key events.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Event literal, so bun writes NULL`
	db.NewInsert().Model(&Event{Source: src, IdempotencyKey: r.Header.Get("Idempotency-Key")}).Exec(ctx) // want `IDEM201: .*, so bun writes NULL`
	db.NewInsert().Model(&Tagged{Source: src}).Exec(ctx)
	db.NewInsert().Model(&Pointed{Source: src}).Exec(ctx) // want `IDEM201: .*the IdempotencyKey field is left out of the Pointed literal, so bun writes NULL`
}
