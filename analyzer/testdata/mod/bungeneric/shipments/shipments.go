// Package shipments writes its rows through the generic bun repository of
// another package (bungeneric): each call is read, by bungeneric's facts,
// as bun's insert of the type argument, Shipment.
package shipments

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/uptrace/bun"

	"example.com/libs/bungeneric"
)

//go:embed schema.sql
var schema string

type Shipment struct {
	bun.BaseModel  `bun:"table:shipments"`
	ID             int64   `bun:"id,pk,autoincrement"`
	OrderID        int64   `bun:"order_id,notnull"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

type Service struct{ repo *bungeneric.Repo[Shipment] }

func New(db bun.IDB) *Service { return &Service{repo: bungeneric.NewRepo[Shipment](db)} }

// Ship leaves the key out of the row: bun writes NULL.
func (s *Service) Ship(ctx context.Context, order int64) error {
	return s.repo.Insert(ctx, &Shipment{OrderID: order}) // want `IDEM201: idempotency key shipments.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Shipment literal`
}

// ShipFromRequest writes the header's key, nil when it is absent.
func (s *Service) ShipFromRequest(ctx context.Context, order int64, r *http.Request) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return s.repo.InsertOrSkip(ctx, &Shipment{OrderID: order, IdempotencyKey: key}) // want `IDEM201: idempotency key shipments.idempotency_key can be NULL here`
}

// ShipChecked rejects a request without a key.
func (s *Service) ShipChecked(ctx context.Context, order int64, r *http.Request) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("missing Idempotency-Key")
	}
	return s.repo.Insert(ctx, &Shipment{OrderID: order, IdempotencyKey: &h})
}

// ShipNamed goes through a method whose column list is its own: not
// read from here (a -v note says so).
func (s *Service) ShipNamed(ctx context.Context, order int64) error {
	return s.repo.InsertNamed(ctx, &Shipment{OrderID: order})
}
