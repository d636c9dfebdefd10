// Package service calls repo's stores through repo's interfaces, whose
// implementations are unexported types of repo.
package service

import (
	"context"
	"crypto/rand"
	"database/sql"

	"example.com/libs/ifaceimpl/repo"
)

type Service struct {
	payouts repo.PayoutStore
	refunds repo.RefundStore
}

// PayoutStore's one implementation is pgPayoutStore: the call is judged
// as a call of it.
func (s *Service) Payout(ctx context.Context, merchant string) error {
	return s.payouts.Create(ctx, repo.Payout{MerchantID: merchant}) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is an invalid \(NULL\) sql.NullString; passed to PayoutStore.Create \(pgPayoutStore.Create\), which writes it`
}

// The same call with a key: nothing to report.
func (s *Service) PayoutKeyed(ctx context.Context, merchant string) error {
	return s.payouts.Create(ctx, repo.Payout{MerchantID: merchant, IdempotencyKey: sql.NullString{String: rand.Text(), Valid: true}})
}

// RefundStore has two implementations that write a key: the call is not
// judged as either.
func (s *Service) Refund(ctx context.Context, merchant string) error {
	return s.refunds.Insert(ctx, repo.Refund{MerchantID: merchant}) // want `not followed: s.refunds.Insert is called through an interface that 2 methods writing refunds.idempotency_key implement \(archiveRefundStore.Insert, pgRefundStore.Insert\); which one runs is not known`
}

// PayoutFor writes an empty key as NULL: its callers decide.
func (s *Service) PayoutFor(ctx context.Context, merchant, key string) error { // want PayoutFor:"writes key param 2 → payouts.idempotency_key"
	return s.payouts.Create(ctx, repo.Payout{MerchantID: merchant, IdempotencyKey: sql.NullString{String: key, Valid: key != ""}})
}
