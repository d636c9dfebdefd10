// Package entconflict upserts with ent's generated builders (feature
// sql/upsert): OnConflictColumns names the key that the schema in
// ent/schema declares with names no key rule knows.
package entconflict

import (
	"context"
	"errors"

	"example.com/libs/entconflict/ent"
	"example.com/libs/entconflict/ent/delivery"
)

// Record stores a delivery once per (endpoint, delivery_ref); a nil ref
// is a NULL key, and every retry without one is stored again.
func Record(ctx context.Context, client *ent.Client, endpoint string, ref *string) error { // want Record:`writes key param 3 → deliveries.delivery_ref`
	return client.Delivery.Create().
		SetEndpoint(endpoint).
		SetNillableDeliveryRef(ref). // want `IDEM201: idempotency key deliveries.delivery_ref \(used as the ON CONFLICT target at entconflict/entconflict.go:20\) can be NULL here`
		OnConflictColumns(delivery.FieldEndpoint, delivery.FieldDeliveryRef).
		DoNothing().
		Exec(ctx)
}

// RecordChecked refuses a delivery without a ref: nothing to report.
func RecordChecked(ctx context.Context, client *ent.Client, endpoint string, ref *string) error {
	if ref == nil {
		return errors.New("delivery ref required")
	}
	return client.Delivery.Create().
		SetEndpoint(endpoint).
		SetNillableDeliveryRef(ref).
		OnConflictColumns(delivery.FieldEndpoint, delivery.FieldDeliveryRef).
		DoNothing().
		Exec(ctx)
}
