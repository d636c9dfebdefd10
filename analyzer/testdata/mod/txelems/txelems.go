// Package txelems inserts a slice parameter of rows inside a transaction
// helper's closure (bun's RunInTx, GORM's Transaction): the closure runs
// before the function returns, so each element's key is the callers', as
// when the slice is inserted outside a closure. A closure kept for later
// (a goroutine) is not the function's write.
package txelems

import (
	"context"
	"database/sql"
	_ "embed"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Shipment struct {
	bun.BaseModel `bun:"table:shipments"`

	ID              int64   `bun:"id,pk,autoincrement"`
	Carrier         string  `bun:"carrier,notnull"`
	ClientRequestID *string `bun:"client_request_id"`
}

// Book inserts its callers' rows inside RunInTx.
func Book(ctx context.Context, db *bun.DB, rows []Shipment) error { // want Book:`writes key param 2.\[\].ClientRequestID → shipments.client_request_id`
	return db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&rows).On("CONFLICT (client_request_id) DO NOTHING").Exec(ctx) // want `IDEM201: .*Book's parameter rows is a slice, and the ClientRequestID field of the elements is a \*string`
		return err
	})
}

// BookLater inserts them in a goroutine, after it returns: not its write.
func BookLater(ctx context.Context, db *bun.DB, rows []Shipment) {
	go func() {
		_, _ = db.NewInsert().Model(&rows).Exec(ctx)
	}()
}

func BookKeyless(ctx context.Context, db *bun.DB) error {
	return Book(ctx, db, []Shipment{{Carrier: "dhl"}}) // want `IDEM201: idempotency key shipments.client_request_id can be NULL here: the ClientRequestID field is left out, so it is nil; passed to txelems.Book`
}

func BookKeyed(ctx context.Context, db *bun.DB) error {
	id := uuid.NewString()
	return Book(ctx, db, []Shipment{{Carrier: "dhl", ClientRequestID: &id}})
}

func BookKeylessLater(ctx context.Context, db *bun.DB) {
	BookLater(ctx, db, []Shipment{{Carrier: "dhl"}})
}

// Parcel is the same table as a GORM row.
type Parcel struct {
	ID              int64
	Carrier         string
	ClientRequestID *string
}

func (Parcel) TableName() string { return "shipments" }

// Ship inserts its callers' rows inside GORM's Transaction.
func Ship(db *gorm.DB, rows []Parcel) error { // want Ship:`writes key param 1.\[\].ClientRequestID → shipments.client_request_id`
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.CreateInBatches(&rows, 100).Error // want `IDEM201: .*Ship's parameter rows is a slice, and the ClientRequestID field of the elements is a \*string`
	})
}

func ShipKeyless(db *gorm.DB) error {
	return Ship(db, []Parcel{{Carrier: "ups"}}) // want `IDEM201: idempotency key shipments.client_request_id can be NULL here: the ClientRequestID field is left out, so it is nil; passed to txelems.Ship`
}

func ShipKeyed(db *gorm.DB) error {
	id := uuid.NewString()
	return Ship(db, []Parcel{{Carrier: "ups", ClientRequestID: &id}})
}
