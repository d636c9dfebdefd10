// Package rows maps a domain message to the row the store inserts.
package rows

import "database/sql"

type Message struct {
	SessionID      string
	Body           string
	IdempotencyKey sql.NullString
}

// FromDomain sets the key only when the domain message has one.
func FromDomain(session, body string, key *string) Message {
	m := Message{SessionID: session, Body: body}
	if key != nil {
		m.IdempotencyKey = sql.NullString{String: *key, Valid: true}
	}
	return m
}
