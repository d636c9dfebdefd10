// Package uuidkeys writes fixed-size ID keys (uuid.UUID and its kin),
// which are never NULL or "" but whose zero value, the nil UUID, is the
// same for every write that has no ID: a parse whose error is dropped or
// only logged, an explicit uuid.Nil, a field the JSON body leaves out,
// gofrs' FromStringOrNil of an absent header. An ID whose parse error is
// acted on, that is checked against the nil UUID or replaced, or that is
// generated is not reported.
package uuidkeys

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"log"
	"net/http"

	gofrs "github.com/gofrs/uuid/v5"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/oklog/ulid/v2"
)

//go:embed schema.sql
var Schema string

const insertEvent = `INSERT INTO webhook_events (provider, dedup_id) VALUES ($1, $2)`

var errNoEvent = errors.New("X-Event-Id header required")

// DroppedParse drops the parse error: a request without the header
// writes the nil UUID.
func DroppedParse(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	_, err := db.ExecContext(ctx, insertEvent, "stripe", id) // want `IDEM202: idempotency key webhook_events.dedup_id can be the nil UUID here: the nil UUID when Parse fails and its error is dropped \(line 35\): uuid.Parse returns the nil UUID with its error, as it does for an empty or malformed input; every write without a key writes that same value, so unique constraint webhook_events_provider_dedup_id_key \(provider, dedup_id\) rejects every other one as a duplicate`
	return err
}

// LoggedParse logs the parse error and goes on.
func LoggedParse(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err != nil {
		log.Printf("bad event id: %v", err)
	}
	_, err = db.ExecContext(ctx, insertEvent, "stripe", id) // want `IDEM202: .*can be the nil UUID here: the nil UUID when Parse fails \(line 42\): its error is checked at line 43, but this write is reached when it is not nil too`
	return err
}

// ExplicitNil writes uuid.Nil when the header is absent.
func ExplicitNil(ctx context.Context, db *sql.DB, r *http.Request) error {
	id := uuid.Nil
	if h := r.Header.Get("X-Event-Id"); h != "" {
		id = uuid.MustParse(h)
	}
	_, err := db.ExecContext(ctx, insertEvent, "stripe", id) // want `IDEM202: .*can be the nil UUID here: the nil UUID when the X-Event-Id header is absent \(uuid.Nil, line 52\)`
	return err
}

type eventIn struct {
	Provider string    `json:"provider"`
	EventID  uuid.UUID `json:"eventId"`
}

// Decoded writes a field the JSON body may leave out.
func Decoded(ctx context.Context, db *sql.DB, r *http.Request) error {
	var in eventIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, insertEvent, in.Provider, in.EventID) // want `IDEM202: .*can be the nil UUID here: the nil UUID when the JSON body has no eventId`
	return err
}

// OrNil: gofrs' FromStringOrNil of an absent header is the nil UUID.
func OrNil(ctx context.Context, db *sql.DB, r *http.Request) error {
	id := gofrs.FromStringOrNil(r.Header.Get("X-Event-Id"))
	_, err := db.ExecContext(ctx, insertEvent, "github", id) // want `IDEM202: .*can be the nil UUID here: the nil UUID, which uuid.FromStringOrNil returns for an empty string, and r.Header.Get\("X-Event-Id"\) is empty when the X-Event-Id header is absent`
	return err
}

// NullWrapped: a NULL key is meant to be possible (Valid false), but a
// valid one holding the nil UUID collides.
func NullWrapped(ctx context.Context, db *sql.DB, account int64, r *http.Request) error {
	key, _ := uuid.Parse(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key) VALUES ($1, $2)`,
		account, uuid.NullUUID{UUID: key, Valid: true}) // want `IDEM202: idempotency key transfers.idempotency_key can be the nil UUID here`
	return err
}

// PgWrapped: pgx's pgtype.UUID holding the zero bytes.
func PgWrapped(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	_, err := db.ExecContext(ctx, insertEvent, "stripe", pgtype.UUID{Bytes: id, Valid: true}) // want `IDEM202: .*can be the nil UUID here`
	return err
}

// AsText writes the nil UUID's text into text keys: "000…" is no "", so
// the CHECK on jobs does not stop it, and it collides all the same.
func AsText(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	if _, err := db.ExecContext(ctx, `INSERT INTO tasks (dedup_key) VALUES ($1)`, id.String()); err != nil { // want `IDEM202: idempotency key tasks.dedup_key can be the nil UUID's text here`
		return err
	}
	_, err := db.ExecContext(ctx, `INSERT INTO jobs (dedup_key) VALUES ($1)`, id.String()) // want `IDEM202: idempotency key jobs.dedup_key can be the nil UUID's text here`
	return err
}

