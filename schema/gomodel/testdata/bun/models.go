package models

import (
	"context"

	"github.com/uptrace/bun"
)

type Message struct {
	bun.BaseModel `bun:"table:messages,alias:m"`

	ID             int64  `bun:",pk,autoincrement"`
	SessionID      string `bun:"session_id,notnull,unique:session_key"`
	IdempotencyKey string `bun:",nullzero,unique:session_key"`
	DedupKey       string `bun:"dedup,notnull,unique,default:'x'"`
	Author         *User  `bun:"rel:belongs-to"`
}

type User struct {
	ID          int64   `bun:",pk"`
	ClientToken *string `bun:",unique"`
}

// Note is only inserted and selected: its table is created elsewhere, so
// its tags are not a schema.
type Note struct {
	ID  int64  `bun:",pk"`
	Key string `bun:",unique"`
}

func createSchema(ctx context.Context, db *bun.DB) error {
	if _, err := db.NewCreateTable().Model((*Message)(nil)).IfNotExists().Exec(ctx); err != nil {
		return err
	}
	for _, m := range []any{&User{}} {
		if _, err := db.NewCreateTable().Model(m).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
