package ports // want package:`pending: ports.Post passes nil at notes/ports/ports.go:\d+:\d+ to .*ports.MessageStore.InsertMessage arg 1.IdempotencyKey`

// Package ports declares the storage interface a service calls, as a
// hexagonal layout does: the store implements it and imports this
// package, which imports no store.

import "context"

type Message struct {
	SessionID      string
	IdempotencyKey *string
}

type MessageStore interface {
	InsertMessage(ctx context.Context, m *Message) error
}

// Post passes a message without a key through the interface: the store's
// fact does not exist when this package is checked, and the note says so.
func Post(ctx context.Context, s MessageStore, session string) error {
	return s.InsertMessage(ctx, &Message{SessionID: session}) // want `not followed: s.InsertMessage is called through an interface that portstore.Store implements in packages this one does not import, so whether it writes the IdempotencyKey field of &Message\{…\} into a key column is not known here`
}
