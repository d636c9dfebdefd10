// Package gormship is a GORM repository whose rows are built by helpers
// (a converter with an error result, one returning a pointer, one filling
// the row through its address, a slice literal of a converter's result)
// or taken by value, then created: each row is a Go value, followed into
// the helper or described as it is, never "not a Go value idemlint reads".
package gormship

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/samber/lo"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type Shipment struct {
	ID             int64
	OrderID        string
	IdempotencyKey *string
}

type Input struct {
	OrderID string
	Key     *string
}

type Repo struct{ db *gorm.DB }

// Save takes the row by value and creates its address: its callers decide.
func (r *Repo) Save(ctx context.Context, s Shipment) error { // want Save:`writes key param 1.IdempotencyKey → shipments.idempotency_key`
	return r.db.WithContext(ctx).Create(&s).Error // want `IDEM201: .*Save's parameter field s.IdempotencyKey is a \*string`
}

// ReturnShipment builds the row with a helper that copies key.
func (r *Repo) ReturnShipment(ctx context.Context, orderID string, key *string) error { // want ReturnShipment:`writes key param 2 → shipments.idempotency_key`
	s := newShipment(orderID, key) // want `IDEM201: .*ReturnShipment's parameter key is a \*string, so every caller may pass nil, and nothing here checks it; newShipment copies key into the row`
	return r.db.WithContext(ctx).Create(&s).Error
}

func newShipment(orderID string, key *string) Shipment {
	return Shipment{OrderID: orderID, IdempotencyKey: key}
}

func build(in Input) (Shipment, error) {
	if in.OrderID == "" {
		return Shipment{}, errors.New("no order")
	}
	var s Shipment
	s.OrderID = in.OrderID
	s.IdempotencyKey = in.Key
	return s, nil
}

// Built: a converter with an error result, followed into its returns.
func (r *Repo) Built(ctx context.Context, in Input) error { // want Built:`writes key param 1.Key → shipments.idempotency_key`
	s, err := build(in)
	if err != nil {
		return err
	}
	return r.db.WithContext(ctx).Create(&s).Error // want `IDEM201: .*Built's parameter field in.Key is a \*string.*build returns a value whose IdempotencyKey is nil`
}

// BuiltChecked: the same with the key checked first.
func (r *Repo) BuiltChecked(ctx context.Context, in Input) error {
	if in.Key == nil {
		return errors.New("missing key")
	}
	s, err := build(in)
	if err != nil {
		return err
	}
	return r.db.WithContext(ctx).Create(&s).Error
}

func buildPtr(in Input) (*Shipment, error) {
	if in.OrderID == "" {
		return nil, errors.New("no order")
	}
	return &Shipment{OrderID: in.OrderID, IdempotencyKey: in.Key}, nil
}

// BuiltPtr: one returning a pointer.
func (r *Repo) BuiltPtr(ctx context.Context, in Input) error { // want BuiltPtr:`writes key param 1.Key → shipments.idempotency_key`
	s, err := buildPtr(in)
	if err != nil {
		return err
	}
	return r.db.WithContext(ctx).Create(s).Error // want `IDEM201: .*BuiltPtr's parameter field in.Key is a \*string.*buildPtr returns a value whose IdempotencyKey is nil`
}

func fill(s *Shipment, in Input) {
	s.OrderID = in.OrderID
	s.IdempotencyKey = in.Key
}

// Filled: the row filled through its address by fill, which keeps no copy
// of it: followed into fill, which writes the parameter's *string key, so
// the contract and the fact hold as for Built (was a note).
func (r *Repo) Filled(ctx context.Context, in Input) error { // want Filled:`writes key param 1.Key → shipments.idempotency_key`
	var s Shipment
	fill(&s, in)
	return r.db.WithContext(ctx).Create(&s).Error // want `IDEM201: .*Filled's parameter field in.Key is a \*string.*gormship.fill leaves its argument's IdempotencyKey nil: nil when in.Key is nil`
}

func toShipment(in Input) Shipment {
	return Shipment{OrderID: in.OrderID, IdempotencyKey: in.Key}
}

// Batch: a slice literal of a converter's result.
func (r *Repo) Batch(ctx context.Context, in Input) error { // want Batch:`writes key param 1.Key → shipments.idempotency_key`
	rows := []Shipment{toShipment(in)} // want `IDEM201: .*Batch's parameter field in.Key is a \*string.*toShipment returns a value whose IdempotencyKey is nil`
	return r.db.WithContext(ctx).Create(&rows).Error
}

// Mapped: rows from lo.Map, which idemlint does not follow: the note
// names the call.
func (r *Repo) Mapped(ctx context.Context, ins []Input) error {
	rows := lo.Map(ins, func(in Input, _ int) Shipment { return toShipment(in) })
	return r.db.WithContext(ctx).Create(&rows).Error // want `not followed: rows is the result of lo.Map, whose rows idemlint does not read, so the value GORM's Create of Shipment writes into shipments.idempotency_key is not checked`
}

