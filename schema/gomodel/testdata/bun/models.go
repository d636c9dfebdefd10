package models

import "github.com/uptrace/bun"

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
