package uuidkeys

import (
	"net/http"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// WebhookEvent is a row of webhook_events as GORM writes it: a uuid.UUID
// field left zero is written as the nil UUID.
type WebhookEvent struct {
	ID       int64
	Provider string
	DedupID  uuid.UUID
}

// LeftOut leaves the ID out of the row: every event without one is the
// nil UUID.
func LeftOut(db *gorm.DB, provider string) error {
	return db.Create(&WebhookEvent{Provider: provider}).Error // want `IDEM202: idempotency key webhook_events.dedup_id can be the nil UUID here: .*DedupID.*so GORM writes the nil UUID`
}

// Set fills it from the parsed header, rejecting a bad one.
func Set(db *gorm.DB, r *http.Request) error {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err != nil {
		return err
	}
	return db.Create(&WebhookEvent{Provider: "stripe", DedupID: id}).Error
}

// SetDropped fills it from a parse whose error is dropped.
func SetDropped(db *gorm.DB, r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	ev := WebhookEvent{Provider: "stripe"}
	ev.DedupID = id
	return db.Create(&ev).Error // want `IDEM202: idempotency key webhook_events.dedup_id can be the nil UUID here`
}
