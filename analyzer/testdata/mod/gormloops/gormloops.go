// Package gormloops inserts GORM rows built in loops: range variables,
// Valid flags computed from them, and elements set under an index.
package gormloops

import (
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Event struct {
	ID             int64
	Source         string
	IdempotencyKey sql.NullString
}

func (Event) TableName() string { return "messages" }

type Message struct {
	ID             int64
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (Message) TableName() string { return "messages" }

type Req struct {
	Body string
	Key  string
}

// The range variable's key becomes a NULL when it is empty, and the header
// may be absent.
func RangeValid(db *gorm.DB, r *http.Request, bodies []string) error {
	key := r.Header.Get("Idempotency-Key")
	var rows []Event
	for _, b := range bodies {
		k := key
		rows = append(rows, Event{Source: b, IdempotencyKey: sql.NullString{String: k, Valid: k != ""}}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	}
	return db.Create(&rows).Error
}

// The same, the header checked first: fine.
func RangeValidChecked(db *gorm.DB, r *http.Request, bodies []string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	var rows []Event
	for _, b := range bodies {
		k := key
		rows = append(rows, Event{Source: b, IdempotencyKey: sql.NullString{String: k, Valid: k != ""}})
	}
	return db.Create(&rows).Error
}

// Valid: in.Key != "" where in ranges over the caller's requests: what
// the caller sends is theirs to say; the function gets the fact
// param 1.[].Key, and a caller whose element may have an empty Key is
// reported (NULL when it is empty).
func RangeParam(db *gorm.DB, reqs []Req) error { // want RangeParam:`writes key param 1.\[\].Key → messages.idempotency_key`
	var rows []Event
	for _, in := range reqs {
		rows = append(rows, Event{Source: in.Body, IdempotencyKey: sql.NullString{String: in.Key, Valid: in.Key != ""}})
	}
	return db.Create(&rows).Error
}

// Valid: in.Key != "" over a local slice whose every key is set from a
// header checked first: fine.
func RangeLocalChecked(db *gorm.DB, r *http.Request, bodies []string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	reqs := make([]Req, 0, len(bodies))
	for _, b := range bodies {
		reqs = append(reqs, Req{Body: b, Key: key})
	}
	var rows []Event
	for _, in := range reqs {
		rows = append(rows, Event{Source: in.Body, IdempotencyKey: sql.NullString{String: in.Key, Valid: in.Key != ""}})
	}
	return db.Create(&rows).Error
}

// Valid: in.Key != "" over a local slice of header keys, one per body,
// the header unchecked.
func RangeLocalUnchecked(db *gorm.DB, r *http.Request, bodies []string) error {
	reqs := make([]Req, 0, len(bodies))
	for _, b := range bodies {
		reqs = append(reqs, Req{Body: b, Key: r.Header.Get("Idempotency-Key")})
	}
	var rows []Event
	for _, in := range reqs {
		rows = append(rows, Event{Source: in.Body, IdempotencyKey: sql.NullString{String: in.Key, Valid: in.Key != ""}}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	}
	return db.Create(&rows).Error
}

// Under a non-constant index of a local slice of header keys.
func IndexOfLocal(db *gorm.DB, r *http.Request, bodies []string) error {
	keys := make([]string, len(bodies))
	for i := range keys {
		keys[i] = r.Header.Get("Idempotency-Key")
	}
	var rows []Event
	for i, b := range bodies {
		rows = append(rows, Event{Source: b, IdempotencyKey: sql.NullString{String: keys[i], Valid: keys[i] != ""}}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	}
	return db.Create(&rows).Error
}

// The same, each key checked before its row is built: fine.
func IndexOfLocalChecked(db *gorm.DB, r *http.Request, bodies []string) error {
	keys := make([]string, len(bodies))
	for i := range keys {
		keys[i] = r.Header.Get("Idempotency-Key")
	}
	var rows []Event
	for i, b := range bodies {
		if keys[i] == "" {
			return errors.New("missing Idempotency-Key")
		}
		rows = append(rows, Event{Source: b, IdempotencyKey: sql.NullString{String: keys[i], Valid: keys[i] != ""}})
	}
	return db.Create(&rows).Error
}

// A pointer to the range variable's key: never nil, and the key is the
// caller's: the function gets the fact param 1.[].Key, as RangeParam does
// (taking the field's address does not overwrite it).
func RangePointer(db *gorm.DB, reqs []Req) error { // want RangePointer:`writes key param 1.\[\].Key → messages.idempotency_key`
	var rows []Message
	for _, in := range reqs {
		rows = append(rows, Message{Body: in.Body, IdempotencyKey: &in.Key})
	}
	return db.Create(&rows).Error
}

// Elements set under a non-constant index, the key nil when the header is
// absent.
func IndexNil(db *gorm.DB, r *http.Request, bodies []string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	rows := make([]Message, len(bodies))
	for i := range bodies {
		rows[i] = Message{Body: bodies[i], IdempotencyKey: key} // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	}
	return db.Create(&rows).Error
}

// The same, a key generated when the header is absent: fine.
func IndexGenerated(db *gorm.DB, r *http.Request, bodies []string, mint func() string) error { // want IndexGenerated:`runs its function parameters \[3\]`
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		h = mint()
	}
	rows := make([]Message, len(bodies))
	for i := range bodies {
		rows[i] = Message{Body: bodies[i], IdempotencyKey: &h}
	}
	return db.Create(&rows).Error
}

// The key is made inside the loop, one per row: the fix guards it where
// it is, no copy needed.
func PerRowHeader(db *gorm.DB, r *http.Request, bodies []string) error {
	var rows []Message
	for _, b := range bodies {
		var key *string
		if h := r.Header.Get("Idempotency-Key"); h != "" {
			key = &h
		}
		rows = append(rows, Message{SessionID: "s", Body: b, IdempotencyKey: key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	}
	return db.Create(&rows).Error
}

// One key for every row, from outside the loop, and nothing that differs
// from row to row: a key derived per row would be the same for all rows,
// so only a random key per row is offered.
func SameRows(db *gorm.DB, r *http.Request, session string, n int) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	var rows []Message
	for range n {
		rows = append(rows, Message{SessionID: session, Body: "ping", IdempotencyKey: key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	}
	return db.Create(&rows).Error
}

// The key is a string, empty when the header is absent, written into a
// NOT NULL key by a nested loop: the copy is made in the inner loop.
func NestedEmpty(db *gorm.DB, r *http.Request, sources [][]string) error {
	key := r.Header.Get("Idempotency-Key")
	var rows []Ev
	for _, group := range sources {
		for _, s := range group {
			rows = append(rows, Ev{Source: s, IdempotencyKey: key}) // want `IDEM202: idempotency key events.idempotency_key can be empty here`
		}
	}
	return db.Create(&rows).Error
}

// Ev is a row of events, whose key is NOT NULL.
type Ev struct {
	ID             int64
	Source         string
	IdempotencyKey string
}

func (Ev) TableName() string { return "events" }

// SaveEvent writes e.IdempotencyKey: its callers decide.
func SaveEvent(db *gorm.DB, e *Ev) error { // want SaveEvent:`writes key param 1.IdempotencyKey → events.idempotency_key`
	return db.Create(e).Error
}

// One struct for every call, filled outside the loop: a guard on its
// field before the call would give the first row's key to every later
// row, so the finding comes without a fix.
func SaveEach(db *gorm.DB, r *http.Request, sources []string) error {
	e := &Ev{IdempotencyKey: r.Header.Get("Idempotency-Key")}
	for _, s := range sources {
		e.Source = s
		if err := SaveEvent(db, e); err != nil { // want `IDEM202: .*passed to gormloops.SaveEvent`
			return err
		}
	}
	return nil
}

// The struct is made per row: the fix guards its field before the call.
func SaveEachFresh(db *gorm.DB, r *http.Request, sources []string) error {
	for _, s := range sources {
		e := &Ev{Source: s, IdempotencyKey: r.Header.Get("Idempotency-Key")}
		if err := SaveEvent(db, e); err != nil { // want `IDEM202: .*passed to gormloops.SaveEvent`
			return err
		}
	}
	return nil
}
