// Package batchrows writes rows built in slice literals whose element
// literals elide their type (and &), rows a converter returns the address
// of, and one slice handed to two batch inserts, with GORM and bun.
package batchrows

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Message struct {
	bun.BaseModel `bun:"table:messages"`

	ID             int64   `bun:"id,pk,autoincrement"`
	SessionID      string  `bun:"session_id"`
	Body           string  `bun:"body"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

// PtrLiteral: a []*Message literal in a variable, its elements' & elided,
// then GORM's batch Create.
func PtrLiteral(db *gorm.DB, r *http.Request, s string) error {
	rows := []*Message{{SessionID: s, Body: "a", IdempotencyKey: headerKey(r)}, {SessionID: s, Body: "b", IdempotencyKey: nil}} // want `IDEM201: .*headerKey can return a nil literal` `IDEM201: .*a nil literal is written into the row`
	return db.Create(&rows).Error
}

// PtrLiteralKeyed: the same with a minted key: fine.
func PtrLiteralKeyed(db *gorm.DB, s string) error {
	k := uuid.NewString()
	rows := []*Message{{SessionID: s, Body: "a", IdempotencyKey: &k}}
	return db.Create(rows).Error
}

// ValueLiteral: a []Message literal in a variable, then bun's Model(&rows).
func ValueLiteral(ctx context.Context, db *bun.DB, r *http.Request, s string) error {
	rows := []Message{{SessionID: s, Body: "a", IdempotencyKey: headerKey(r)}} // want `IDEM201: .*headerKey can return a nil literal`
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// ValueLiteralChecked checks the key first: fine.
func ValueLiteralChecked(ctx context.Context, db *bun.DB, r *http.Request, s string) error {
	k := headerKey(r)
	if k == nil {
		return errors.New("Idempotency-Key required")
	}
	rows := []Message{{SessionID: s, Body: "a", IdempotencyKey: k}}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// Input is what a service hands its repository.
type Input struct {
	SessionID string
	Body      string
	Key       *string
}

// toModel returns the row's address, as repositories often do.
func toModel(in Input) *Message {
	if in.SessionID == "" {
		return nil
	}
	m := &Message{SessionID: in.SessionID, Body: in.Body}
	m.IdempotencyKey = in.Key
	return m
}

// toRow fills a row through its pointer parameter's fields.
func toRow(in *Input) *Message {
	var m Message
	m.SessionID = in.SessionID
	m.Body = in.Body
	if in.Key != nil {
		m.IdempotencyKey = in.Key
	}
	return &m
}

// CreateConverted: GORM's Create of the converter's result, passed inline.
func CreateConverted(db *gorm.DB, in Input) error { // want CreateConverted:`writes key param 1.Key → messages.idempotency_key`
	return db.Create(toModel(in)).Error // want `IDEM201: .*CreateConverted's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when in.Key is nil; batchrows.toModel returns a value whose IdempotencyKey is nil`
}

// CreateConvertedChecked: the same with the key checked: fine.
func CreateConvertedChecked(db *gorm.DB, in Input) error {
	if in.Key == nil {
		return errors.New("key required")
	}
	return db.Create(toModel(in)).Error
}

// InsertConverted: bun's Model of a converter taking the input's address.
func InsertConverted(ctx context.Context, db *bun.DB, in Input) error { // want InsertConverted:`writes key param 2.Key → messages.idempotency_key`
	_, err := db.NewInsert().Model(toRow(&in)).Exec(ctx) // want `IDEM201: .*InsertConverted's parameter field in.Key is a \*string, .*toRow returns a value whose IdempotencyKey is nil`
	return err
}

// InsertConvertedMinted mints a key when none came: fine.
func InsertConvertedMinted(ctx context.Context, db *bun.DB, in Input) error {
	if in.Key == nil {
		k := uuid.NewString()
		in.Key = &k
	}
	_, err := db.NewInsert().Model(toRow(&in)).Exec(ctx)
	return err
}

// TwoInserts hands one appended slice to two batch inserts: both write
// its rows, so both are checked.
func TwoInserts(ctx context.Context, db *gorm.DB, bdb *bun.DB, r *http.Request, bodies []string) error {
	var rows []Message
	for _, b := range bodies {
		rows = append(rows, Message{SessionID: "s", Body: b, IdempotencyKey: headerKey(r)}) // want `IDEM201: .*headerKey can return a nil literal`
	}
	if err := db.Create(&rows).Error; err != nil {
		return err
	}
	_, err := bdb.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// TwoInsertsKeyed: the same with a minted key per row: fine.
func TwoInsertsKeyed(ctx context.Context, db *gorm.DB, bdb *bun.DB, bodies []string) error {
	var rows []Message
	for _, b := range bodies {
		k := uuid.NewString()
		rows = append(rows, Message{SessionID: "s", Body: b, IdempotencyKey: &k})
	}
	if err := db.Create(&rows).Error; err != nil {
		return err
	}
	_, err := bdb.NewInsert().Model(&rows).Exec(ctx)
	return err
}
