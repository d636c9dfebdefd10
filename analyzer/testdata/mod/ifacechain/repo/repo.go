package repo // want package:`.*repo.PaymentRepo.InsertPayment implements .*service.Store.InsertPayment, writes key param 1.IdempotencyKey → payments.idempotency_key; .*repo.PaymentRepo.InsertRefund implements .*service.Store.InsertRefund, writes key param 1.Key → refunds.idempotency_key`

// Package repo implements service.Store.

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/ifacechain/service"
)

//go:embed schema.sql
var schema string

type PaymentRepo struct{ db *sql.DB }

func New(db *sql.DB) *PaymentRepo { return &PaymentRepo{db: db} }

func (r *PaymentRepo) InsertPayment(ctx context.Context, row service.Row) error { // want `not followed: PaymentRepo.InsertPayment writes parameter 1 \(.IdempotencyKey\) into payments.idempotency_key and implements service.Store.InsertPayment` InsertPayment:`writes key param 1.IdempotencyKey → payments.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO payments (amount, idempotency_key) VALUES ($1, $2)`, row.Amount, row.IdempotencyKey)
	return err
}

func (r *PaymentRepo) InsertRefund(ctx context.Context, row service.RefundRow) error { // want `not followed: PaymentRepo.InsertRefund writes parameter 1 \(.Key\) into refunds.idempotency_key and implements service.Store.InsertRefund` InsertRefund:`writes key param 1.Key → refunds.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO refunds (amount, idempotency_key) VALUES ($1, $2)`, row.Amount, row.Key)
	return err
}
