package repo // want package:`pending: service.Payments.Refund passes a value not followed at ifacewire/layers/service/service.go:\d+:\d+ to .*layers/service.Store.InsertRefund arg 1.IdempotencyKey` package:`.*layers/repo.PaymentRepo.InsertItem implements .*layers/service.Store.InsertItem, writes key param 1.IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertItems implements .*layers/service.Store.InsertItems, writes key param 1.\[\].IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertPayment implements .*layers/service.Store.InsertPayment, writes key param 1.IdempotencyKey → payments.idempotency_key; .*layers/repo.PaymentRepo.InsertRefund implements .*layers/service.Store.InsertRefund, writes key param 1.IdempotencyKey → refunds.idempotency_key; .*layers/repo.PaymentRepo.InsertTransfer implements .*layers/service.Store.InsertTransfer, writes key param 1.Meta.IdempotencyKey → transfers.idempotency_key`

// Package repo implements service.Store with an exported type.

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/ifacewire/layers/service"
)

//go:embed schema.sql
var schema string

type PaymentRepo struct{ db *sql.DB }

func NewPaymentRepo(db *sql.DB) *PaymentRepo { return &PaymentRepo{db: db} }

// InsertPayment writes an empty key as NULL.
func (r *PaymentRepo) InsertPayment(ctx context.Context, row service.PaymentRow) error { // want `not followed: PaymentRepo.InsertPayment writes parameter 1 \(.IdempotencyKey\) into payments.idempotency_key` InsertPayment:`writes key param 1.IdempotencyKey → payments.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO payments (amount, idempotency_key) VALUES ($1, NULLIF($2, ''))`, row.Amount, row.IdempotencyKey)
	return err
}

// InsertTransfer writes the nested key, an empty one as NULL.
func (r *PaymentRepo) InsertTransfer(ctx context.Context, in service.TransferInput) error { // want `not followed: PaymentRepo.InsertTransfer writes parameter 1 \(.Meta.IdempotencyKey\) into transfers.idempotency_key` InsertTransfer:`writes key param 1.Meta.IdempotencyKey → transfers.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key) VALUES ($1, NULLIF($2, ''))`, in.AccountID, in.Meta.IdempotencyKey)
	return err
}

// InsertItem writes an empty key as NULL.
func (r *PaymentRepo) InsertItem(ctx context.Context, it service.Item) error { // want `not followed: PaymentRepo.InsertItem writes parameter 1 \(.IdempotencyKey\) into order_items.idempotency_key` InsertItem:`writes key param 1.IdempotencyKey → order_items.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO order_items (sku, idempotency_key) VALUES ($1, NULLIF($2, ''))`, it.SKU, it.IdempotencyKey)
	return err
}

// InsertItems writes each element's key, an empty one as NULL.
func (r *PaymentRepo) InsertItems(ctx context.Context, items []service.Item) error { // want `not followed: PaymentRepo.InsertItems writes parameter 1 \(.\[\].IdempotencyKey\) into order_items.idempotency_key` InsertItems:`writes key param 1.\[\].IdempotencyKey → order_items.idempotency_key`
	for _, it := range items {
		if _, err := r.db.ExecContext(ctx, `INSERT INTO order_items (sku, idempotency_key) VALUES ($1, NULLIF($2, ''))`, it.SKU, it.IdempotencyKey); err != nil {
			return err
		}
	}
	return nil
}

// InsertRefund writes a nil key as NULL.
func (r *PaymentRepo) InsertRefund(ctx context.Context, rf service.Refund) error { // want `not followed: PaymentRepo.InsertRefund writes parameter 1 \(.IdempotencyKey\) into refunds.idempotency_key` InsertRefund:`writes key param 1.IdempotencyKey → refunds.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO refunds (amount, idempotency_key) VALUES ($1, $2)`, rf.Amount, rf.IdempotencyKey) // want `IDEM201: .*InsertRefund's parameter field rf.IdempotencyKey is a \*string`
	return err
}
