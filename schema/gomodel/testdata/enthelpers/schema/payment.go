package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Payment's key is optional and unique: reported whatever its edges are.
type Payment struct {
	ent.Schema
}

// Fields of the Payment.
func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.String("idempotency_key").Optional().Unique(),
	}
}

// Edges of the Payment.
func (Payment) Edges() []ent.Edge {
	return []ent.Edge{
		edgeTo(&edgeDef{name: "refunds", t: Refund.Type}),
		edgeTo(&edgeDef{name: "notes", t: Note.Type}),
	}
}
