// Package rows maps a domain message to the row the store inserts.
package rows

import "database/sql"

type Message struct {
	SessionID      string
	Body           string
	IdempotencyKey sql.NullString
}

// FromDomain sets the key only when the domain message has one.
func FromDomain(session, body string, key *string) Message { // want FromDomain:`result 0.SessionID empty when argument 0 is empty, result 0.Body empty when argument 1 is empty, result 0.IdempotencyKey.Valid invalid when argument 2 is nil`
	m := Message{SessionID: session, Body: body}
	if key != nil {
		m.IdempotencyKey = sql.NullString{String: *key, Valid: true}
	}
	return m
}

// Fill is set at startup; what it writes is not known here.
var Fill = func(*Message) {}

// FromHook leaves the row to Fill: not followed, so no fact speaks for
// its fields.
func FromHook(session, body string) Message {
	m := Message{SessionID: session, Body: body}
	Fill(&m)
	return m
}