// ULIDDropped: oklog/ulid's Parse returns the zero ULID with its error.
func ULIDDropped(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, _ := ulid.Parse(r.URL.Query().Get("event"))
	_, err := db.ExecContext(ctx, `INSERT INTO tasks (dedup_key) VALUES ($1)`, id.String()) // want `IDEM202: .*can be the zero ULID's text here`
	return err
}

// ParseChecked returns the parse error.
func ParseChecked(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, insertEvent, "stripe", id)
	return err
}

// NilRejected checks the decoded ID against the nil UUID.
func NilRejected(ctx context.Context, db *sql.DB, r *http.Request) error {
	var in eventIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if in.EventID == uuid.Nil {
		return errNoEvent
	}
	_, err := db.ExecContext(ctx, insertEvent, in.Provider, in.EventID)
	return err
}

// ZeroReplaced gives a missing ID a fresh one.
func ZeroReplaced(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	if id == (uuid.UUID{}) {
		id = uuid.New()
	}
	_, err := db.ExecContext(ctx, insertEvent, "stripe", id)
	return err
}

// Generated writes a fresh ID.
func Generated(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, insertEvent, "cron", uuid.New())
	return err
}

// MustParsed panics on a bad ID rather than writing the nil UUID.
func MustParsed(ctx context.Context, db *sql.DB, r *http.Request) error {
	_, err := db.ExecContext(ctx, insertEvent, "stripe", uuid.MustParse(r.Header.Get("X-Event-Id")))
	return err
}

// GofrsChecked rejects the nil UUID FromStringOrNil gives.
func GofrsChecked(ctx context.Context, db *sql.DB, r *http.Request) error {
	id := gofrs.FromStringOrNil(r.Header.Get("X-Event-Id"))
	if id.IsNil() {
		return errNoEvent
	}
	_, err := db.ExecContext(ctx, insertEvent, "github", id)
	return err
}

// CheckedText writes the text of a checked ID.
func CheckedText(ctx context.Context, db *sql.DB, r *http.Request) error {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO tasks (dedup_key) VALUES ($1)`, id.String())
	return err
}

// ValidUnlessNil writes NULL where the parse failed: Valid is false for
// the nil UUID, which is then never written (IDEM201, not IDEM202).
func ValidUnlessNil(ctx context.Context, db *sql.DB, account int64, r *http.Request) error {
	key, _ := uuid.Parse(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key) VALUES ($1, $2)`,
		account, uuid.NullUUID{UUID: key, Valid: key != uuid.Nil}) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: Valid is false when key is the nil UUID`
	return err
}

// ValidUnlessIsNil is ValidUnlessNil with gofrs' method: Valid is false
// where FromStringOrNil gave the nil UUID.
func ValidUnlessIsNil(ctx context.Context, db *sql.DB, account int64, r *http.Request) error {
	key := gofrs.FromStringOrNil(r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key) VALUES ($1, $2)`,
		account, gofrs.NullUUID{UUID: key, Valid: !key.IsNil()}) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: Valid is false when key is the nil UUID`
	return err
}

// ValidIsNilChecked rejects the nil UUID first: the flag is always true.
func ValidIsNilChecked(ctx context.Context, db *sql.DB, account int64, r *http.Request) error {
	key := gofrs.FromStringOrNil(r.Header.Get("Idempotency-Key"))
	if key.IsNil() {
		return errNoEvent
	}
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key) VALUES ($1, $2)`,
		account, gofrs.NullUUID{UUID: key, Valid: !key.IsNil()})
	return err
}
