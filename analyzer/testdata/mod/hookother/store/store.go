// Package store inserts models' rows: their BeforeAppendModel hooks are
// declared in package models, read there and carried by a fact, so each
// insert is judged as if the hook were in view.
package store

import (
	"context"
	_ "embed"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"example.com/libs/hookother/models"
)

//go:embed schema.sql
var schema string

func Insert(ctx context.Context, db *bun.DB, account string) {
	db.NewInsert().Model(&models.Stamped{AccountID: account}).Exec(ctx) // want `IDEM201: idempotency key stamped.idempotency_key can be NULL here`
	db.NewInsert().Model(&models.Minted{AccountID: account}).Exec(ctx)  // want `not followed: the BeforeAppendModel hook of Minted fills minted.idempotency_key in before bun.s insert of Minted writes it`
	db.NewInsert().Model(&models.Handed{AccountID: account}).Exec(ctx)  // want `not followed: bun's write here: Handed's BeforeAppendModel hook .*, which may fill the key in`
}

// InsertKeyed gives the row its own key, which Keyed's hook leaves as it
// is: nothing to say.
func InsertKeyed(ctx context.Context, db *bun.DB, account string) {
	db.NewInsert().Model(&models.Keyed{AccountID: account, IdempotencyKey: uuid.NewString()}).Exec(ctx)
}
