// Package pg implements svc's repository without importing svc.
package pg

import (
	"context"
	"database/sql"
	_ "embed"

	"example.com/libs/ifacestruct/core"
)

//go:embed schema.sql
var schema string

type PayoutStore struct{ db *sql.DB }

func NewPayoutStore(db *sql.DB) *PayoutStore { return &PayoutStore{db: db} }

type payoutRow struct {
	TenantID       string
	Amount         int64
	IdempotencyKey sql.NullString
}

func toRow(p core.Payout) payoutRow {
	return payoutRow{TenantID: p.TenantID, Amount: p.Amount, IdempotencyKey: sql.NullString{String: string(p.Key), Valid: p.Key != ""}}
}

// Create writes an empty key as NULL, through its converter.
func (s *PayoutStore) Create(ctx context.Context, p core.Payout) error { // want Create:`writes key param 1.Key → payouts.idempotency_key`
	row := toRow(p)
	_, err := s.db.ExecContext(ctx, `INSERT INTO payouts (tenant_id, amount, idempotency_key) VALUES ($1, $2, $3)`,
		row.TenantID, row.Amount, row.IdempotencyKey)
	return err
}

// StrictStore rejects an empty key: no fact, nothing to match.
type StrictStore struct{ db *sql.DB }

func NewStrictStore(db *sql.DB) *StrictStore { return &StrictStore{db: db} }

func (s *StrictStore) Create(ctx context.Context, p core.Payout) error {
	if p.Key == "" {
		return core.ErrNoKey
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO payouts (tenant_id, amount, idempotency_key) VALUES ($1, $2, $3)`,
		p.TenantID, p.Amount, string(p.Key))
	return err
}

type AuditStore struct{ db *sql.DB }

func NewAuditStore(db *sql.DB) *AuditStore { return &AuditStore{db: db} }

// Create writes an empty key as NULL.
func (s *AuditStore) Create(ctx context.Context, r core.AuditRecord) error { // want Create:`writes key param 1.IdempotencyKey → audits.idempotency_key`
	_, err := s.db.ExecContext(ctx, `INSERT INTO audits (event, idempotency_key) VALUES ($1, NULLIF($2, ''))`, r.Event, r.IdempotencyKey)
	return err
}
