// Package gormsvc is a GORM service that copies the request's key into a
// row variable before the insert (row := Remit{…}; row.Key = in.Key;
// db.Create(&row)). The finding sits where the missing key is decided,
// as on the SQL path beside it: at the service when its parameter's type
// lets every caller pass nil (a *string), at the caller that passes an
// empty string otherwise.
package gormsvc

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

type Remit struct {
	ID             uint
	Amount         int64
	IdempotencyKey *string `gorm:"uniqueIndex"` // want `IDEM101: idempotency key Remit.IdempotencyKey is nullable`
}

type Booking struct {
	ID             uint
	Amount         int64
	IdempotencyKey string `gorm:"not null;uniqueIndex"`
}

type PayInput struct {
	Amount int64
	Key    *string
}

type OrderInput struct {
	Amount int64
	Key    string
}

type Service struct{ DB *gorm.DB }

// Pay copies a *string key into the row: its type is the contract.
func (s *Service) Pay(ctx context.Context, in PayInput) error { // want Pay:`writes key param 1.Key → remits.idempotency_key`
	row := Remit{Amount: in.Amount}
	row.IdempotencyKey = in.Key // want `IDEM201: idempotency key remits.idempotency_key can be NULL here: Pay's parameter field in.Key is a \*string`
	return s.DB.WithContext(ctx).Create(&row).Error
}

// PaySQL is Pay over SQL: the same finding, at the same place.
func (s *Service) PaySQL(ctx context.Context, in PayInput) error { // want PaySQL:`writes key param 1.Key → remits.idempotency_key`
	return s.DB.WithContext(ctx).Exec("INSERT INTO remits (amount, idempotency_key) VALUES (?, ?)", in.Amount, in.Key).Error // want `IDEM201: idempotency key remits.idempotency_key can be NULL here: PaySQL's parameter field in.Key is a \*string`
}

// ErrNoKey is what PayChecked returns for a request without a key.
var ErrNoKey = errors.New("idempotency key required")

// PayChecked refuses a nil key: nothing to report, here or at its callers.
func (s *Service) PayChecked(ctx context.Context, in PayInput) error {
	if in.Key == nil {
		return ErrNoKey
	}
	row := Remit{Amount: in.Amount}
	row.IdempotencyKey = in.Key
	return s.DB.WithContext(ctx).Create(&row).Error
}

// Order copies a string key into the row: an empty one is its caller's.
func (s *Service) Order(ctx context.Context, in OrderInput) error { // want Order:`writes key param 1.Key → bookings.idempotency_key`
	row := Booking{Amount: in.Amount}
	row.IdempotencyKey = in.Key
	return s.DB.WithContext(ctx).Create(&row).Error
}

// OrderSQL is Order over SQL.
func (s *Service) OrderSQL(ctx context.Context, in OrderInput) error { // want OrderSQL:`writes key param 1.Key → bookings.idempotency_key`
	return s.DB.WithContext(ctx).Exec("INSERT INTO bookings (amount, idempotency_key) VALUES (?, ?)", in.Amount, in.Key).Error
}
