// Package ifaceresult is a consumer that reads its messages through an
// interface of its own, implemented once in the package over the broker
// client's record: what that implementation returns is the key.
package ifaceresult

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
)

//go:embed schema.sql
var Schema string

const insertInbox = `INSERT INTO inbox (topic, dedup_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`

// Message is what the handlers read.
type Message interface {
	Topic() string
	Header(key string) string
	Value() []byte
}

type header struct {
	Key   string
	Value []byte
}

// Record adapts the broker client's record; a missing header is "".
type Record struct {
	TopicName string
	Headers   []header
	Payload   []byte
}

func (r *Record) Topic() string { return r.TopicName } // want Topic:`result 0 empty when argument 0.TopicName is empty`

func (r *Record) Header(key string) string { // want Header:`result 0 may be empty`
	for _, h := range r.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

func (r *Record) Value() []byte { return r.Payload }

// Handle inserts the producer's message id: "" when it sent none.
func Handle(ctx context.Context, db *sql.DB, m Message) error {
	_, err := db.ExecContext(ctx, insertInbox, m.Topic(), m.Header("message-id")) // want `IDEM202: .*Message.Header \(whose one implementation here is Record.Header\): Record.Header can return an empty string literal \(consumer.go:\d+\)`
	return err
}

// HandleDerived derives a key when the header is missing: nothing to report.
func HandleDerived(ctx context.Context, db *sql.DB, m Message) error {
	id := m.Header("message-id")
	if id == "" {
		sum := sha256.Sum256(m.Value())
		id = hex.EncodeToString(sum[:])
	}
	_, err := db.ExecContext(ctx, insertInbox, m.Topic(), id)
	return err
}

// Event is implemented twice below: which one runs is not known here.
type Event interface{ ID() string }

type pushEvent struct{ id string }

func (e pushEvent) ID() string { // want ID:`result 0 empty when argument 0.id is empty`
	if e.id == "" {
		return ""
	}
	return "push:" + e.id
}

type pullEvent struct{ seq string }

func (e pullEvent) ID() string { return "pull:" + e.seq }

// HandleEvent: two implementations, no verdict.
func HandleEvent(ctx context.Context, db *sql.DB, e Event) error {
	_, err := db.ExecContext(ctx, insertInbox, "events", e.ID())
	return err
}

// Ticket is implemented once, never empty.
type Ticket interface{ Ref() string }

type ticket struct{ n string }

func (t ticket) Ref() string { return "ticket:" + t.n }

// HandleTicket: the one implementation always returns a value.
func HandleTicket(ctx context.Context, db *sql.DB, t Ticket) error {
	_, err := db.ExecContext(ctx, insertInbox, "tickets", t.Ref())
	return err
}