// kept holds the rows keep was handed: keep keeps their address, so a
// row handed to it may be written later by whoever reads kept.
var kept []*Shipment

func keep(s *Shipment) { kept = append(kept, s) }

// Escaped: the row's address handed to keep before the insert: the key
// set in the literal is no longer known at Create, and a note says which
// call made it so.
func (r *Repo) Escaped(req *http.Request) error {
	k := req.Header.Get("Idempotency-Key")
	s := Shipment{OrderID: "o", IdempotencyKey: &k}
	keep(&s)
	return r.db.WithContext(req.Context()).Create(&s).Error // want `not followed: the address of s is passed to gormship.keep before this call, which the value analysis does not follow into and which may write s.IdempotencyKey, so what GORM's Create of Shipment writes into shipments.idempotency_key is not checked`
}

// NotEscaped: the same row, its address handed to nothing: the header's
// "" is found, and no note.
func (r *Repo) NotEscaped(req *http.Request) error {
	k := req.Header.Get("Idempotency-Key")
	s := Shipment{OrderID: "o", IdempotencyKey: &k}
	return r.db.WithContext(req.Context()).Create(&s).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*s.IdempotencyKey is written into the row`
}

// describe only reads the row it is handed.
func describe(s *Shipment) string { return "shipment for " + s.OrderID }

// Described: the row's address handed to describe, which only reads it:
// the key is still followed to Create, a finding and no note.
func (r *Repo) Described(req *http.Request) (string, error) {
	k := req.Header.Get("Idempotency-Key")
	s := Shipment{OrderID: "o", IdempotencyKey: &k}
	d := describe(&s)
	return d, r.db.WithContext(req.Context()).Create(&s).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*s.IdempotencyKey is written into the row`
}

// rekey may change the rows it is handed.
func rekey(rows []Shipment) {
	for i := range rows {
		rows[i].IdempotencyKey = nil
	}
}

// Rekeyed: the appended slice is handed to rekey before Create: the note
// names the call, which is why the rows are not read.
func (r *Repo) Rekeyed(ctx context.Context, orders []string) error {
	var rows []Shipment
	for _, o := range orders {
		k := "ship:" + o
		rows = append(rows, Shipment{OrderID: o, IdempotencyKey: &k})
	}
	rekey(rows)
	return r.db.WithContext(ctx).Create(&rows).Error // want `not followed: rows, whose rows are appended here, is also handed to rekey, which idemlint does not follow, so the value GORM's Create of Shipment writes into shipments.idempotency_key is not checked`
}

