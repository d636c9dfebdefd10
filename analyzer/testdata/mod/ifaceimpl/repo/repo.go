// Package repo declares its storage interfaces beside their PostgreSQL
// implementations, which are unexported: callers get them from the
// constructors, typed as the interfaces, as Go services usually write it.
package repo

import (
	"context"
	"database/sql"
	_ "embed"
)

//go:embed schema.sql
var schema string

type Payout struct {
	MerchantID     string
	IdempotencyKey sql.NullString
}

// PayoutStore has one implementation, pgPayoutStore, unexported.
type PayoutStore interface {
	Create(ctx context.Context, p Payout) error // want Create:"writes key param 1.IdempotencyKey → payouts.idempotency_key \\(by pgPayoutStore.Create\\)"
}

type pgPayoutStore struct{ db *sql.DB }

// NewPayoutStore returns the PostgreSQL PayoutStore.
func NewPayoutStore(db *sql.DB) PayoutStore { return &pgPayoutStore{db: db} }

func (s *pgPayoutStore) Create(ctx context.Context, p Payout) error { // want Create:"writes key param 1.IdempotencyKey → payouts.idempotency_key"
	_, err := s.db.ExecContext(ctx, `INSERT INTO payouts (merchant_id, idempotency_key) VALUES ($1, $2)`, p.MerchantID, p.IdempotencyKey) // want `IDEM201: .*Create's parameter field p.IdempotencyKey is a sql.NullString`
	return err
}

type Refund struct {
	MerchantID     string
	IdempotencyKey *string
}

// RefundStore has two unexported implementations that write a key (a
// primary and an archive): which one a caller holds is not known.
type RefundStore interface {
	Insert(ctx context.Context, r Refund) error // want Insert:"writes key param 1.IdempotencyKey → refunds.idempotency_key \\(by archiveRefundStore.Insert, pgRefundStore.Insert\\)"
}

type pgRefundStore struct{ db *sql.DB }

type archiveRefundStore struct{ db *sql.DB }

func NewRefundStore(db *sql.DB, archive bool) RefundStore {
	if archive {
		return &archiveRefundStore{db: db}
	}
	return &pgRefundStore{db: db}
}

func (s *pgRefundStore) Insert(ctx context.Context, r Refund) error { // want Insert:"writes key param 1.IdempotencyKey → refunds.idempotency_key"
	_, err := s.db.ExecContext(ctx, `INSERT INTO refunds (merchant_id, idempotency_key) VALUES ($1, $2)`, r.MerchantID, r.IdempotencyKey) // want `IDEM201: .*Insert's parameter field r.IdempotencyKey is a \*string`
	return err
}

func (s *archiveRefundStore) Insert(ctx context.Context, r Refund) error { // want Insert:"writes key param 1.IdempotencyKey → refunds.idempotency_key"
	_, err := s.db.ExecContext(ctx, `INSERT INTO refunds (merchant_id, idempotency_key) VALUES ($1, $2)`, r.MerchantID, r.IdempotencyKey) // want `IDEM201: .*Insert's parameter field r.IdempotencyKey is a \*string`
	return err
}
