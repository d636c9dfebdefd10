// Package sqlxnamed binds sqlx's :name parameters from structs, maps and
// slices of structs.
package sqlxnamed

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jmoiron/sqlx"

	"example.com/libs/sqlxnamed/dbutil"
)

//go:embed schema.sql
var schema string

const (
	insertMessage = `INSERT INTO messages (session_id, body, idempotency_key) VALUES (:session_id, :body, :idempotency_key)`
	insertPayment = `INSERT INTO payments (account_id, idempotency_key) VALUES (:account_id, :idempotency_key)`
	insertJob     = `INSERT INTO jobs (queue, dedup_key) VALUES (:queue, :dedup_key)`
)

type Message struct {
	SessionID      string  `db:"session_id"`
	Body           string  `db:"body"`
	IdempotencyKey *string `db:"idempotency_key"`
}

type Payment struct {
	AccountID      string `db:"account_id"`
	IdempotencyKey string `db:"idempotency_key"`
}

// Tagged maps its fields by tag only: Key feeds idempotency_key.
type Tagged struct {
	Session string  `db:"session_id"`
	Body    string  // sqlx's default mapper: "body"
	Key     *string `db:"idempotency_key"`
}

// Base is embedded: its fields count as Wrapped's.
type Base struct {
	SessionID      string         `db:"session_id"`
	IdempotencyKey sql.NullString `db:"idempotency_key"`
}

type Wrapped struct {
	Base
	Body string
}

type Job struct {
	Queue    string  `db:"queue"`
	DedupKey *string `db:"dedup_key"`
}

