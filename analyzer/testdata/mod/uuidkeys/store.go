package uuidkeys

import (
	"context"
	"database/sql"
	"errors"
	"net/http"

	"github.com/google/uuid"

	"example.com/libs/uuidkeys/eventid"
)

// EventStore is the repository layer: it writes the ID it is given, so
// its callers decide whether that can be the nil UUID.
type EventStore struct{ DB *sql.DB }

// Record writes id as it is.
func (s *EventStore) Record(ctx context.Context, provider string, id uuid.UUID) error { // want Record:`writes key param 2 → webhook_events.dedup_id`
	_, err := s.DB.ExecContext(ctx, insertEvent, provider, id)
	return err
}

// RecordChecked rejects the nil UUID itself: its callers are not judged.
func (s *EventStore) RecordChecked(ctx context.Context, provider string, id uuid.UUID) error {
	if id == uuid.Nil {
		return errors.New("event id required")
	}
	_, err := s.DB.ExecContext(ctx, insertEvent, provider, id)
	return err
}

// Event carries the ID in a field.
type Event struct {
	Provider string
	ID       uuid.UUID
}

// RecordEvent writes e.ID as it is.
func (s *EventStore) RecordEvent(ctx context.Context, e Event) error { // want RecordEvent:`writes key param 1.ID → webhook_events.dedup_id`
	_, err := s.DB.ExecContext(ctx, insertEvent, e.Provider, e.ID)
	return err
}

// Handle passes a parse whose error is dropped.
func Handle(ctx context.Context, s *EventStore, r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err := s.RecordChecked(ctx, "stripe", id); err != nil {
		return err
	}
	return s.Record(ctx, "stripe", id) // want `IDEM202: idempotency key webhook_events.dedup_id can be the nil UUID here: the nil UUID when Parse fails and its error is dropped \(line 47\): .*; passed to EventStore.Record, which writes it into webhook_events.dedup_id`
}

// HandleEvent leaves the ID out of the event, or sets it from a dropped
// parse.
func HandleEvent(ctx context.Context, s *EventStore, r *http.Request) error {
	if err := s.RecordEvent(ctx, Event{Provider: "github"}); err != nil { // want `IDEM202: .*can be the nil UUID here: the ID field is left out, so it is the nil UUID; passed to EventStore.RecordEvent`
		return err
	}
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	return s.RecordEvent(ctx, Event{Provider: "github", ID: id}) // want `IDEM202: .*can be the nil UUID here: the nil UUID when Parse fails and its error is dropped`
}

// HandleGenerated passes a fresh ID.
func HandleGenerated(ctx context.Context, s *EventStore) error {
	return s.Record(ctx, "cron", uuid.New())
}

// HandleImported drops the error of another package's parser.
func HandleImported(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, _ := eventid.Parse(r.Header.Get("X-Event-Id"))
	_, err := db.ExecContext(ctx, insertEvent, "stripe", id) // want `IDEM202: .*can be the nil UUID here: the nil UUID when Parse fails and its error is dropped \(line 71\): eventid.Parse returns the nil UUID with its error`
	return err
}
