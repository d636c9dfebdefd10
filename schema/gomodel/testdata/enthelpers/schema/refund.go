package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Refund holds one helper-built edge.
type Refund struct {
	ent.Schema
}

// Fields of the Refund.
func (Refund) Fields() []ent.Field {
	return []ent.Field{field.Int64("amount")}
}

// Edges of the Refund.
func (Refund) Edges() []ent.Edge {
	return []ent.Edge{
		edgeTo(&edgeDef{name: "notes", t: Note.Type}),
	}
}