func leftOut(db *sqlx.DB, s, b string) {
	db.NamedExec(insertMessage, &Message{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Message literal, so sqlx writes NULL`
}

func alwaysSet(db *sqlx.DB, s, b string) {
	k := rand.Text()
	db.NamedExec(insertMessage, Message{SessionID: s, Body: b, IdempotencyKey: &k})
}

func fromHeader(ctx context.Context, db *sqlx.DB, r *http.Request, s, b string) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	db.NamedExecContext(ctx, insertMessage, Message{SessionID: s, Body: b, IdempotencyKey: key}) // want `IDEM201: .*nil when the Idempotency-Key header is absent`
}

func guarded(ctx context.Context, db *sqlx.DB, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err := db.NamedExecContext(ctx, insertMessage, Message{SessionID: s, Body: b, IdempotencyKey: key})
	return err
}

func emptyPayment(db *sqlx.DB, r *http.Request, a string) {
	db.NamedExec(insertPayment, Payment{AccountID: a, IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Header.Get`
}

func paymentLeftOut(db *sqlx.DB, a string) {
	db.NamedExec(insertPayment, Payment{AccountID: a}) // want `IDEM202: .*the IdempotencyKey field is left out of the Payment literal, so sqlx writes the empty string`
}

func tagged(db *sqlx.DB, s, b string) {
	db.NamedExec(insertMessage, Tagged{Session: s, Body: b}) // want `IDEM201: .*the Key field is left out of the Tagged literal`
	k := rand.Text()
	db.NamedExec(insertMessage, Tagged{Session: s, Body: b, Key: &k})
}

func embedded(db *sqlx.DB, s, b string) {
	db.NamedExec(insertMessage, Wrapped{Base: Base{SessionID: s}, Body: b}) // want `IDEM201: .*the IdempotencyKey field is left out of the Wrapped literal`
	db.NamedExec(insertMessage, Wrapped{Body: b})                           // want `IDEM201: .*left out`
	db.NamedExec(insertMessage, Wrapped{Base: Base{SessionID: s, IdempotencyKey: sql.NullString{String: rand.Text(), Valid: true}}, Body: b})
}

func maps(db *sqlx.DB, r *http.Request, s, b string) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	db.NamedExec(insertMessage, map[string]any{"session_id": s, "body": b, "idempotency_key": key}) // want `IDEM201: .*nil when the Idempotency-Key header is absent`
	db.NamedExec(insertMessage, map[string]any{"session_id": s, "body": b})                         // sqlx fails on the missing name: no row
}

func batch(db *sqlx.DB, s, b string) {
	k := rand.Text()
	db.NamedExec(insertMessage, []Message{
		{SessionID: s, Body: b, IdempotencyKey: &k},
		{SessionID: s, Body: b}, // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal \(element 2\)`
	})
}

func variable(db *sqlx.DB, s, b string) {
	msg := Message{SessionID: s, Body: b}
	db.NamedExec(insertMessage, msg) // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal of msg, so sqlx writes NULL`
}

func variableSetLater(db *sqlx.DB, s, b string) {
	msg := Message{SessionID: s, Body: b}
	k := rand.Text()
	msg.IdempotencyKey = &k
	db.NamedExec(insertMessage, msg)
}

func variablePassedOn(db *sqlx.DB, s, b string) {
	msg := &Message{SessionID: s, Body: b}
	fill(msg)
	db.NamedExec(insertMessage, msg)
}

func fill(m *Message) {
	k := rand.Text()
	m.IdempotencyKey = &k
}

// fromCaller: the row is a parameter, built by the callers: its key
// field is a *string, so any caller may pass nil (and its callers are
// checked through the fact).
func fromCaller(db *sqlx.DB, msg Message) { // want fromCaller:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	db.NamedExec(insertMessage, msg) // want `IDEM201: .*fromCaller's parameter field msg.IdempotencyKey is a \*string, so every caller may pass nil`
}

// KeyParam writes its parameter into the key: its callers decide.
func KeyParam(db *sqlx.DB, s, b string, key *string) { // want KeyParam:`writes key param 3 → messages.idempotency_key`
	db.NamedExec(insertMessage, Message{SessionID: s, Body: b, IdempotencyKey: key}) // want `IDEM201: .*KeyParam's parameter key is a \*string, so every caller may pass nil`
}

func keyParamCaller(db *sqlx.DB, s, b string) {
	KeyParam(db, s, b, nil) // want `IDEM201: .*passed to sqlxnamed.KeyParam`
}

func partialIndex(db *sqlx.DB, q string) {
	db.NamedExec(insertJob, Job{Queue: q}) // keyless jobs are optional on purpose
}

func bindNamed(db *sqlx.DB, s string) (string, []interface{}, error) {
	return db.BindNamed(insertMessage, Message{SessionID: s}) // want `IDEM201: .*left out of the Message literal`
}

func txAndFunc(tx *sqlx.Tx, s, b string) {
	tx.NamedExec(insertMessage, Message{SessionID: s, Body: b})                                                         // want `IDEM201: .*left out`
	sqlx.NamedExec(tx, insertMessage, Message{SessionID: s, Body: b})                                                   // want `IDEM201: .*left out`
	tx.NamedExec(`INSERT INTO messages (session_id, body) VALUES (:session_id, :body)`, Message{SessionID: s, Body: b}) // want `IDEM201: .*the INSERT leaves out idempotency_key`
}

// Domain is what the service layer hands the repository.
type Domain struct {
	Session, Body string
	RequestID     *string
}

// toMessage fills a variable field by field; the key only when set.
func toMessage(d *Domain) Message {
	var m Message
	m.SessionID = d.Session
	m.Body = d.Body
	if d.RequestID != nil {
		m.IdempotencyKey = d.RequestID
	}
	return m
}

// toMessageChecked fails without a key.
func toMessageChecked(d *Domain) (Message, error) {
	var m Message
	if d.RequestID == nil {
		return m, errors.New("request id required")
	}
	m.SessionID, m.Body, m.IdempotencyKey = d.Session, d.Body, d.RequestID
	return m, nil
}

// SaveFilled converts, then inserts: nil still becomes NULL.
func SaveFilled(ctx context.Context, db *sqlx.DB, d *Domain) error { // want SaveFilled:`writes key param 2.RequestID → messages.idempotency_key`
	row := toMessage(d)
	_, err := db.NamedExecContext(ctx, insertMessage, row) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: SaveFilled's parameter field d.RequestID is a \*string, so every caller may pass nil, and nothing here checks it; nil when d.RequestID is nil; sqlxnamed.toMessage returns a value whose IdempotencyKey is nil`
	return err
}

// SaveFilledChecked's converter rejects a missing key.
func SaveFilledChecked(ctx context.Context, db *sqlx.DB, d *Domain) error {
	row, err := toMessageChecked(d)
	if err != nil {
		return err
	}
	_, err = db.NamedExecContext(ctx, insertMessage, row)
	return err
}

// insertRow is a generic wrapper of this package around NamedExecContext:
// a call of it is read as the NamedExecContext of the caller's INSERT,
// bound from the caller's row.
func insertRow[T any](ctx context.Context, db *sqlx.DB, q string, row T) error {
	_, err := db.NamedExecContext(ctx, q, row)
	return err
}

// insertAny takes the row as any.
func insertAny(db *sqlx.DB, q string, arg any) error {
	_, err := db.NamedExec(q, arg)
	return err
}

func throughWrappers(ctx context.Context, db *sqlx.DB, s, b string) {
	insertRow(ctx, db, insertMessage, Message{SessionID: s, Body: b}) // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal, so sqlx writes NULL`
	insertAny(db, insertPayment, Payment{AccountID: s})               // want `IDEM202: .*the IdempotencyKey field is left out of the Payment literal, so sqlx writes the empty string`
	k := rand.Text()
	insertAny(db, insertPayment, Payment{AccountID: s, IdempotencyKey: k})
	insertRow(ctx, db, insertMessage, Message{SessionID: s, Body: b, IdempotencyKey: &k})
}

// Other packages' wrappers, known by their facts.
func throughDBUtil(ctx context.Context, db *sqlx.DB, s, b string) {
	dbutil.InsertOne(ctx, db, insertMessage, Message{SessionID: s, Body: b}) // want `IDEM201: .*the IdempotencyKey field is left out of the Message literal, so sqlx writes NULL`
	dbutil.Exec(db, insertPayment, Payment{AccountID: s})                    // want `IDEM202: .*the IdempotencyKey field is left out of the Payment literal`
	k := rand.Text()
	dbutil.Exec(db, insertPayment, Payment{AccountID: s, IdempotencyKey: k})
	dbutil.InsertOne(ctx, db, insertMessage, Message{SessionID: s, Body: b, IdempotencyKey: &k})
}

// SaveVia writes its caller's row through the wrapper: the type is the
// contract, as for fromCaller.
func SaveVia(ctx context.Context, db *sqlx.DB, msg Message) error { // want SaveVia:`writes key param 2.IdempotencyKey → messages.idempotency_key`
	return dbutil.InsertOne(ctx, db, insertMessage, msg) // want `IDEM201: .*SaveVia's parameter field msg.IdempotencyKey is a \*string, so every caller may pass nil`
}
