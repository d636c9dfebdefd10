// Package gormcreate writes rows through GORM's less direct creates:
// FirstOrCreate (whose create branch writes the row's fields and the
// conditions' fields), models with BeforeCreate hooks, and *string keys
// tagged default:.
package gormcreate

import (
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Message struct {
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

// FirstOrCreate creates the row when no row matches: the conditions'
// fields and the row's own are what it writes.
func firstOrCreateLeftOut(db *gorm.DB, s, b string) error {
	var m Message
	return db.FirstOrCreate(&m, Message{SessionID: s, Body: b}).Error // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: .*left out`
}

func firstOrCreateHeader(db *gorm.DB, r *http.Request, s string) error {
	var m Message
	return db.FirstOrCreate(&m, Message{SessionID: s, IdempotencyKey: headerKey(r)}).Error // want `IDEM201: .*can be NULL here: gormcreate.headerKey can return a nil literal`
}

func firstOrCreateChecked(db *gorm.DB, r *http.Request, s string) error {
	key := headerKey(r)
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	var m Message
	return db.FirstOrCreate(&m, Message{SessionID: s, IdempotencyKey: key}).Error
}

func firstOrCreateRowKeyed(db *gorm.DB, s string) error {
	k := rand.Text()
	m := Message{IdempotencyKey: &k}
	return db.FirstOrCreate(&m, Message{SessionID: s}).Error
}

func whereFirstOrCreate(db *gorm.DB, r *http.Request, s string) error {
	var m Message
	return db.Where(Message{SessionID: s, IdempotencyKey: headerKey(r)}).FirstOrCreate(&m).Error // want `IDEM201: .*can be NULL here: gormcreate.headerKey can return a nil literal`
}

func attrsFirstOrCreate(db *gorm.DB, s string) error {
	k := rand.Text()
	var m Message
	return db.Where(Message{SessionID: s}).Attrs(Message{IdempotencyKey: &k}).FirstOrCreate(&m).Error
}

func assignFirstOrCreateLeftOut(db *gorm.DB, s, b string) error {
	var m Message
	return db.Where(Message{SessionID: s}).Assign(Message{Body: b}).FirstOrCreate(&m).Error // want `IDEM201: .*left out`
}

// The conditions hold the key's address: GORM's chain methods (Where,
// Attrs) keep it to read and write nothing through it, so the key is the
// header's, "" when absent, and (with the *string) never nil.
func whereAddrFirstOrCreate(db *gorm.DB, r *http.Request, s string) error {
	key := r.URL.Query().Get("key")
	var m Message
	return db.Where(Message{SessionID: s, IdempotencyKey: &key}).Attrs(Message{Body: "b"}).FirstOrCreate(&m).Error // want `IDEM202: idempotency key messages.idempotency_key can be empty here: empty when the "key" query parameter is absent`
}

// The same with the key checked first: not reported.
func whereAddrChecked(db *gorm.DB, r *http.Request, s string) error {
	key := r.URL.Query().Get("key")
	if key == "" {
		return errors.New("key required")
	}
	var m Message
	return db.Where(Message{SessionID: s, IdempotencyKey: &key}).Attrs(Message{Body: "b"}).FirstOrCreate(&m).Error
}
