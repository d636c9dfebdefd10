package app // want package:`.*pgstore.EntryStore.InsertEntry implements .*domain.Ledger.InsertEntry, writes key param 1.IdempotencyKey → entries.idempotency_key.*`

// Package app wires pgstore in and calls it through domain's interfaces:
// pgstore's facts are in view here, memstore's are not.

import (
	"context"
	"crypto/rand"
	"database/sql"

	"example.com/libs/notes/hexa/domain"
	"example.com/libs/notes/hexa/pgstore"
)

type App struct {
	Store  domain.Store
	Ledger domain.Ledger
}

func New(db *sql.DB) *App {
	return &App{Store: &pgstore.Store{DB: db}, Ledger: &pgstore.EntryStore{DB: db}}
}

// Ledger's one implementation in the module is in view: the call is
// judged as a call of it.
func (a *App) Book(ctx context.Context, account string) error {
	return a.Ledger.InsertEntry(ctx, &domain.Entry{Account: account}) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is nil; passed to Ledger.InsertEntry \(EntryStore.InsertEntry\), which writes it into entries.idempotency_key`
}

// The same call with a key: nothing to report.
func (a *App) BookKeyed(ctx context.Context, account string) error {
	k := rand.Text()
	return a.Ledger.InsertEntry(ctx, &domain.Entry{Account: account, IdempotencyKey: &k})
}

// Store has an implementation out of view (memstore) beside pgstore's:
// which one runs is not known here, so the call is noted, not judged.
func (a *App) Pay(ctx context.Context, account string) error {
	return a.Store.InsertPayment(ctx, &domain.Payment{AccountID: account}) // want `not followed: a.Store.InsertPayment is called through an interface that Store.InsertPayment implements, writing payments.idempotency_key, and that memstore.Store implements too in packages this one does not import; which one runs is not known`
}
