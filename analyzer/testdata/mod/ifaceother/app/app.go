package app // want package:".*pgstore.pgPayoutStore.Create implements .*domain.PayoutStore.Create.*; .*pgstore.pgRefundStore.Insert implements .*domain.RefundStore.Insert"

// Package app wires pgstore's stores, typed as domain's interfaces, and
// calls them: PayoutStore's one implementation is pgstore's unexported
// pgPayoutStore, known here only through pgstore's package fact.

import (
	"context"
	"crypto/rand"
	"database/sql"

	"example.com/libs/ifaceother/domain"
	"example.com/libs/ifaceother/pgstore"
)

type App struct {
	Payouts domain.PayoutStore
	refunds domain.RefundStore
}

func New(db *sql.DB) *App {
	return &App{Payouts: pgstore.NewPayoutStore(db), refunds: pgstore.NewRefundStore(db)}
}

// The key is left out: judged as a call of pgPayoutStore.Create.
func (a *App) Payout(ctx context.Context, merchant string) error {
	return a.Payouts.Create(ctx, domain.Payout{MerchantID: merchant}) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is an invalid \(NULL\) sql.NullString; passed to PayoutStore.Create \(pgPayoutStore.Create\), which writes it`
}

// The same call with a key: nothing to report.
func (a *App) PayoutKeyed(ctx context.Context, merchant string) error {
	return a.Payouts.Create(ctx, domain.Payout{MerchantID: merchant, IdempotencyKey: sql.NullString{String: rand.Text(), Valid: true}})
}

// RefundStore is implemented in memstore too, which app does not import:
// the call is not judged.
func (a *App) Refund(ctx context.Context, merchant string) error {
	return a.refunds.Insert(ctx, domain.Refund{MerchantID: merchant}) // want `not followed: a.refunds.Insert is called through an interface that pgRefundStore.Insert implements, writing refunds.idempotency_key, and that memstore.Store implements too in packages this one does not import`
}

// PayoutFor writes an empty key as NULL: its callers decide.
func (a *App) PayoutFor(ctx context.Context, merchant, key string) error { // want PayoutFor:"writes key param 2 → payouts.idempotency_key"
	return a.Payouts.Create(ctx, domain.Payout{MerchantID: merchant, IdempotencyKey: sql.NullString{String: key, Valid: key != ""}})
}
