package portstore // want package:`.*portstore.Store.InsertMessage implements .*ports.MessageStore.InsertMessage, writes key param 1.IdempotencyKey → messages.idempotency_key` package:`pending: ports.Post passes nil at notes/ports/ports.go:\d+:\d+ to .*ports.MessageStore.InsertMessage arg 1.IdempotencyKey`

// Package portstore implements ports.MessageStore with bun.

import (
	"context"
	_ "embed"

	"github.com/uptrace/bun"

	"example.com/libs/notes/ports"
)

//go:embed schema.sql
var schema string

type message struct {
	bun.BaseModel  `bun:"table:messages"`
	SessionID      string
	IdempotencyKey *string
}

type Store struct{ db *bun.DB }

func (s *Store) InsertMessage(ctx context.Context, m *ports.Message) error { // want `not followed: Store.InsertMessage writes parameter 1 \(.IdempotencyKey\) into messages.idempotency_key and implements ports.MessageStore.InsertMessage, declared in a package checked before this one` InsertMessage:"writes key param 1.IdempotencyKey → messages.idempotency_key"
	_, err := s.db.NewInsert().Model(&message{SessionID: m.SessionID, IdempotencyKey: m.IdempotencyKey}).Exec(ctx) // want `IDEM201: .*InsertMessage's parameter field m.IdempotencyKey is a \*string`
	return err
}

// Unrelated writes its key from a parameter too, but implements nothing.
func (s *Store) Unrelated(ctx context.Context, key *string) error { // want Unrelated:"writes key param 1 → messages.idempotency_key"
	_, err := s.db.NewInsert().Model(&message{SessionID: "s", IdempotencyKey: key}).Exec(ctx) // want `IDEM201: .*Unrelated's parameter key is a \*string`
	return err
}
