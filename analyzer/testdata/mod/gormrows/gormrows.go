// Package gormrows inserts GORM rows built in variables and in slices
// appended in a loop: the values set are followed, not only those left out.
package gormrows

import (
	_ "embed"
	"errors"
	"net/http"

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

type Input struct {
	SessionID string
	Body      string
	Key       *string
}

// A row in a variable, its key set from a header that may be absent.
func FromHeader(db *gorm.DB, r *http.Request, session string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	rec := Message{SessionID: session, Body: "hi"}
	rec.IdempotencyKey = key
	return db.Create(&rec).Error // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent .*; rec.IdempotencyKey is written into the row`
}

// An explicit nil set in the literal.
func ExplicitNil(db *gorm.DB, session string) error {
	rec := Message{SessionID: session, Body: "hi", IdempotencyKey: nil}
	return db.Create(&rec).Error // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: .*rec.IdempotencyKey is written into the row`
}

// Checked before the insert: fine.
func Checked(db *gorm.DB, r *http.Request, session string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("missing Idempotency-Key")
	}
	rec := Message{SessionID: session, Body: "hi", IdempotencyKey: &h}
	return db.Create(&rec).Error
}

// Rows appended in a loop, inserted in one call: each element is judged.
func Batch(db *gorm.DB, r *http.Request, bodies []string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	var rows []Message
	for _, b := range bodies {
		rows = append(rows, Message{SessionID: "s", Body: b, IdempotencyKey: key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	}
	return db.Create(&rows).Error
}

// The same, the key generated when absent: fine.
func BatchGenerated(db *gorm.DB, r *http.Request, bodies []string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("missing Idempotency-Key")
	}
	rows := make([]Message, 0, len(bodies))
	for _, b := range bodies {
		rows = append(rows, Message{SessionID: "s", Body: b, IdempotencyKey: &h})
	}
	return db.Create(&rows).Error
}

// Rows built in a variable in the loop, the key left out of it.
func BatchLeftOut(db *gorm.DB, bodies []string) error {
	var rows []*Message
	for _, b := range bodies {
		m := &Message{SessionID: "s", Body: b}
		rows = append(rows, m) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Message literal of m`
	}
	return db.Create(&rows).Error
}

// The key comes from the caller's input, a *string nothing checks: the
// type is the contract (and its callers are judged too).
func Insert(db *gorm.DB, in Input) error { // want Insert:`writes key param 1.Key → messages.idempotency_key`
	rec := Message{SessionID: in.SessionID, Body: in.Body, IdempotencyKey: in.Key} // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: Insert's parameter field in.Key is a \*string, so every caller may pass nil`
	return db.Create(&rec).Error
}

// notEmptyOrNull turns "" into nil: NULL exactly when s is empty.
func notEmptyOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// A slice made to length, each element set by index, then inserted (the
// shape of hyperledger paladin's insertTransactions): the key is NULL
// when the header is absent.
func IndexAssigned(db *gorm.DB, r *http.Request, bodies []string) error {
	key := r.Header.Get("Idempotency-Key")
	rows := make([]*Message, len(bodies))
	for i, b := range bodies {
		rows[i] = &Message{SessionID: "s", Body: b, IdempotencyKey: notEmptyOrNull(key)} // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
	}
	return db.Table("messages").Create(rows).Error
}

// The same for keys the caller passes: what they send is theirs to say,
// and a keyless one is NULL on purpose (not deduplicated): not reported
// here; the function gets the fact that it writes each element of keys,
// NULL when it is empty, and its callers are judged on that.
func IndexAssignedInputs(db *gorm.DB, keys []string, bodies []string) error { // want IndexAssignedInputs:`writes key param 1.\[\] → messages.idempotency_key`
	rows := make([]*Message, len(bodies))
	for i, b := range bodies {
		rows[i] = &Message{SessionID: "s", Body: b, IdempotencyKey: notEmptyOrNull(keys[i])}
	}
	return db.Table("messages").Create(rows).Error
}

// A key stored after construction from a *string parameter: nil when the
// caller passes nil, and the callers are judged through the fact.
func SaveRef(db *gorm.DB, session string, ref *string) error { // want SaveRef:`writes key param 2 → messages.idempotency_key`
	rec := Message{SessionID: session, Body: "hi"}
	rec.IdempotencyKey = ref // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: SaveRef's parameter ref is a \*string, so every caller may pass nil`
	return db.Create(&rec).Error
}

// The same through a pointer to the row.
func SaveRefPtr(db *gorm.DB, session string, ref *string) error { // want SaveRefPtr:`writes key param 2 → messages.idempotency_key`
	rec := &Message{SessionID: session, Body: "hi"}
	rec.IdempotencyKey = ref // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: SaveRefPtr's parameter ref is a \*string, so every caller may pass nil`
	return db.Create(rec).Error
}

// A ref checked before it is stored: nothing to report.
func SaveRefChecked(db *gorm.DB, session string, ref *string) error {
	if ref == nil {
		return errors.New("missing transfer ref")
	}
	rec := Message{SessionID: session, Body: "hi"}
	rec.IdempotencyKey = ref
	return db.Create(&rec).Error
}

// A ref taken by value is never nil; an empty one is its callers' to
// avoid (a fact).
func SaveRefValue(db *gorm.DB, session string, ref string) error { // want SaveRefValue:`writes key param 2 → messages.idempotency_key`
	rec := Message{SessionID: session, Body: "hi"}
	rec.IdempotencyKey = &ref
	return db.Create(&rec).Error
}

func saveRefCaller(db *gorm.DB, session string) error {
	return SaveRef(db, session, nil) // want `IDEM201: .*passed to gormrows.SaveRef`
}

// messagesOf builds one row per body in a loop and returns the slice: the
// rows' keys are what its caller inserts.
func messagesOf(bodies []string, key *string) []Message {
	var rows []Message
	for _, b := range bodies {
		rows = append(rows, Message{SessionID: "s", Body: b, IdempotencyKey: key})
	}
	return rows
}

// keylessMessagesOf leaves the key out of every row.
func keylessMessagesOf(bodies []string) []*Message {
	rows := make([]*Message, 0, len(bodies))
	for _, b := range bodies {
		rows = append(rows, &Message{SessionID: "s", Body: b})
	}
	return rows
}

// Rows a helper builds in a loop, inserted here.
func BatchFromHelper(db *gorm.DB, r *http.Request, bodies []string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	rows := messagesOf(bodies, key) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	return db.Create(&rows).Error
}

// The same helper with a key that is always there: nothing to report.
func BatchFromHelperChecked(db *gorm.DB, r *http.Request, bodies []string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("missing Idempotency-Key")
	}
	rows := messagesOf(bodies, &h)
	return db.Create(&rows).Error
}

// A helper whose rows leave the key out.
func BatchFromKeylessHelper(db *gorm.DB, bodies []string) error {
	return db.Create(keylessMessagesOf(bodies)).Error // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Message literal`
}
