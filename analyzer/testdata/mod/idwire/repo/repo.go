package repo // want package:`example.com/libs/idwire/repo.Repo.InsertHold implements example.com/libs/idwire/svc.HoldStore.InsertHold, writes key param 1.ClientToken → holds.client_token`

// Package repo implements svc's store with database/sql.

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/idwire/svc"
)

//go:embed schema.sql
var Schema string

type Repo struct{ db *sql.DB }

func New(db *sql.DB) *Repo { return &Repo{db: db} }

func (r *Repo) InsertHold(ctx context.Context, h svc.Hold) error { // want `not followed: Repo.InsertHold writes parameter 1 \(.ClientToken\) into holds.client_token and implements svc.HoldStore.InsertHold` InsertHold:`writes key param 1.ClientToken → holds.client_token`
	_, err := r.db.ExecContext(ctx, `INSERT INTO holds (account_id, client_token) VALUES ($1, $2)`, h.AccountID, h.ClientToken)
	return err
}
