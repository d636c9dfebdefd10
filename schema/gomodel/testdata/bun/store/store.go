package store

import (
	"context"

	"github.com/uptrace/bun"
)

// Order is created by a loop in another file over Tables, a
// package-level list of models.
type Order struct {
	ID  int64   `bun:",pk"`
	Key *string `bun:"idempotency_key,unique"`
}

// Draft is declared in the same package but in no list: not created.
type Draft struct {
	ID  int64  `bun:",pk"`
	Key string `bun:",unique"`
}

var Tables = []any{(*Order)(nil)}

var drafts = []any{(*Draft)(nil)} // ranged over by no function that creates tables

func Migrate(ctx context.Context, db *bun.DB) error {
	for _, m := range Tables {
		if _, err := db.NewCreateTable().Model(m).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func count() int { return len(drafts) }
