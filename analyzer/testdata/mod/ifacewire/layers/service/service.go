package service // want package:`pending: service.Payments.Refund passes a value not followed at ifacewire/layers/service/service.go:\d+:\d+ to .*layers/service.Store.InsertRefund arg 1.IdempotencyKey`

// Package service declares the store it calls; package repo implements
// it and cmd/payd wires them. Between the handler's value and the call
// through the interface: a converter (toRow), a key nested in a field
// of the input (in.Meta.IdempotencyKey).

import (
	"context"
	"errors"
)

type PaymentInput struct {
	Amount int64
	Key    string
}

// PaymentRow is what the store writes.
type PaymentRow struct {
	Amount         int64
	IdempotencyKey string
}

type Meta struct {
	TraceID        string
	IdempotencyKey string
}

type TransferInput struct {
	AccountID string
	Meta      Meta
}

type Item struct {
	SKU            string
	IdempotencyKey string
}

type OrderInput struct {
	Items []Item
}

type Refund struct {
	Amount         int64
	IdempotencyKey *string
}

type Store interface {
	InsertRefund(ctx context.Context, r Refund) error
	InsertItem(ctx context.Context, it Item) error
	InsertItems(ctx context.Context, items []Item) error
	InsertPayment(ctx context.Context, row PaymentRow) error
	InsertTransfer(ctx context.Context, in TransferInput) error
}

type Payments struct{ store Store }

func New(s Store) *Payments { return &Payments{store: s} }

func toRow(in PaymentInput) PaymentRow {
	return PaymentRow{Amount: in.Amount, IdempotencyKey: in.Key}
}

// Create converts its input before the call: its callers decide.
func (p *Payments) Create(ctx context.Context, in PaymentInput) error { // want Create:`passes to param 1.Key → example.com/libs/ifacewire/layers/service.Store.InsertPayment arg 1.IdempotencyKey`
	row := toRow(in)
	return p.store.InsertPayment(ctx, row) // want `not followed: p.store.InsertPayment is called through an interface that repo.PaymentRepo implements`
}

// CreateChecked rejects an empty key first.
func (p *Payments) CreateChecked(ctx context.Context, in PaymentInput) error {
	if in.Key == "" {
		return errors.New("an idempotency key is required")
	}
	return p.store.InsertPayment(ctx, toRow(in)) // want `not followed: p.store.InsertPayment is called through an interface that repo.PaymentRepo implements`
}

// Transfer passes a key nested in its input's Meta.
func (p *Payments) Transfer(ctx context.Context, in TransferInput) error { // want Transfer:`passes to param 1.Meta.IdempotencyKey → example.com/libs/ifacewire/layers/service.Store.InsertTransfer arg 1.Meta.IdempotencyKey`
	return p.store.InsertTransfer(ctx, in) // want `not followed: p.store.InsertTransfer is called through an interface that repo.PaymentRepo implements in packages this one does not import, so whether it writes the Meta.IdempotencyKey field of in into a key column is not known here`
}

// AddItems inserts each element of its input's slice in turn.
func (p *Payments) AddItems(ctx context.Context, in OrderInput) error { // want AddItems:`passes to param 1.Items.\[\].IdempotencyKey → example.com/libs/ifacewire/layers/service.Store.InsertItem arg 1.IdempotencyKey`
	for _, it := range in.Items {
		if err := p.store.InsertItem(ctx, it); err != nil { // want `not followed: p.store.InsertItem is called through an interface that repo.PaymentRepo implements`
			return err
		}
	}
	return nil
}

// AddItemsBatch passes the slice whole.
func (p *Payments) AddItemsBatch(ctx context.Context, in OrderInput) error { // want AddItemsBatch:`passes to param 1.Items.\[\].IdempotencyKey → example.com/libs/ifacewire/layers/service.Store.InsertItems arg 1.\[\].IdempotencyKey`
	return p.store.InsertItems(ctx, in.Items) // want `not followed: p.store.InsertItems is called through an interface that repo.PaymentRepo implements in packages this one does not import, so whether it writes the IdempotencyKey field of each element of in.Items into a key column is not known here`
}

// AddItemsChecked rejects an element without a key first.
func (p *Payments) AddItemsChecked(ctx context.Context, in OrderInput) error {
	for _, it := range in.Items {
		if it.IdempotencyKey == "" {
			return errors.New("every item needs an idempotency key")
		}
	}
	return p.store.InsertItems(ctx, in.Items) // want `not followed: p.store.InsertItems is called through an interface that repo.PaymentRepo implements.*each element of in.Items`
}

// Refund passes nil when its key is empty: bad only under that condition
// on its parameter, which is not followed to its callers (the wiring
// notes it).
func (p *Payments) Refund(ctx context.Context, amount int64, key string) error {
	var k *string
	if key != "" {
		k = &key
	}
	return p.store.InsertRefund(ctx, Refund{Amount: amount, IdempotencyKey: k}) // want `not followed: p.store.InsertRefund is called through an interface that repo.PaymentRepo implements`
}
