// Package gormapi creates rows with GORM, which writes every field of the
// model.
package gormapi

import (
	"context"
	"crypto/rand"
	"database/sql"
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

type Payment struct {
	ID             uint
	AccountID      string
	IdempotencyKey string
}

type Job struct {
	ID       uint
	Queue    string
	DedupKey *string
}

// Event's key is filled by the database when the field is zero.
type Event struct {
	ID             uint
	Source         string
	IdempotencyKey *string `gorm:"default:gen_random_uuid()"`
}

// Note has a nullable key column it has no field for.
type Note struct {
	ID     uint
	Author string
}

// Ledger names its table and its key column itself.
type Ledger struct {
	ID        uint
	AccountID string
	Key       sql.NullString `gorm:"column:idempotency_key"`
}

func (Ledger) TableName() string { return "ledger_entries" }

// Hooked fills its key in a hook.
type Hooked struct { // want Hooked:`GORM hooks fill fields 2`
	ID             uint
	SessionID      string
	IdempotencyKey *string
}

func (Hooked) TableName() string { return "messages" }

func (h *Hooked) BeforeCreate(tx *gorm.DB) error {
	k := rand.Text()
	h.IdempotencyKey = &k
	return nil
}

func leftOut(db *gorm.DB, s, b string) {
	db.Create(&Message{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Message literal, so GORM writes NULL`
}

func alwaysSet(db *gorm.DB, s, b string) {
	k := rand.Text()
	db.Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k})
}

func fromHeader(ctx context.Context, db *gorm.DB, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return db.WithContext(ctx).Create(&Message{SessionID: s, Body: b, IdempotencyKey: key}).Error // want `IDEM201: .*nil when the Idempotency-Key header is absent`
}

func guarded(db *gorm.DB, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	return db.Create(&Message{SessionID: s, Body: b, IdempotencyKey: key}).Error
}

func payments(db *gorm.DB, r *http.Request, a string) {
	db.Create(&Payment{AccountID: a, IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `IDEM202: .*Header.Get`
	db.Create(&Payment{AccountID: a})                                                  // want `IDEM202: .*the IdempotencyKey field is left out of the Payment literal, so GORM writes the empty string`
	db.Create(&Payment{AccountID: a, IdempotencyKey: rand.Text()})
}

func defaults(db *gorm.DB, src string) {
	db.Create(&Event{Source: src}) // default: tag, so the database fills the key
	db.Create(&Job{Queue: src})    // partial index: keyless jobs on purpose
}

func noField(db *gorm.DB, author string) {
	db.Create(&Note{Author: author}) // want `IDEM201: idempotency key notes.idempotency_key can be NULL here: GORM's Create of Note leaves out idempotency_key, which has no database default`
}

func tableNameAndColumnTag(db *gorm.DB, a string) {
	db.Create(&Ledger{AccountID: a}) // want `IDEM201: idempotency key ledger_entries.idempotency_key can be NULL here: the Key field is left out of the Ledger literal, so GORM writes NULL`
	db.Create(&Ledger{AccountID: a, Key: sql.NullString{String: rand.Text(), Valid: true}})
}

func hooked(db *gorm.DB, s string) {
	db.Create(&Hooked{SessionID: s}) // BeforeCreate fills the key
}

func batch(db *gorm.DB, s, b string) {
	k := rand.Text()
	db.Create(&[]Message{
		{SessionID: s, Body: b, IdempotencyKey: &k},
		{SessionID: s, Body: b}, // want `IDEM201: .*left out of the Message literal \(element 2\)`
	})
	msgs := []*Message{{SessionID: s, Body: b, IdempotencyKey: &k}}
	db.CreateInBatches(msgs, 100)
}

func variables(db *gorm.DB, s, b string) {
	msg := Message{SessionID: s, Body: b}
	db.Create(&msg) // want `IDEM201: .*left out of the Message literal of msg, so GORM writes NULL`

	set := Message{SessionID: s, Body: b}
	k := rand.Text()
	set.IdempotencyKey = &k
	db.Create(&set)

	var zero Message
	zero.SessionID = s
	db.Create(&zero) // want `IDEM201: .*left out of zero, declared without a value`

	msgs := []Message{{SessionID: s, Body: b}} // want `IDEM201: .*left out of the Message literal \(element 1\) of msgs`
	db.Create(&msgs)
}

func chains(ctx context.Context, db *gorm.DB, s, b string) {
	db.Omit("IdempotencyKey").Create(&Message{SessionID: s, Body: b})  // want `IDEM201: .*GORM's Create of Message after Omit\("IdempotencyKey"\) leaves out idempotency_key`
	db.Table("ledger_entries").Create(&Message{SessionID: s, Body: b}) // want `IDEM201: idempotency key ledger_entries.idempotency_key can be NULL here: the IdempotencyKey field is left out`
	db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&Message{SessionID: s, Body: b}).Error // want `IDEM201: .*left out of the Message literal`
	})
}

// KeyParam writes its parameter into the key: its callers decide.
func KeyParam(db *gorm.DB, s, b string, key *string) error { // want KeyParam:`writes key param 3 → messages.idempotency_key`
	return db.Create(&Message{SessionID: s, Body: b, IdempotencyKey: key}).Error // want `IDEM201: .*KeyParam's parameter key is a \*string, so every caller may pass nil`
}

func keyParamCaller(db *gorm.DB, s, b string) error {
	return KeyParam(db, s, b, nil) // want `IDEM201: .*passed to gormapi.KeyParam`
}

// Redeem writes NULL when its requestID is empty (Valid: requestID != ""),
// in a row variable: its callers decide.
func Redeem(db *gorm.DB, a, requestID string) error { // want Redeem:`writes key param 2 → ledger_entries.idempotency_key`
	e := Ledger{AccountID: a, Key: sql.NullString{String: requestID, Valid: requestID != ""}}
	return db.Create(&e).Error
}

func redeemFromHeader(db *gorm.DB, r *http.Request) error {
	return Redeem(db, "a", r.Header.Get("X-Client-Request-Id")) // want `IDEM201: idempotency key ledger_entries.idempotency_key can be NULL here: empty when the X-Client-Request-Id header is absent`
}

func redeemKeyed(db *gorm.DB) error {
	return Redeem(db, "a", rand.Text())
}
