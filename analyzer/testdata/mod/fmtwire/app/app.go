// Package app declares the store it calls; pg implements it and
// cmd/importd wires the two. One call writes an order and its outbox
// event, each with its own key; the event's key is a format around the
// client's.
package app

import (
	"context"
	"fmt"
)

type Order struct {
	IdempotencyKey string
}

type Event struct {
	EventType string
	DedupKey  string
}

type Store interface {
	Place(ctx context.Context, o Order, e Event) error
}

type Service struct{ st Store }

func New(s Store) *Service { return &Service{st: s} }

type ImportCommand struct {
	ExternalKey string
	EventKey    string
}

// Import passes both keys on unchecked: its callers decide.
func (s *Service) Import(ctx context.Context, cmd ImportCommand) error { // want Import:`passes to param 1.ExternalKey → example.com/libs/fmtwire/app.Store.Place arg 1.IdempotencyKey, param 1.EventKey → example.com/libs/fmtwire/app.Store.Place arg 2.DedupKey`
	return s.st.Place(ctx, Order{IdempotencyKey: cmd.ExternalKey}, Event{EventType: "order.imported", DedupKey: fmt.Sprintf("order.imported:%s", cmd.EventKey)}) // want `not followed: s.st.Place is called through an interface that pg.Store implements in packages this one does not import`
}
