// Package testutil holds the tests' doubles: InMemoryLedger implements
// domain.Ledger for tests, and is not what the module runs, so a call
// through Ledger is still judged as pgstore's.
package testutil

import (
	"context"

	"example.com/libs/notes/hexa/domain"
)

type InMemoryLedger struct{ Entries []domain.Entry }

func (l *InMemoryLedger) InsertEntry(ctx context.Context, e *domain.Entry) error {
	l.Entries = append(l.Entries, *e)
	return nil
}
