// Package messages stores chat messages.
package messages

import (
	"context"
	"database/sql"
	"net/http"
)

// Post stores a message. The Idempotency-Key header is optional, so a client
// that sends none gets a NULL key, and the unique constraint on
// (session_id, idempotency_key) lets every retry of that post through.
func Post(ctx context.Context, db *sql.DB, r *http.Request, sessionID, body string) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_, err := db.ExecContext(ctx,
		`INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)
		 ON CONFLICT (session_id, idempotency_key) DO NOTHING`,
		sessionID, body, key)
	return err
}
