// Package store is the chat service's repository layer: it writes messages
// to the database.
package store

import (
	"context"
	"database/sql"
)

// Store writes to the chat database.
type Store struct {
	DB *sql.DB
}

// CreateMessageInput is a message to store. The key is optional, as the
// API schema says: older clients send none.
type CreateMessageInput struct {
	SessionID      string  `json:"sessionId"`
	Body           string  `json:"body"`
	IdempotencyKey *string `json:"idempotencyKey,omitempty"`
}

// CreateMessage stores a message. The unique constraint on (session_id,
// idempotency_key) is meant to make a retried post a no-op, but a nil key
// is stored as NULL, and NULLs never collide: every retry lands.
func (s *Store) CreateMessage(ctx context.Context, in CreateMessageInput) error {
	_, err := s.DB.ExecContext(ctx,
		`INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)
		 ON CONFLICT (session_id, idempotency_key) DO NOTHING`,
		in.SessionID, in.Body, in.IdempotencyKey)
	return err
}
