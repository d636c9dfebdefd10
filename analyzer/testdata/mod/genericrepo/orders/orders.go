// Package orders writes its rows through the generic repository of
// another package (genericrepo/repo): each call is read as GORM's Create
// of the type argument, Order, by repo's facts.
package orders

import (
	"context"
	_ "embed"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"example.com/libs/genericrepo/repo"
)

//go:embed schema.sql
var schema string

type Order struct {
	ID             int64
	Account        string
	IdempotencyKey *string
}

func PlaceKeyless(ctx context.Context, db *gorm.DB, a string) error {
	return repo.Create(ctx, db, &Order{Account: a}) // want `IDEM201: idempotency key orders.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Order literal, so GORM writes NULL`
}

func PlaceKeyed(ctx context.Context, db *gorm.DB, a string) error {
	k := uuid.NewString()
	return repo.Create(ctx, db, &Order{Account: a, IdempotencyKey: &k})
}

// Place passes its caller's row on: the type is the contract.
func Place(ctx context.Context, db *gorm.DB, o *Order) error { // want Place:`writes key param 2.IdempotencyKey → orders.idempotency_key`
	return repo.Create(ctx, db, o) // want `IDEM201: .*Place's parameter field o.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it`
}

func PlaceChecked(ctx context.Context, db *gorm.DB, o *Order) error {
	if o.IdempotencyKey == nil {
		return errors.New("key required")
	}
	return repo.Create(ctx, db, o)
}

func PlaceAll(ctx context.Context, db *gorm.DB) error {
	k := uuid.NewString()
	return repo.CreateAll(ctx, db, []Order{{Account: "a", IdempotencyKey: &k}, {Account: "b"}}) // want `IDEM201: .*the IdempotencyKey field is left out of the Order literal \(element 2\), so GORM writes NULL`
}

func InsertVia(ctx context.Context, r *repo.Repo[Order], a string) error {
	return r.Insert(ctx, &Order{Account: a}) // want `IDEM201: .*the IdempotencyKey field is left out of the Order literal, so GORM writes NULL`
}

func InsertViaKeyed(ctx context.Context, r *repo.Repo[Order], a string) error {
	k := uuid.NewString()
	return r.Insert(ctx, &Order{Account: a, IdempotencyKey: &k})
}
