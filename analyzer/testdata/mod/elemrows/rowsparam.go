package elemrows

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

// The rows themselves are the parameter (a repository's CreateMany): the
// function inserts the slice as it is, so each element's key is the
// callers', and the callers' slices are judged.

// CreateMany inserts its callers' rows in batches.
func CreateMany(db *gorm.DB, rows []Message) error { // want CreateMany:`writes key param 1.\[\].IdempotencyKey → messages.idempotency_key`
	return db.CreateInBatches(&rows, 500).Error // want `IDEM201: .*CreateMany's parameter rows is a slice, and the IdempotencyKey field of the elements is a \*string`
}

// CreatePtrs: the slice itself, of pointers, without &.
func CreatePtrs(db *gorm.DB, rows []*Message) error { // want CreatePtrs:`writes key param 1.\[\].IdempotencyKey → messages.idempotency_key`
	return db.Create(rows).Error // want `IDEM201: .*CreatePtrs's parameter rows is a slice, and the IdempotencyKey field of the elements is a \*string`
}

// CreateManyChecked looks at each element first: no fact (a -v note).
func CreateManyChecked(db *gorm.DB, rows []Message) error {
	for _, r := range rows {
		if r.IdempotencyKey == nil {
			return errors.New("missing key")
		}
	}
	return db.Create(&rows).Error
}

// PayMany: bun's Model(&rows) of a slice parameter.
func PayMany(ctx context.Context, db *bun.DB, rows []Payment) error { // want PayMany:`writes key param 2.\[\].IdempotencyKey → payments.idempotency_key`
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// ForwardMany passes its rows on: its own callers decide.
func ForwardMany(db *gorm.DB, rows []Message) error { // want ForwardMany:`writes key param 1.\[\].IdempotencyKey → messages.idempotency_key`
	return CreateMany(db, rows)
}

// importSessions appends rows that leave the key out.
func importSessions(db *gorm.DB, sessions []string) error {
	rows := make([]Message, 0, len(sessions))
	for _, s := range sessions {
		rows = append(rows, Message{SessionID: s, Body: "b"})
	}
	return CreateMany(db, rows) // want `IDEM201: .*IdempotencyKey is not set in the Message literal \(line 53\); each element's IdempotencyKey is passed to elemrows.CreateMany`
}

// importKeyed gives every row a key: fine.
func importKeyed(db *gorm.DB, sessions []string) error {
	rows := make([]Message, 0, len(sessions))
	for _, s := range sessions {
		k := uuid.NewString()
		rows = append(rows, Message{SessionID: s, Body: "b", IdempotencyKey: &k})
	}
	return CreateMany(db, rows)
}

func rowsCallers(ctx context.Context, db *gorm.DB, bdb *bun.DB, r *http.Request) {
	k := uuid.NewString()
	_ = CreateMany(db, []Message{{SessionID: "s", Body: "b"}})                     // want `IDEM201: .*the IdempotencyKey field is left out.*passed to elemrows.CreateMany`
	_ = CreateMany(db, []Message{{SessionID: "s", Body: "b", IdempotencyKey: &k}}) // a key: fine
	_ = CreatePtrs(db, []*Message{&Message{SessionID: "s", Body: "b"}})            // want `IDEM201: .*passed to elemrows.CreatePtrs`
	_ = ForwardMany(db, []Message{{SessionID: "s", Body: "b"}})                    // want `IDEM201: .*passed to elemrows.ForwardMany`
	_ = CreateManyChecked(db, []Message{{SessionID: "s", Body: "b"}})
	_ = PayMany(ctx, bdb, []Payment{{AccountID: "a"}}) // want `IDEM202: .*passed to elemrows.PayMany`
	_ = PayMany(ctx, bdb, []Payment{{AccountID: "a", IdempotencyKey: k}})
	var decoded []Message
	if err := json.NewDecoder(r.Body).Decode(&decoded); err != nil {
		return
	}
	_ = CreateMany(db, decoded) // want `IDEM201: .*passed to elemrows.CreateMany`
}

// Chunked batches: the callers' rows inserted 500 at a time. Slicing
// keeps the elements, and a slice the function only reslices (rows =
// rows[n:]) still holds its callers' elements.

// CreateChunked creates each chunk itself.
func CreateChunked(db *gorm.DB, rows []Message) error { // want CreateChunked:`writes key param 1.\[\].IdempotencyKey → messages.idempotency_key`
	for len(rows) > 0 {
		n := min(len(rows), 500)
		if err := db.Create(rows[:n]).Error; err != nil { // want `IDEM201: .*CreateChunked's parameter rows is a slice`
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// ForwardChunked hands each chunk to CreateMany.
func ForwardChunked(db *gorm.DB, rows []Message) error { // want ForwardChunked:`writes key param 1.\[\].IdempotencyKey → messages.idempotency_key`
	for len(rows) > 0 {
		n := min(len(rows), 500)
		if err := CreateMany(db, rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// ForwardFiltered hands CreateMany rows it rebuilt: not its callers'
// elements, so no fact.
func ForwardFiltered(db *gorm.DB, rows []Message) error {
	for len(rows) > 0 {
		n := min(len(rows), 500)
		if err := CreateMany(db, rows[:n]); err != nil {
			return err
		}
		rows = keyed(rows[n:])
	}
	return nil
}

func keyed(rows []Message) []Message {
	var out []Message
	for _, r := range rows {
		if r.IdempotencyKey != nil {
			out = append(out, r)
		}
	}
	return out
}

func chunkedCallers(db *gorm.DB) {
	k := uuid.NewString()
	_ = CreateChunked(db, []Message{{SessionID: "s", Body: "b"}})                     // want `IDEM201: .*the IdempotencyKey field is left out.*passed to elemrows.CreateChunked`
	_ = CreateChunked(db, []Message{{SessionID: "s", Body: "b", IdempotencyKey: &k}}) // a key: fine
	_ = ForwardChunked(db, []Message{{SessionID: "s", Body: "b"}})                    // want `IDEM201: .*passed to elemrows.ForwardChunked`
	_ = ForwardFiltered(db, []Message{{SessionID: "s", Body: "b"}})
}
