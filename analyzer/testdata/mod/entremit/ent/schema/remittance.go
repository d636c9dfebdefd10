package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// Remittance is stored in a table its annotation names, not ent's default
// (remittances).
type Remittance struct {
	ent.Schema
}

// Annotations of the Remittance.
func (Remittance) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "wire_remittances"}}
}

// Fields of the Remittance: the key is required (NOT NULL) but may be empty.
func (Remittance) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("amount"),
		field.String("client_request_id").Unique(),
	}
}
