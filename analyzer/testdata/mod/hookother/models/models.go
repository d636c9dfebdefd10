// Package models declares bun models and their BeforeAppendModel hooks;
// package store inserts them (lndhub's models.Invoice, inserted by
// package service).
package models

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

// Stamped's hook stamps times; the key is what the row holds.
type Stamped struct { // want Stamped:`bun hooks fill fields 4`
	bun.BaseModel `bun:"table:stamped"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (s *Stamped) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	switch query.(type) {
	case *bun.InsertQuery:
		s.CreatedAt = time.Now()
	case *bun.UpdateQuery:
		s.UpdatedAt = time.Now()
		s.IdempotencyKey = nil
	}
	return nil
}

// Minted's hook mints the key on an insert.
type Minted struct { // want Minted:`bun hooks fill fields 3`
	bun.BaseModel `bun:"table:minted"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
}

func (m *Minted) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	if _, ok := query.(*bun.InsertQuery); ok {
		k := uuid.NewString()
		m.IdempotencyKey = &k
	}
	return nil
}

// Handed's hook hands the row to a function idemlint does not read on an
// insert: the key it writes is not known.
type Handed struct { // want Handed:`bun hooks not read: Handed.s BeforeAppendModel hook hands the row to fill`
	bun.BaseModel `bun:"table:handed"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey *string
}

func (h *Handed) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	if _, ok := query.(*bun.InsertQuery); ok {
		fill(h)
	}
	return nil
}

func fill(h *Handed) {}

// Keyed's hook stamps its creation time; its key is a string.
type Keyed struct { // want Keyed:`bun hooks fill fields 4`
	bun.BaseModel `bun:"table:keyed"`

	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey string
	CreatedAt      time.Time
}

func (k *Keyed) BeforeAppendModel(ctx context.Context, query bun.Query) error {
	if _, ok := query.(*bun.InsertQuery); ok {
		k.CreatedAt = time.Now()
	}
	return nil
}
