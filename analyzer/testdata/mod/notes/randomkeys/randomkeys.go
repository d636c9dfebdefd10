// Package randomkeys leaves keys to their random database default in the
// ways an ORM or a builder does it: a note (-v) says a retry gets a new
// key, beside writes that send the key and get none.
package randomkeys

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"

	"github.com/doug-martin/goqu/v9"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

// Receipt's key is a uuid NOT NULL column: neither NULL nor an empty string gets past
// it, but a write that leaves it out still gets a new key per retry.
type Receipt struct {
	ID             int64
	OrderID        int64
	IdempotencyKey string `gorm:"type:uuid;default:gen_random_uuid()"`
}

type Repo struct {
	db   *gorm.DB
	sql  *sql.DB
	goqu *goqu.Database
}

// CreateReceipt leaves the key out of the literal.
func (r *Repo) CreateReceipt(ctx context.Context, orderID int64) error {
	return r.db.WithContext(ctx).Create(&Receipt{OrderID: orderID}).Error // want `IDEM201 not reported: the IdempotencyKey field is left out of the Receipt literal, so receipts.idempotency_key gets its random default gen_random_uuid\(\): every row has a key, but a retry of this write gets a new one`
}

// CreateReceiptKeyed sends the client's key: no note.
func (r *Repo) CreateReceiptKeyed(ctx context.Context, orderID int64, key uuid.UUID) error {
	return r.db.WithContext(ctx).Create(&Receipt{OrderID: orderID, IdempotencyKey: key.String()}).Error
}

// InsertReceipt leaves the key out of its column list.
func (r *Repo) InsertReceipt(ctx context.Context, orderID int64) error {
	_, err := r.sql.ExecContext(ctx, `INSERT INTO receipts (order_id) VALUES ($1)`, orderID) // want `IDEM201 not reported: the INSERT leaves out idempotency_key, so receipts.idempotency_key gets its random default gen_random_uuid\(\)`
	return err
}

// InsertReceiptKeyed names the key: no note (callers: on the nil UUID).
func (r *Repo) InsertReceiptKeyed(ctx context.Context, orderID int64, key uuid.UUID) error { // want InsertReceiptKeyed:`writes key param 2 → receipts.idempotency_key`
	_, err := r.sql.ExecContext(ctx, `INSERT INTO receipts (order_id, idempotency_key) VALUES ($1, $2)`, orderID, key)
	return err
}

type pushReceipt struct {
	DeviceID string `db:"device_id"`
	DedupeID string `db:"dedupe_id" goqu:"defaultifempty"`
}

// RecordPush: goqu writes an empty dedupeID as DEFAULT, a new key per
// retry.
func (r *Repo) RecordPush(ctx context.Context, deviceID, dedupeID string) error {
	_, err := r.goqu.Insert("push_receipts").
		Rows(pushReceipt{DeviceID: deviceID, DedupeID: dedupeID}). // want `IDEM201 not reported: where dedupeID is empty, goqu writes DEFAULT, so push_receipts.dedupe_id gets its random default gen_random_uuid\(\)::text: every row has a key, but a retry of this write gets a new one`
		Executor().ExecContext(ctx)
	return err
}

// RecordPushChecked rejects an empty dedupeID first: DEFAULT is never
// written, no note.
func (r *Repo) RecordPushChecked(ctx context.Context, deviceID, dedupeID string) error {
	if dedupeID == "" {
		return errors.New("push_receipts.dedupe_id: idempotency key required")
	}
	_, err := r.goqu.Insert("push_receipts").
		Rows(pushReceipt{DeviceID: deviceID, DedupeID: dedupeID}).
		Executor().ExecContext(ctx)
	return err
}

// RecordPushMinted mints the key: no note.
func (r *Repo) RecordPushMinted(ctx context.Context, deviceID string) error {
	_, err := r.goqu.Insert("push_receipts").
		Rows(pushReceipt{DeviceID: deviceID, DedupeID: uuid.NewString()}).
		Executor().ExecContext(ctx)
	return err
}

// A receipt written with goqu, whose key column (receipts.idempotency_key,
// uuid NOT NULL) no NULL or "" gets past: defaultifempty still turns an
// empty key into DEFAULT, a new key per retry.
type goquReceipt struct {
	OrderID        int64  `db:"order_id"`
	IdempotencyKey string `db:"idempotency_key" goqu:"defaultifempty"`
}

// RecordReceipt passes a key that may be empty: noted.
func (r *Repo) RecordReceipt(ctx context.Context, orderID int64, key string) error {
	_, err := r.goqu.Insert("receipts").
		Rows(goquReceipt{OrderID: orderID, IdempotencyKey: key}). // want `IDEM201 not reported: where key is empty, goqu writes DEFAULT, so receipts.idempotency_key gets its random default gen_random_uuid\(\)`
		Executor().ExecContext(ctx)
	return err
}

// RecordReceiptChecked rejects an empty key first: no note.
func (r *Repo) RecordReceiptChecked(ctx context.Context, orderID int64, key string) error {
	if key == "" {
		return errors.New("receipts.idempotency_key: idempotency key required")
	}
	_, err := r.goqu.Insert("receipts").
		Rows(goquReceipt{OrderID: orderID, IdempotencyKey: key}).
		Executor().ExecContext(ctx)
	return err
}
