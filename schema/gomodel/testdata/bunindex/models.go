package models

import (
	"context"

	"github.com/uptrace/bun"
)

type Hold struct {
	bun.BaseModel `bun:"table:holds"`

	ID          int64   `bun:",pk,autoincrement"`
	Seat        string  `bun:",notnull"`
	ClientToken *string `bun:"client_token"`
	Label       *string `bun:"label"`
}

func createSchema(ctx context.Context, db *bun.DB, seat string) error {
	if _, err := db.NewCreateTable().Model((*Hold)(nil)).Exec(ctx); err != nil {
		return err
	}
	// An expression this reader does not follow, over a key: not read,
	// and said.
	if _, err := db.NewCreateIndex().Model((*Hold)(nil)).Unique().
		Column("client_token").ColumnExpr("lower(seat)").Exec(ctx); err != nil {
		return err
	}
	// A predicate with arguments, over no key: not read, not said.
	if _, err := db.NewCreateIndex().Model((*Hold)(nil)).Unique().
		Column("label").Where("seat = ?", seat).Exec(ctx); err != nil {
		return err
	}
	// A table NewCreateTable does not create here: not read, and said.
	_, err := db.NewCreateIndex().Table("events").Unique().Column("dedup_key").Exec(ctx)
	return err
}
