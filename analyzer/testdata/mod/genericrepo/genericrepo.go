// Package genericrepo writes rows through generic repository functions:
// the row's type, and so the table, is the caller's type argument, so
// each instantiation is checked at its call, as if the caller had called
// GORM's Create itself.
package genericrepo

import (
	"context"
	_ "embed"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Message struct {
	ID             int64
	SessionID      string
	Body           string
	IdempotencyKey *string
}

// Create is the generic repository's one write.
func Create[T any](ctx context.Context, db *gorm.DB, row *T) error { // want Create:`writes param 2 as a GORM row`
	return db.WithContext(ctx).Create(row).Error
}

// CreateAll writes a slice of rows of any type.
func CreateAll[T any](ctx context.Context, db *gorm.DB, rows []T) error { // want CreateAll:`writes param 2 as a GORM row`
	return db.WithContext(ctx).Create(&rows).Error
}

// Repo is a generic repository type.
type Repo[T any] struct{ db *gorm.DB }

func (r *Repo[T]) Insert(ctx context.Context, row *T) error { // want Insert:`writes param 1 as a GORM row`
	return r.db.WithContext(ctx).Create(row).Error
}

// SaveKeyless leaves the key out of the row it hands Create.
func SaveKeyless(ctx context.Context, db *gorm.DB, s string) error {
	return Create(ctx, db, &Message{SessionID: s, Body: "hi", IdempotencyKey: nil}) // want `IDEM201: .*a nil literal is written into the row`
}

// SaveKeyed mints one: fine.
func SaveKeyed(ctx context.Context, db *gorm.DB, s string) error {
	k := uuid.NewString()
	return Create(ctx, db, &Message{SessionID: s, Body: "hi", IdempotencyKey: &k})
}

// SaveRow passes its caller's row on: the type is the contract.
func SaveRow(ctx context.Context, db *gorm.DB, m *Message) error { // want SaveRow:`writes key param 2.IdempotencyKey → messages.idempotency_key`
	return Create(ctx, db, m) // want `IDEM201: .*SaveRow's parameter field m.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it; m.IdempotencyKey is written into the row`
}

// SaveRowChecked checks the key first: fine.
func SaveRowChecked(ctx context.Context, db *gorm.DB, m *Message) error {
	if m.IdempotencyKey == nil {
		return errors.New("key required")
	}
	return Create(ctx, db, m)
}

// SaveAll hands CreateAll a slice literal whose second row has no key.
func SaveAll(ctx context.Context, db *gorm.DB, k string) error { // want SaveAll:`writes key param 2 → messages.idempotency_key`
	return CreateAll(ctx, db, []Message{{SessionID: "a", IdempotencyKey: &k}, {SessionID: "b"}}) // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal \(element 2\), so GORM writes NULL`
}

// Insert through the generic type's method.
func Insert(ctx context.Context, r *Repo[Message], s string) error {
	return r.Insert(ctx, &Message{SessionID: s, Body: "hi"}) // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal, so GORM writes NULL`
}

// InsertKeyed: fine.
func InsertKeyed(ctx context.Context, r *Repo[Message], s string) error {
	k := uuid.NewString()
	return r.Insert(ctx, &Message{SessionID: s, Body: "hi", IdempotencyKey: &k})
}
