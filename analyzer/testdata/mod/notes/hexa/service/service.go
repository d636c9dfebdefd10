package service // want package:`pending: service.Service.Pay passes nil at notes/hexa/service/service.go:\d+:\d+ to .*domain.Store.InsertPayment arg 1.IdempotencyKey; service.Service.Book passes nil at .* to .*domain.Ledger.InsertEntry arg 1.IdempotencyKey`

// Package service calls the stores through domain's interfaces and
// imports none of them: which implementation runs, and what it writes,
// is out of its view.

import (
	"context"

	"example.com/libs/notes/hexa/domain"
)

type Service struct {
	Store  domain.Store
	Ledger domain.Ledger
}

// Pay passes a payment without a key; the implementations are in
// packages this one does not import, so the call is noted, not judged.
func (s *Service) Pay(ctx context.Context, account string) error {
	return s.Store.InsertPayment(ctx, &domain.Payment{AccountID: account}) // want `not followed: s.Store.InsertPayment is called through an interface that memstore.Store, pgstore.Store implement in packages this one does not import, so whether it writes the IdempotencyKey field of &domain.Payment\{…\} into a key column is not known here`
}

// Book is the same through Ledger, whose one implementation is out of
// view too.
func (s *Service) Book(ctx context.Context, account string) error {
	return s.Ledger.InsertEntry(ctx, &domain.Entry{Account: account}) // want `not followed: s.Ledger.InsertEntry is called through an interface that pgstore.EntryStore implements in packages this one does not import`
}
