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

// handle writes the message's key as a string: its callers decide.
func handle(ctx context.Context, db *sql.DB, m kafka.Message) error { // want handle:`writes key param 2.Key → inbox.dedupe_id`
	_, err := db.ExecContext(ctx, insertInbox, m.Topic, string(m.Key))
	return err
}

// handleChecked rejects a message without a key itself.
func handleChecked(ctx context.Context, db *sql.DB, m kafka.Message) error {
	if len(m.Key) == 0 {
		return errors.New("a message without a key")
	}
	_, err := db.ExecContext(ctx, insertInbox, m.Topic, string(m.Key))
	return err
}

// handleAliasChecked checks the key it converted: the message's key is
// checked all the same.
func handleAliasChecked(ctx context.Context, db *sql.DB, m kafka.Message) error {
	key := string(m.Key)
	if key == "" {
		return errors.New("a message without a key")
	}
	_, err := db.ExecContext(ctx, insertInbox, m.Topic, key)
	return err
}

func consumeVia(ctx context.Context, db *sql.DB, r *kafka.Reader) error {
	m, err := r.FetchMessage(ctx)
	if err != nil {
		return err
	}
	if err := handleChecked(ctx, db, m); err != nil {
		return err
	}
	if err := handleAliasChecked(ctx, db, m); err != nil {
		return err
	}
	return handle(ctx, db, m) // want `IDEM202: idempotency key inbox.dedupe_id can be empty here: empty when the message has no key \(Message.Key, line \d+\); m.Key is passed to kafkakey.handle`
}

func replay(ctx context.Context, db *sql.DB, topic string) error {
	return handle(ctx, db, kafka.Message{Topic: topic}) // want `IDEM202: idempotency key inbox.dedupe_id can be empty here: the Key field is left out, so it is empty; passed to kafkakey.handle`
}
