// Package elemrows inserts rows built in a loop from the elements of a
// parameter slice (GORM's Create, bun's Model, sqlx's batch NamedExec):
// the element's key is the caller's, as a single row's parameter is.
package elemrows

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Message struct {
	ID             int64
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (Message) TableName() string { return "messages" }

type Payment struct {
	bun.BaseModel  `bun:"table:payments"`
	ID             int64 `bun:",pk,autoincrement"`
	AccountID      string
	IdempotencyKey string
}

type sqlxMessage struct {
	SessionID      string  `db:"session_id"`
	Body           string  `db:"body"`
	IdempotencyKey *string `db:"idempotency_key"`
}

// In is what callers send, one per row.
type In struct {
	Session, Body string
	Key           *string
	Account       string
	PayKey        string
}

// CreateAll writes each element's Key: its callers decide.
func CreateAll(db *gorm.DB, in []In) error { // want CreateAll:`writes key param 1.\[\].Key → messages.idempotency_key`
	rows := make([]Message, 0, len(in))
	for _, x := range in {
		rows = append(rows, Message{SessionID: x.Session, Body: x.Body, IdempotencyKey: x.Key}) // want `IDEM201: .*CreateAll's parameter in is a slice, and the Key field of the elements is a \*string, so every caller may pass nil in any element, and nothing here checks it`
	}
	return db.Create(&rows).Error
}

// CreateChecked checks each element's key itself: nothing for its callers.
func CreateChecked(db *gorm.DB, in []In) error {
	rows := make([]Message, 0, len(in))
	for _, x := range in {
		if x.Key == nil {
			return errors.New("missing idempotency key")
		}
		rows = append(rows, Message{SessionID: x.Session, Body: x.Body, IdempotencyKey: x.Key})
	}
	return db.Create(&rows).Error
}

// CreateNil writes nil whatever the callers send.
func CreateNil(db *gorm.DB, in []In) error {
	rows := make([]Message, 0, len(in))
	for _, x := range in {
		rows = append(rows, Message{SessionID: x.Session, Body: x.Body, IdempotencyKey: nil}) // want `IDEM201: .*a nil literal is written into the row`
	}
	return db.Create(&rows).Error
}

// CreateLeftOut leaves the key out of every row.
func CreateLeftOut(db *gorm.DB, in []In) error {
	rows := make([]Message, 0, len(in))
	for _, x := range in {
		rows = append(rows, Message{SessionID: x.Session, Body: x.Body}) // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal appended to the rows, so GORM writes NULL`
	}
	return db.Create(&rows).Error
}

// Pay writes each element's PayKey through bun: an empty one is its
// callers' to avoid.
func Pay(ctx context.Context, db *bun.DB, in []In) error { // want Pay:`writes key param 2.\[\].PayKey → payments.idempotency_key`
	rows := make([]Payment, 0, len(in))
	for _, x := range in {
		rows = append(rows, Payment{AccountID: x.Account, IdempotencyKey: x.PayKey})
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// PayEmpty writes the empty string whatever the callers send.
func PayEmpty(ctx context.Context, db *bun.DB, in []In) error {
	rows := make([]Payment, 0, len(in))
	for _, x := range in {
		rows = append(rows, Payment{AccountID: x.Account, IdempotencyKey: ""}) // want `IDEM202: .*an empty string literal`
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// Batch writes each element's Key through sqlx's batch NamedExec.
func Batch(ctx context.Context, db *sqlx.DB, in []In) error { // want Batch:`writes key param 2.\[\].Key → messages.idempotency_key`
	rows := make([]sqlxMessage, 0, len(in))
	for _, x := range in {
		rows = append(rows, sqlxMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: x.Key}) // want `IDEM201: .*Batch's parameter in is a slice, and the Key field of the elements is a \*string`
	}
	_, err := db.NamedExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (:session_id, :body, :idempotency_key)`, rows)
	return err
}

// Forward passes its parameter on: its own callers decide.
func Forward(db *gorm.DB, in []In) error { // want Forward:`writes key param 1.\[\].Key → messages.idempotency_key`
	return CreateAll(db, in)
}

// ForwardValidated checks each element's other fields before passing the
// slice on: its loop never looks at Key, so its callers still decide.
func ForwardValidated(db *gorm.DB, in []In) error { // want ForwardValidated:`writes key param 1.\[\].Key → messages.idempotency_key`
	for i, x := range in {
		if x.Session == "" {
			return errors.New("session required in element " + strconv.Itoa(i))
		}
	}
	return CreateAll(db, in)
}

// ForwardKeyChecked checks each element's Key: nothing for its callers.
func ForwardKeyChecked(db *gorm.DB, in []In) error {
	for _, x := range in {
		if x.Key == nil {
			return errors.New("missing idempotency key")
		}
	}
	return CreateAll(db, in)
}

// ForwardIndexed reads the elements' other fields through their index:
// its loop never looks at Key, so its callers still decide, as with
// ForwardValidated's element variable.
func ForwardIndexed(db *gorm.DB, in []In) error { // want ForwardIndexed:`writes key param 1.\[\].Key → messages.idempotency_key`
	for i := range in {
		if in[i].Session == "" {
			return errors.New("session required")
		}
	}
	return CreateAll(db, in)
}

func callers(db *gorm.DB) {
	CreateAll(db, []In{{Session: "s", Body: "b"}})        // want `IDEM201: .*the Key field is left out, so it is nil; passed to elemrows.CreateAll`
	ForwardValidated(db, []In{{Session: "s", Body: "b"}}) // want `IDEM201: .*the Key field is left out, so it is nil; passed to elemrows.ForwardValidated`
	ForwardKeyChecked(db, []In{{Session: "s", Body: "b"}})
	ForwardIndexed(db, []In{{Session: "s", Body: "b"}}) // want `IDEM201: .*the Key field is left out, so it is nil; passed to elemrows.ForwardIndexed`
	Forward(db, []In{{Session: "s", Body: "b"}})        // want `IDEM201: .*passed to elemrows.Forward`
	CreateChecked(db, []In{{Session: "s", Body: "b"}})
	CreateAll(db, nil)
}

// NullMessage's key is a sql.NullString: an element's empty key becomes
// NULL through Valid.
type NullMessage struct {
	ID             int64
	SessionID      string
	Body           string
	IdempotencyKey sql.NullString
}

func (NullMessage) TableName() string { return "messages" }

type bunNullMessage struct {
	bun.BaseModel  `bun:"table:messages"`
	ID             int64 `bun:",pk,autoincrement"`
	SessionID      string
	Body           string
	IdempotencyKey sql.NullString
}

type sqlxNullMessage struct {
	SessionID      string         `db:"session_id"`
	Body           string         `db:"body"`
	IdempotencyKey sql.NullString `db:"idempotency_key"`
}

// Ref is what callers send: a string key, "" when there is none.
type Ref struct {
	Session string `json:"session"`
	Body    string `json:"body"`
	Key     string `json:"key"`
}

// CreateValid makes each element's key through Valid: an empty Key is a
// NULL key, which is its callers' to avoid.
func CreateValid(db *gorm.DB, in []Ref) error { // want CreateValid:`writes key param 1.\[\].Key → messages.idempotency_key`
	rows := make([]NullMessage, 0, len(in))
	for _, x := range in {
		rows = append(rows, NullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}})
	}
	return db.Create(&rows).Error
}

// CreateValidChecked rejects an element without a key: nothing for its
// callers.
func CreateValidChecked(db *gorm.DB, in []Ref) error {
	rows := make([]NullMessage, 0, len(in))
	for _, x := range in {
		if x.Key == "" {
			return errors.New("missing idempotency key")
		}
		rows = append(rows, NullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}})
	}
	return db.Create(&rows).Error
}

// BunValid is CreateValid through bun.
func BunValid(ctx context.Context, db *bun.DB, in []Ref) error { // want BunValid:`writes key param 2.\[\].Key → messages.idempotency_key`
	rows := make([]bunNullMessage, 0, len(in))
	for _, x := range in {
		rows = append(rows, bunNullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}})
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// SqlxValid is CreateValid through sqlx's batch NamedExec.
func SqlxValid(ctx context.Context, db *sqlx.DB, in []Ref) error { // want SqlxValid:`writes key param 2.\[\].Key → messages.idempotency_key`
	rows := make([]sqlxNullMessage, 0, len(in))
	for _, x := range in {
		rows = append(rows, sqlxNullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}})
	}
	_, err := db.NamedExecContext(ctx, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (:session_id, :body, :idempotency_key)`, rows)
	return err
}

// PgxValid is CreateValid through a pgx Batch, one Queue per element.
func PgxValid(ctx context.Context, conn *pgx.Conn, in []Ref) error { // want PgxValid:`writes key param 2.\[\].Key → messages.idempotency_key`
	b := &pgx.Batch{}
	for _, x := range in {
		b.Queue(`INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, x.Session, x.Body, sql.NullString{String: x.Key, Valid: x.Key != ""})
	}
	return conn.SendBatch(ctx, b).Close()
}

// ImportDecoded ranges over a decoded request: any element may leave its
// key out, and the insert is where that shows.
func ImportDecoded(db *gorm.DB, r *http.Request) error {
	var in []Ref
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	rows := make([]NullMessage, 0, len(in))
	for _, x := range in {
		rows = append(rows, NullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}}) // want `IDEM201: .*Valid is false when x.Key is empty; empty when an element of the JSON body has no key, decoded at elemrows.go`
	}
	return db.Create(&rows).Error
}

// ImportDecodedChecked checks each decoded element first: fine.
func ImportDecodedChecked(db *gorm.DB, r *http.Request) error {
	var in []Ref
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	rows := make([]NullMessage, 0, len(in))
	for _, x := range in {
		if x.Key == "" {
			return errors.New("every element needs a key")
		}
		rows = append(rows, NullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}})
	}
	return db.Create(&rows).Error
}

// Tagged is Ref with go-playground's rules: every element needs a key.
type Tagged struct {
	Session string `json:"session"`
	Body    string `json:"body"`
	Key     string `json:"key" validate:"required"`
}

// CreateTagged is CreateValid for Tagged rows: its callers decide.
func CreateTagged(db *gorm.DB, in []Tagged) error { // want CreateTagged:`writes key param 1.\[\].Key → messages.idempotency_key`
	rows := make([]NullMessage, 0, len(in))
	for _, x := range in {
		rows = append(rows, NullMessage{SessionID: x.Session, Body: x.Body, IdempotencyKey: sql.NullString{String: x.Key, Valid: x.Key != ""}})
	}
	return db.Create(&rows).Error
}
