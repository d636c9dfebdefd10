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
// the caller sends is theirs to say, a keyless request is NULL on purpose.
func RangeParam(db *gorm.DB, reqs []Req) error {
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
// caller's.
func RangePointer(db *gorm.DB, reqs []Req) error {
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
func IndexGenerated(db *gorm.DB, r *http.Request, bodies []string, mint func() string) error {
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
