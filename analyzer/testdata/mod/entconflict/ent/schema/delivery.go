package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Delivery holds the schema definition for the Delivery entity.
type Delivery struct {
	ent.Schema
}

// Fields of the Delivery.
func (Delivery) Fields() []ent.Field {
	return []ent.Field{
		field.String("endpoint"),
		field.String("delivery_ref").Optional().Nillable(), // want `IDEM101: idempotency key Delivery.delivery_ref \(used as the ON CONFLICT target at entconflict/entconflict.go:20\) is nullable`
	}
}

// Indexes of the Delivery.
func (Delivery) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("endpoint", "delivery_ref").Unique(),
	}
}
