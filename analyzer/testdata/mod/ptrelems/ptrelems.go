// Package ptrelems inserts rows built in a loop from a parameter slice of
// pointers (GORM's Create of a []*row): each row's key is read through a
// local copy of a pointer field of the element, and made NULL when empty
// by a helper. The element's key is the callers'.
package ptrelems

import (
	_ "embed"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

//go:embed schema.sql
var schema string

// Request is what a client sends; RequestKey is "" when it sent none.
type Request struct {
	ID         string
	RequestKey string
	Carrier    string
	Received   time.Time
}

// Planned is a request after planning, embedded into Accepted.
type Planned struct {
	Request *Request
	Route   []string
}

// Accepted is one shipment ready to be stored.
type Accepted struct {
	Planned
	Warehouse string
}

type shipmentRow struct {
	ID             string
	Carrier        *string
	IdempotencyKey *string
}

func (shipmentRow) TableName() string { return "shipments" }

// orNil is NULL for "", as the column's callers expect.
func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Store writes each element's RequestKey, NULL when empty: its callers
// decide, through the element's Request pointer.
func Store(db *gorm.DB, in []*Accepted, skipDuplicates bool) error { // want Store:`writes key param 1.\[\].Planned.Request.RequestKey → shipments.idempotency_key`
	rows := make([]*shipmentRow, len(in))
	for i, a := range in {
		r := a.Request
		r.Received = time.Now()
		rows[i] = &shipmentRow{
			ID:             r.ID,
			Carrier:        orNil(r.Carrier),
			IdempotencyKey: orNil(r.RequestKey),
		}
	}
	q := db.Table("shipments")
	if skipDuplicates {
		q = q.Clauses(clause.OnConflict{DoNothing: true})
	}
	return q.Create(rows).Error
}

// StoreChecked rejects an element without a key first: no fact.
func StoreChecked(db *gorm.DB, in []*Accepted) error {
	rows := make([]*shipmentRow, len(in))
	for i, a := range in {
		r := a.Request
		if r.RequestKey == "" {
			return errors.New("a shipment needs a request key")
		}
		rows[i] = &shipmentRow{ID: r.ID, IdempotencyKey: orNil(r.RequestKey)}
	}
	return db.Table("shipments").Create(rows).Error
}

// StoreMinted gives every request a key of its own through the local
// pointer before the row is built: the callers' key is not what is
// written, so no fact.
func StoreMinted(db *gorm.DB, in []*Accepted) error {
	rows := make([]*shipmentRow, len(in))
	for i, a := range in {
		r := a.Request
		r.RequestKey = uuid.NewString()
		rows[i] = &shipmentRow{ID: r.ID, IdempotencyKey: orNil(r.RequestKey)}
	}
	return db.Table("shipments").Create(rows).Error
}

// StoreNormalized hands the request to a function that may set its key
// before the row is built: no fact.
func StoreNormalized(db *gorm.DB, in []*Accepted) error {
	rows := make([]*shipmentRow, len(in))
	for i, a := range in {
		r := a.Request
		normalize(r)
		rows[i] = &shipmentRow{ID: r.ID, IdempotencyKey: orNil(r.RequestKey)}
	}
	return db.Table("shipments").Create(rows).Error
}

func normalize(r *Request) {
	if r.RequestKey == "" {
		r.RequestKey = r.ID
	}
}

// StoreOwnKey writes a key the function makes: nothing for its callers.
func StoreOwnKey(db *gorm.DB, in []*Accepted) error {
	rows := make([]*shipmentRow, len(in))
	for i, a := range in {
		r := a.Request
		k := uuid.NewString()
		rows[i] = &shipmentRow{ID: r.ID, IdempotencyKey: &k}
	}
	return db.Table("shipments").Create(rows).Error
}
