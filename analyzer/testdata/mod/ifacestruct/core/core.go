// Package core holds the entities and value objects; it knows no
// database and no service.
package core

import (
	"errors"
	"strings"
)

var ErrNoKey = errors.New("an idempotency key is required")

// IdempotencyKey is a value object: NewIdempotencyKey rejects "".
type IdempotencyKey string

func NewIdempotencyKey(s string) (IdempotencyKey, error) { // want NewIdempotencyKey:"result 0 empty with its error"
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ErrNoKey
	}
	return IdempotencyKey(s), nil
}

// Payout holds its key in a field named only Key: its type says what it is.
type Payout struct {
	TenantID string
	Amount   int64
	Key      IdempotencyKey
}

// AuditRecord is written by the service itself, without a key on purpose.
type AuditRecord struct {
	Event          string
	IdempotencyKey string
}
