// Package kafkakey checks a key taken from a Kafka message read with
// kafka-go: Message.Key is nil when the producer sent no key, so
// string(m.Key) is "" (IDEM202) and m.Key itself is written as NULL
// (IDEM201, where NULLs repeat).
package kafkakey

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"

	"github.com/segmentio/kafka-go"
)

//go:embed schema.sql
var Schema string

const insertInbox = `INSERT INTO inbox (topic, dedupe_id) VALUES ($1, $2) ON CONFLICT (topic, dedupe_id) DO NOTHING`

func consume(ctx context.Context, db *sql.DB, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, insertInbox, m.Topic, string(m.Key)); err != nil { // want `IDEM202: idempotency key inbox.dedupe_id can be empty here: empty when the message has no key \(Message.Key, line \d+\)`
			return err
		}
	}
}

func consumeKeyed(ctx context.Context, db *sql.DB, r *kafka.Reader) error {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		if len(m.Key) == 0 {
			return errors.New("a message without a key")
		}
		if _, err := db.ExecContext(ctx, insertInbox, m.Topic, string(m.Key)); err != nil {
			return err
		}
	}
}

func consumeBytes(ctx context.Context, db *sql.DB, r *kafka.Reader) error {
	m, err := r.ReadMessage(ctx)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO events (topic, dedup_key) VALUES ($1, $2)`, m.Topic, m.Key) // want `IDEM201: idempotency key events.dedup_key can be NULL here: nil when the message has no key \(Message.Key, line \d+\)`
	return err
}
