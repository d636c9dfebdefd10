// Package memstore implements domain.Store in memory, for local runs: it
// writes no key column.
package memstore

import (
	"context"
	"sync"

	"example.com/libs/notes/hexa/domain"
)

type Store struct {
	mu       sync.Mutex
	payments []domain.Payment
}

func (s *Store) InsertPayment(_ context.Context, p *domain.Payment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.payments = append(s.payments, *p)
	return nil
}
