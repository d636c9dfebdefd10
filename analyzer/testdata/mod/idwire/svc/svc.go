// Package svc declares the store it calls; repo implements it and
// cmd/holdd wires the two. The key is a client token, a UUID: its zero
// value, the nil UUID, repeats as "" does in a text column.
package svc

import (
	"context"

	"github.com/google/uuid"
)

type Hold struct {
	AccountID   int64
	ClientToken uuid.UUID
}

type HoldStore interface {
	InsertHold(ctx context.Context, h Hold) error
}

type Svc struct{ store HoldStore }

func New(s HoldStore) *Svc { return &Svc{store: s} }

// PlaceHold passes the hold on unchecked: its callers decide.
func (s *Svc) PlaceHold(ctx context.Context, h Hold) error { // want PlaceHold:`passes to param 1.ClientToken → example.com/libs/idwire/svc.HoldStore.InsertHold arg 1.ClientToken`
	return s.store.InsertHold(ctx, h) // want `not followed: s.store.InsertHold is called through an interface that repo.Repo implements in packages this one does not import`
}
