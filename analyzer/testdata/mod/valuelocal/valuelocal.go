// Package valuelocal passes rows held in a struct value in a local (d :=
// Row{…}, var d Row; d.Key = …) by address to a repository function and
// to GORM's Create and bun's Model directly: the key is followed through
// the copy of the literal into d, as for d := &Row{…}.
package valuelocal

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

type Shipment struct {
	ID             int64
	OrderID        string
	IdempotencyKey *string
}

type Repo struct{ db *gorm.DB }

// Create checks nothing: its callers decide.
func (r *Repo) Create(ctx context.Context, s *Shipment) error { // want Create:`writes key param 1.IdempotencyKey → shipments.idempotency_key`
	return r.db.WithContext(ctx).Create(s).Error // want `IDEM201: idempotency key shipments.idempotency_key can be NULL here: Create's parameter field s.IdempotencyKey is a \*string`
}

type H struct {
	repo *Repo
	db   *gorm.DB
	bdb  *bun.DB
}

func keyOf(r *http.Request) *string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// A value local whose address is passed: d's key is &h, h a header.
func (h *H) ValueLocal(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	d := Shipment{OrderID: "o", IdempotencyKey: &k}
	return h.repo.Create(r.Context(), &d) // want `IDEM202: idempotency key shipments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*; d.IdempotencyKey is passed to Repo.Create`
}

// The same with the header checked first: fine.
func (h *H) ValueLocalChecked(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("missing Idempotency-Key")
	}
	d := Shipment{OrderID: "o", IdempotencyKey: &k}
	return h.repo.Create(r.Context(), &d)
}

// A value local filled field by field.
func (h *H) VarLocal(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	var d Shipment
	d.OrderID = "o"
	d.IdempotencyKey = &k
	return h.repo.Create(r.Context(), &d) // want `IDEM202: .*empty when the Idempotency-Key header is absent .*d.IdempotencyKey is passed to Repo.Create`
}

// A value local whose key may be nil.
func (h *H) ValueLocalNil(r *http.Request) error {
	d := Shipment{OrderID: "o", IdempotencyKey: keyOf(r)}
	return h.repo.Create(r.Context(), &d) // want `IDEM201: idempotency key shipments.idempotency_key can be NULL here: valuelocal.keyOf can return a nil literal .*d.IdempotencyKey is passed to Repo.Create`
}

// GORM's Create directly, with a header and with a generated key.
func (h *H) GormDirect(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	d := Shipment{OrderID: "o", IdempotencyKey: &k}
	return h.db.Create(&d).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*d.IdempotencyKey is written into the row`
}

func (h *H) GormGenerated(r *http.Request) error {
	k := uuid.NewString()
	d := Shipment{OrderID: "o", IdempotencyKey: &k}
	return h.db.Create(&d).Error
}

type bunShipment struct {
	bun.BaseModel `bun:"table:shipments"`

	ID             int64   `bun:"id,pk,autoincrement"`
	OrderID        string  `bun:"order_id"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// bun's Model(&d), Model(d) and a variable filled field by field: judged
// where Model takes the row.
func (h *H) BunValue(r *http.Request) error {
	d := bunShipment{OrderID: "o", IdempotencyKey: keyOf(r)}
	_, err := h.bdb.NewInsert().Model(&d).Exec(r.Context()) // want `IDEM201: .*keyOf can return a nil literal .*d.IdempotencyKey is written into the row`
	return err
}

func (h *H) BunPointer(r *http.Request) error {
	d := &bunShipment{OrderID: "o", IdempotencyKey: keyOf(r)}
	_, err := h.bdb.NewInsert().Model(d).Exec(r.Context()) // want `IDEM201: .*keyOf can return a nil literal .*d.IdempotencyKey is written into the row`
	return err
}

func (h *H) BunVar(r *http.Request) error {
	var d bunShipment
	d.OrderID = "o"
	d.IdempotencyKey = keyOf(r)
	_, err := h.bdb.NewInsert().Model(&d).Exec(r.Context()) // want `IDEM201: .*keyOf can return a nil literal .*d.IdempotencyKey is written into the row`
	return err
}

func (h *H) BunChecked(r *http.Request) error {
	k := keyOf(r)
	if k == nil {
		return errors.New("missing Idempotency-Key")
	}
	d := bunShipment{OrderID: "o", IdempotencyKey: k}
	_, err := h.bdb.NewInsert().Model(&d).Exec(r.Context())
	return err
}

func (h *H) BunQueryVar(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	d := bunShipment{OrderID: "o", IdempotencyKey: &k}
	q := h.bdb.NewInsert().Model(&d) // want `IDEM202: .*empty when the Idempotency-Key header is absent .*d.IdempotencyKey is written into the row`
	_, err := q.Exec(r.Context())
	return err
}
