package models

import (
	"context"

	"github.com/uptrace/bun"
)

// Delivery's unique rules are made by NewCreateIndex, not by its tags.
type Delivery struct {
	bun.BaseModel `bun:"table:deliveries"`

	ID             int64   `bun:",pk,autoincrement"`
	Source         string  `bun:",notnull"`
	IdempotencyKey *string `bun:"idempotency_key"`
	DedupKey       *string `bun:"dedup_key"`
	ClientToken    *string `bun:"client_token"`
	Body           []byte  `bun:",notnull"`
}

func createIndexes(ctx context.Context, db *bun.DB) error {
	if _, err := db.NewCreateTable().Model((*Delivery)(nil)).IfNotExists().Exec(ctx); err != nil {
		return err
	}
	// A composite unique index over a nullable key.
	if _, err := db.NewCreateIndex().Model((*Delivery)(nil)).Index("deliveries_source_key").Unique().IfNotExists().
		Column("source", "idempotency_key").Exec(ctx); err != nil {
		return err
	}
	// A partial one: keyless rows are left out.
	if _, err := db.NewCreateIndex().Table("deliveries").Index("deliveries_dedup").Unique().
		Column("dedup_key").Where("dedup_key IS NOT NULL").Where("source <> ''").Exec(ctx); err != nil {
		return err
	}
	// Not unique: no rule.
	_, err := db.NewCreateIndex().Model((*Delivery)(nil)).Index("deliveries_source").Column("client_token").Exec(ctx)
	return err
}
