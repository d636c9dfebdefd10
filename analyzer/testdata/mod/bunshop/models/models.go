// Package models declares bun models that package migrate creates by
// ranging over ShopModels, a list declared here: the list's types are the
// created tables (schema sources), read at their fields.
package models

import "github.com/uptrace/bun"

// ShopOrder's key is a nullable *string under a unique constraint.
type ShopOrder struct {
	bun.BaseModel `bun:"table:shop_orders"`

	ID             int64   `bun:"id,pk,autoincrement"`
	CustomerID     string  `bun:"customer_id,notnull"`
	IdempotencyKey *string `bun:"idempotency_key,unique"` // want `IDEM101: idempotency key ShopOrder.IdempotencyKey is nullable`
}

// ShopTransfer's key closes a composite unique group, NOT NULL: an empty
// one collides.
type ShopTransfer struct {
	bun.BaseModel `bun:"table:shop_transfers"`

	ID        int64  `bun:"id,pk,autoincrement"`
	AccountID string `bun:"account_id,notnull,unique:shop_transfer_req"`
	RequestID string `bun:"request_id,notnull,unique:shop_transfer_req"` // idemlint:key
}

// ShopJob's key has a database default: nil gets it.
type ShopJob struct {
	bun.BaseModel `bun:"table:shop_jobs"`

	ID       int64   `bun:"id,pk,autoincrement"`
	Queue    string  `bun:"queue,notnull"`
	DedupKey *string `bun:"dedup_key,notnull,unique,default:gen_random_uuid()"`
}

// ShopModels are the tables package migrate creates.
var ShopModels = []any{(*ShopOrder)(nil), (*ShopTransfer)(nil), (*ShopJob)(nil)}
