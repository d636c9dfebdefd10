// Package setters builds GORM rows through a builder whose setter writes
// the key on every path (b.s.Key = &k), called in a chain or as
// statements on a builder held in a variable, and through options
// written inline at the constructor's call (func(s *Shipment) { … }):
// the value the caller hands the setter or captures in the option is the
// row's key.
package setters

import (
	"context"
	_ "embed"
	"net/http"

	"github.com/google/uuid"
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

// Builder's Key sets the key whatever it is given.
type Builder struct{ s Shipment }

func NewBuilder(orderID string) *Builder { return &Builder{s: Shipment{OrderID: orderID}} }

func (b *Builder) Key(k string) *Builder { b.s.IdempotencyKey = &k; return b }

func (b *Builder) Order(id string) *Builder { b.s.OrderID = id; return b }

func (b *Builder) Build() *Shipment { s := b.s; return &s } // want Build:`result 0.OrderID empty when argument 0.s.OrderID is empty, result 0.IdempotencyKey nil when argument 0.s.IdempotencyKey is nil, result 0.IdempotencyKey empty when argument 0.s.IdempotencyKey\* is empty`

// ChainHeader: a header that may be absent, set in a chain: "" is written.
func (r *Repo) ChainHeader(req *http.Request) error {
	s := NewBuilder("o").Key(req.Header.Get("Idempotency-Key")).Build()
	return r.db.WithContext(req.Context()).Create(s).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*Builder.Key returns a value whose s.IdempotencyKey is empty`
}

// ChainFresh: a fresh key: nothing to report.
func (r *Repo) ChainFresh(ctx context.Context) error {
	s := NewBuilder("o").Key(uuid.NewString()).Build()
	return r.db.WithContext(ctx).Create(s).Error
}

// StepsHeader: the setter called as a statement on the builder.
func (r *Repo) StepsHeader(req *http.Request) error {
	b := NewBuilder("o")
	b.Key(req.Header.Get("Idempotency-Key"))
	b.Order("p")
	return r.db.WithContext(req.Context()).Create(b.Build()).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*Builder.Key leaves its argument's s.IdempotencyKey empty`
}

// StepsFresh: the same with a fresh key (was a false IDEM201: the
// builder's literal leaves the key out, and the setter was not seen).
func (r *Repo) StepsFresh(ctx context.Context) error {
	b := NewBuilder("o")
	b.Key(uuid.NewString())
	b.Order("p")
	return r.db.WithContext(ctx).Create(b.Build()).Error
}

// StepsNoKey: the setter is never called, only another one: NULL.
func (r *Repo) StepsNoKey(ctx context.Context) error {
	b := NewBuilder("o")
	b.Order("p")
	return r.db.WithContext(ctx).Create(b.Build()).Error // want `IDEM201: .*IdempotencyKey is not set in the Shipment literal .*Builder.Order leaves its argument's s.IdempotencyKey nil`
}

// ValueHeader and ValueFresh: a builder variable, not a pointer.
func (r *Repo) ValueHeader(req *http.Request) error {
	var b Builder
	b.Key(req.Header.Get("Idempotency-Key"))
	return r.db.WithContext(req.Context()).Create(b.Build()).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*Builder.Key leaves its argument's s.IdempotencyKey empty`
}

func (r *Repo) ValueFresh(ctx context.Context) error {
	var b Builder
	b.Key(uuid.NewString())
	return r.db.WithContext(ctx).Create(b.Build()).Error
}

// NewShipment applies its caller's options to the row.
func NewShipment(orderID string, opts ...func(*Shipment)) *Shipment {
	s := &Shipment{OrderID: orderID}
	for _, o := range opts {
		o(s)
	}
	return s
}

// InlineHeader: the option written at the call points the key to a
// header that may be absent: "" is written.
func (r *Repo) InlineHeader(req *http.Request) error {
	k := req.Header.Get("Idempotency-Key")
	s := NewShipment("o", func(s *Shipment) { s.IdempotencyKey = &k })
	return r.db.WithContext(req.Context()).Create(s).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*the option written at line \d+ points IdempotencyKey to it`
}

// InlineFresh: the same with a fresh key.
func (r *Repo) InlineFresh(ctx context.Context) error {
	k := uuid.NewString()
	s := NewShipment("o", func(s *Shipment) { s.IdempotencyKey = &k })
	return r.db.WithContext(ctx).Create(s).Error
}

// InlineChecked: the option sets the key only when it is not empty:
// NULL then.
func (r *Repo) InlineChecked(req *http.Request) error {
	k := req.Header.Get("Idempotency-Key")
	s := NewShipment("o", func(s *Shipment) {
		if k != "" {
			s.IdempotencyKey = &k
		}
	})
	return r.db.WithContext(req.Context()).Create(s).Error // want `IDEM201: .*empty when the Idempotency-Key header is absent .*the option written at line \d+ sets IdempotencyKey only when it is not empty`
}

// InlineTwo: two options write the key: which one wins is not followed.
func (r *Repo) InlineTwo(req *http.Request) error {
	k := req.Header.Get("Idempotency-Key")
	s := NewShipment("o", func(s *Shipment) { s.IdempotencyKey = &k }, func(s *Shipment) { s.IdempotencyKey = nil })
	return r.db.WithContext(req.Context()).Create(s).Error // want `not followed: s is built by setters.NewShipment, which applies the options its caller passes to it \(setters.go:\d+\), code the value analysis does not follow \(two of the options passed write IdempotencyKey, and which one is applied last is not followed\)`
}

// InlineReassigned: the captured variable changes after the option is
// written: not followed.
func (r *Repo) InlineReassigned(req *http.Request) error {
	k := uuid.NewString()
	opt := func(s *Shipment) { s.IdempotencyKey = &k }
	k = req.Header.Get("Idempotency-Key")
	s := NewShipment("o", opt)
	return r.db.WithContext(req.Context()).Create(s).Error // want `not followed: s is built by setters.NewShipment, .*\(the variable the option captures is assigned more than once\)`
}

// Option is an option interface: its apply methods are not followed.
type Option interface{ apply(*Shipment) }

type keyOption string

func (k keyOption) apply(s *Shipment) { v := string(k); s.IdempotencyKey = &v }

func WithKey(k string) Option { return keyOption(k) }

func NewShipmentI(orderID string, opts ...Option) *Shipment {
	s := &Shipment{OrderID: orderID}
	for _, o := range opts {
		o.apply(s)
	}
	return s
}

// IfaceHeader: the one option that writes the key is given a header
// that may be absent: "" is written.
func (r *Repo) IfaceHeader(req *http.Request) error {
	s := NewShipmentI("o", WithKey(req.Header.Get("Idempotency-Key")), WithOrder("p"))
	return r.db.WithContext(req.Context()).Create(s).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*setters.WithKey returns an option whose value is empty: .*keyOption.apply writes it into IdempotencyKey`
}

// IfaceFresh: the same with a fresh key.
func (r *Repo) IfaceFresh(ctx context.Context) error {
	s := NewShipmentI("o", WithKey(uuid.NewString()))
	return r.db.WithContext(ctx).Create(s).Error
}

// IfaceBoxed: the option boxed at the call.
func (r *Repo) IfaceBoxed(req *http.Request) error {
	s := NewShipmentI("o", keyOption(req.Header.Get("Idempotency-Key")))
	return r.db.WithContext(req.Context()).Create(s).Error // want `IDEM202: .*empty when the Idempotency-Key header is absent .*keyOption.apply writes it into IdempotencyKey`
}

type orderOption string

func (o orderOption) apply(s *Shipment) { s.OrderID = string(o) }

func WithOrder(id string) Option { return orderOption(id) }

// IfaceTwo: two options write the key: a note that says so.
func (r *Repo) IfaceTwo(req *http.Request) error {
	s := NewShipmentI("o", WithKey(uuid.NewString()), keyOption(req.Header.Get("Idempotency-Key")))
	return r.db.WithContext(req.Context()).Create(s).Error // want `not followed: s is built by setters.NewShipmentI, .*\(the options are values of an interface type, and two of the options passed write IdempotencyKey`
}

// WithKeyPtr is an option constructor that copies its *string into the
// row as it is: nil stays nil.
func WithKeyPtr(k *string) func(*Shipment) {
	return func(s *Shipment) { s.IdempotencyKey = k }
}

// CtorPtrHeader passes a key that is nil when the header is absent.
func (r *Repo) CtorPtrHeader(req *http.Request) error {
	var k *string
	if h := req.Header.Get("Idempotency-Key"); h != "" {
		k = &h
	}
	return r.db.WithContext(req.Context()).Create(NewShipment("o", WithKeyPtr(k))).Error // want `IDEM201: .*nil when the Idempotency-Key header is absent .*setters.WithKeyPtr copies it into IdempotencyKey`
}

// CtorPtrFresh passes a fresh key: not reported.
func (r *Repo) CtorPtrFresh(ctx context.Context) error {
	k := uuid.NewString()
	return r.db.WithContext(ctx).Create(NewShipment("o", WithKeyPtr(&k))).Error
}

// WithKeyStr is an option constructor that points the row's key at its
// string argument: the key is empty exactly when that string is.
func WithKeyStr(k string) func(*Shipment) {
	return func(s *Shipment) { s.IdempotencyKey = &k }
}

// PlaceKeyed builds the row with its caller's key: its callers decide.
func (r *Repo) PlaceKeyed(ctx context.Context, orderID, key string) error { // want PlaceKeyed:`writes key param 2 → shipments.idempotency_key`
	return r.db.WithContext(ctx).Create(NewShipment(orderID, WithKeyStr(key))).Error
}

// PlaceFromHeader passes the header, empty when absent.
func (r *Repo) PlaceFromHeader(req *http.Request) error {
	return r.PlaceKeyed(req.Context(), "o", req.Header.Get("Idempotency-Key")) // want `IDEM202: .*empty when the Idempotency-Key header is absent .*passed to Repo.PlaceKeyed, which writes it into shipments.idempotency_key`
}

// PlaceFresh passes a fresh key: not reported.
func (r *Repo) PlaceFresh(ctx context.Context) error {
	return r.PlaceKeyed(ctx, "o", uuid.NewString())
}
