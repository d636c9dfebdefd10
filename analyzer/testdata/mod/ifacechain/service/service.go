// Package service hands the key on to its own Store interface, which
// repo implements; it implements the handler's interface without knowing
// it.
package service

import (
	"context"

	"example.com/libs/ifacechain/domain"
)

type Row struct {
	Amount         int64
	IdempotencyKey string
}

type RefundRow struct {
	Amount int64
	Key    string // written into refunds.idempotency_key by repo
}

type Store interface {
	InsertPayment(ctx context.Context, r Row) error
	InsertRefund(ctx context.Context, r RefundRow) error
}

type Payments struct{ store Store }

func New(s Store) *Payments { return &Payments{store: s} }

func (p *Payments) Create(ctx context.Context, in domain.PaymentInput) error { // want Create:`passes to param 1.Key → example.com/libs/ifacechain/service.Store.InsertPayment arg 1.IdempotencyKey`
	return p.store.InsertPayment(ctx, Row{Amount: in.Amount, IdempotencyKey: in.Key}) // want `not followed: p.store.InsertPayment is called through an interface that repo.PaymentRepo implements`
}

func (p *Payments) Transfer(ctx context.Context, in domain.TransferInput) error {
	if in.Meta == nil || in.Meta.IdempotencyKey == "" {
		return nil
	}
	return p.store.InsertPayment(ctx, Row{Amount: in.Amount, IdempotencyKey: in.Meta.IdempotencyKey}) // want `not followed: p.store.InsertPayment is called through an interface that repo.PaymentRepo implements`
}

// Refund checks the key itself: nothing to pass on.
func (p *Payments) Refund(ctx context.Context, in domain.RefundInput) error {
	if in.IdempotencyKey == "" {
		return nil
	}
	return p.store.InsertRefund(ctx, RefundRow{Amount: in.Amount, Key: in.IdempotencyKey})
}
