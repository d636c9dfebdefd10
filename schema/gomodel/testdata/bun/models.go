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

// UserStatus has neither bun.BaseModel nor any bun tag: NewCreateTable
// creates its table all the same, named after the type by inflection
// (user_statuses).
type UserStatus struct {
	ID    int64
	Label string
}

// Person is created by ResetModel, also without a tag: people.
type Person struct {
	ID   int64
	Name string
}

func createSchema(ctx context.Context, db *bun.DB) error {
	if _, err := db.NewCreateTable().Model((*Message)(nil)).IfNotExists().Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateTable().Model((*UserStatus)(nil)).Exec(ctx); err != nil {
		return err
	}
	if err := db.ResetModel(ctx, (*Person)(nil)); err != nil {
		return err
	}
	for _, m := range []any{&User{}} {
		if _, err := db.NewCreateTable().Model(m).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
