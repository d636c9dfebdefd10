package pgstore // want package:"example.com/libs/ifaceother/pgstore.pgPayoutStore.Create implements example.com/libs/ifaceother/domain.PayoutStore.Create, writes key param 1.IdempotencyKey → payouts.idempotency_key; example.com/libs/ifaceother/pgstore.pgRefundStore.Insert implements example.com/libs/ifaceother/domain.RefundStore.Insert, writes key param 1.IdempotencyKey → refunds.idempotency_key"

// Package pgstore implements domain's stores with unexported types, which
// its constructors return as the domain interfaces: an importer read from
// export data sees neither the types nor the facts on their methods.

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/ifaceother/domain"
)

//go:embed schema.sql
var schema string

type pgPayoutStore struct{ db *sql.DB }

// NewPayoutStore returns the PostgreSQL domain.PayoutStore.
func NewPayoutStore(db *sql.DB) domain.PayoutStore { return &pgPayoutStore{db: db} }

func (s *pgPayoutStore) Create(ctx context.Context, p domain.Payout) error { // want `not followed: pgPayoutStore.Create writes parameter 1 \(.IdempotencyKey\) into payouts.idempotency_key and implements domain.PayoutStore.Create, declared in a package checked before this one: its callers through that interface in packages that do not import this one are not checked` Create:"writes key param 1.IdempotencyKey → payouts.idempotency_key"
	_, err := s.db.ExecContext(ctx, `INSERT INTO payouts (merchant_id, idempotency_key) VALUES ($1, $2)`, p.MerchantID, p.IdempotencyKey) // want `IDEM201: .*Create's parameter field p.IdempotencyKey is a sql.NullString`
	return err
}

type pgRefundStore struct{ db *sql.DB }

// NewRefundStore returns the PostgreSQL domain.RefundStore.
func NewRefundStore(db *sql.DB) domain.RefundStore { return &pgRefundStore{db: db} }

func (s *pgRefundStore) Insert(ctx context.Context, r domain.Refund) error { // want `not followed: pgRefundStore.Insert writes parameter 1 \(.IdempotencyKey\) into refunds.idempotency_key and implements domain.RefundStore.Insert` Insert:"writes key param 1.IdempotencyKey → refunds.idempotency_key"
	_, err := s.db.ExecContext(ctx, `INSERT INTO refunds (merchant_id, idempotency_key) VALUES ($1, $2)`, r.MerchantID, r.IdempotencyKey) // want `IDEM201: .*Insert's parameter field r.IdempotencyKey is a \*string`
	return err
}
