// Package domain declares the rows and the storage interfaces of a
// hexagonal layout: the stores implement them, the service calls them,
// main wires one store in. It imports no store.
package domain

import "context"

type Payment struct {
	AccountID      string
	IdempotencyKey *string
}

// Store has two implementations: pgstore's writes the key, memstore's
// keeps payments in memory.
type Store interface {
	InsertPayment(ctx context.Context, p *Payment) error
}

type Entry struct {
	Account        string
	IdempotencyKey *string
}

// Ledger has one implementation in the module, pgstore's.
type Ledger interface {
	InsertEntry(ctx context.Context, e *Entry) error
}
