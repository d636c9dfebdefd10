// Package gormchain creates rows with GORM after Omit and Select, which
// choose the columns Create writes.
package gormchain

import (
	"context"
	"crypto/rand"
	_ "embed"

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

type Event struct {
	ID             uint
	Source         string
	IdempotencyKey *string
}

func omit(ctx context.Context, db *gorm.DB, s, b string) {
	k := rand.Text()
	db.Omit("IdempotencyKey").Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k})                   // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: GORM's Create of Message after Omit\("IdempotencyKey"\) leaves out idempotency_key, which has no database default`
	db.WithContext(ctx).Omit("idempotency_key").Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k}) // want `IDEM201: .*leaves out idempotency_key`
	db.Omit("Body", "IdempotencyKey").Create(&Message{SessionID: s, IdempotencyKey: &k})                    // want `IDEM201: .*after Omit\("Body", "IdempotencyKey"\) leaves out idempotency_key`
	db.Omit("body, idempotency_key").Create(&Message{SessionID: s, IdempotencyKey: &k})                     // want `IDEM201: .*leaves out idempotency_key`
	db.Omit("Body").Create(&Message{SessionID: s, IdempotencyKey: &k})                                      // the key is still written
	db.Omit("Author").Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k})                           // an association: no column
	db.Omit("Body").Create(&Message{SessionID: s})                                                          // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal, so GORM writes NULL`
	db.Omit("IdempotencyKey").Create(&Event{Source: s})                                                     // the database fills the key
}

func selects(db *gorm.DB, s, b string) {
	k := rand.Text()
	db.Select("SessionID", "Body").Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k})                      // want `IDEM201: .*after Select\("SessionID", "Body"\) leaves out idempotency_key`
	db.Select([]string{"session_id"}).Create(&Message{SessionID: s, IdempotencyKey: &k})                            // want `IDEM201: .*after Select\("session_id"\) leaves out idempotency_key`
	db.Select(append([]string{"session_id"}, "idempotency_key")).Create(&Message{SessionID: s, IdempotencyKey: &k}) // not constant: not followed
	db.Select("SessionID", "Body", "IdempotencyKey").Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k})
	db.Select("session_id, idempotency_key").Create(&Message{SessionID: s, IdempotencyKey: &k})
	db.Select("*").Create(&Message{SessionID: s, Body: b, IdempotencyKey: &k})
	db.Select("*").Create(&Message{SessionID: s, Body: b}) // want `IDEM201: .*left out of the Message literal`
	db.Select("SessionID").Create(&Event{Source: s})       // the database fills the key
}
