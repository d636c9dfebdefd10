// Package memstore is an in-memory domain.RefundStore that app does not
// import: a call through RefundStore there may run it.
package memstore

import (
	"context"
	"sync"

	"example.com/libs/ifaceother/domain"
)

type Store struct {
	mu      sync.Mutex
	refunds []domain.Refund
}

func (s *Store) Insert(ctx context.Context, r domain.Refund) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refunds = append(s.refunds, r)
	return nil
}