// headerKey is the request's key, nil when it has none.
func headerKey(req *http.Request) *string {
	if k := req.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// Twice: the appended slice is created, then created again in batches:
// both writes read its rows (one finding for both), the key from a
// header that may be absent.
func (r *Repo) Twice(req *http.Request, orders []string) error {
	var rows []Shipment
	for _, o := range orders {
		rows = append(rows, Shipment{OrderID: o, IdempotencyKey: headerKey(req)}) // want `IDEM201: .*headerKey can return a nil literal`
	}
	if err := r.db.WithContext(req.Context()).Create(&rows).Error; err != nil {
		return err
	}
	return r.db.WithContext(req.Context()).CreateInBatches(&rows, 100).Error
}

// ShipmentOption configures a new shipment (functional options).
type ShipmentOption func(*Shipment)

// WithKey sets the shipment's key when one was sent.
func WithKey(k string) ShipmentOption {
	return func(s *Shipment) {
		if k != "" {
			s.IdempotencyKey = &k
		}
	}
}

// newOptShipment builds a shipment and applies its caller's options: the
// key its literal leaves out is what the options set, code of the caller.
func newOptShipment(orderID string, opts ...ShipmentOption) *Shipment {
	s := &Shipment{OrderID: orderID}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// OptFresh: the option sets a fresh key. The constructor's literal leaves
// the key out, but the caller's option sets it: no finding.
func (r *Repo) OptFresh(ctx context.Context, orderID string) error {
	s := newOptShipment(orderID, WithKey(uuid.NewString()))
	return r.db.WithContext(ctx).Create(s).Error
}

// OptChecked: the caller rejects an empty key before the option: no
// finding either.
func (r *Repo) OptChecked(ctx context.Context, orderID, key string) error {
	if key == "" {
		return errors.New("key required")
	}
	s := newOptShipment(orderID, WithKey(key))
	return r.db.WithContext(ctx).Create(s).Error
}

// OptHeader: the option is given a header that may be absent, and sets
// the key only when it is not empty: NULL then.
func (r *Repo) OptHeader(req *http.Request, orderID string) error {
	s := newOptShipment(orderID, WithKey(req.Header.Get("Idempotency-Key")))
	return r.db.WithContext(req.Context()).Create(s).Error // want `IDEM201: .*empty when the Idempotency-Key header is absent .*gormship.WithKey sets IdempotencyKey only when it is not empty \(gormship.go:\d+\), so gormship.newOptShipment returns a value whose IdempotencyKey is nil`
}

// OptParam: the option is given a parameter: its callers decide, through
// the fact (NULL when it is empty).
func (r *Repo) OptParam(ctx context.Context, orderID, key string) error { // want OptParam:`writes key param 2 → shipments.idempotency_key`
	s := newOptShipment(orderID, WithKey(key))
	return r.db.WithContext(ctx).Create(s).Error
}

// OptParamCaller passes a header on to OptParam: reported here.
func (r *Repo) OptParamCaller(req *http.Request) error {
	return r.OptParam(req.Context(), "o", req.Header.Get("Idempotency-Key")) // want `IDEM201: .*empty when the Idempotency-Key header is absent`
}

// WithOrder sets the order only: no option writes the key.
func WithOrder(id string) ShipmentOption {
	return func(s *Shipment) { s.OrderID = id }
}

// OptOther: the caller's options leave the key alone; what the
// constructor's loop does is still not read: a note.
func (r *Repo) OptOther(ctx context.Context) error {
	s := newOptShipment("o", WithOrder("p"))
	return r.db.WithContext(ctx).Create(s).Error // want `not followed: s is built by gormship.newOptShipment, which applies the options its caller passes to it \(gormship.go:\d+\), code the value analysis does not follow, so what GORM's Create of Shipment writes into shipments.idempotency_key is not checked`
}

// newPlainShipment has no options: the key its literal leaves out is nil
// on every call, a finding at each caller.
func newPlainShipment(orderID string) *Shipment {
	return &Shipment{OrderID: orderID}
}

// Plain: beside OptFresh, the same constructor without options.
func (r *Repo) Plain(ctx context.Context, orderID string) error {
	s := newPlainShipment(orderID)
	return r.db.WithContext(ctx).Create(s).Error // want `IDEM201: .*the IdempotencyKey field is left out of the Shipment literal newPlainShipment returns for s, so GORM writes NULL`
}

// OptInline: the options applied in the inserting function itself, to
// its own literal: what they set is the caller's, a note.
func (r *Repo) OptInline(ctx context.Context, orderID string, opts ...ShipmentOption) error {
	s := Shipment{OrderID: orderID}
	for _, opt := range opts {
		opt(&s)
	}
	return r.db.WithContext(ctx).Create(&s).Error // want `not followed: the address of s is passed to the option opts`
}

// Enricher may add fields to a shipment.
type Enricher interface{ Enrich(*Shipment) }

// Enriched: the row handed to a service parameter's method, not an
// option: the key left out on the path that skips it is still found.
func (r *Repo) Enriched(ctx context.Context, e Enricher, orderID string, enrich bool) error {
	s := Shipment{OrderID: orderID}
	if enrich {
		e.Enrich(&s)
	}
	return r.db.WithContext(ctx).Create(&s).Error // want `IDEM201: .*IdempotencyKey is not set in the Shipment literal`
}

// ShipmentBuilder builds a shipment step by step; Key sets the key only
// when one is given.
type ShipmentBuilder struct{ s Shipment }

func NewShipmentBuilder(orderID string) *ShipmentBuilder {
	return &ShipmentBuilder{s: Shipment{OrderID: orderID}}
}

func (b *ShipmentBuilder) Key(k string) *ShipmentBuilder {
	if k != "" {
		b.s.IdempotencyKey = &k
	}
	return b
}

func (b *ShipmentBuilder) Build() *Shipment { s := b.s; return &s } // want Build:`result 0.OrderID empty when argument 0.s.OrderID is empty, result 0.IdempotencyKey nil when argument 0.s.IdempotencyKey is nil, result 0.IdempotencyKey empty when argument 0.s.IdempotencyKey\* is empty`

// BuiltFresh: the setter is given a fresh key, so the builder's key is
// set; the path through the setter that skips the write is decided by a
// test of k, not followed: a note, not IDEM201.
func (r *Repo) BuiltFresh(ctx context.Context) error {
	s := NewShipmentBuilder("o").Key(uuid.NewString()).Build()
	return r.db.WithContext(ctx).Create(s).Error // want `not followed: idemlint cannot tell what s.IdempotencyKey holds at this call`
}

// BuiltNoKey: the setter is never called: the builder's literal leaves
// the key out, NULL.
func (r *Repo) BuiltNoKey(ctx context.Context) error {
	s := NewShipmentBuilder("o").Build()
	return r.db.WithContext(ctx).Create(s).Error // want `IDEM201: .*IdempotencyKey is not set in the Shipment literal`
}
