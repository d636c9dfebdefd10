// Package entmix holds a mixin of another package than the schemas that
// use it: its fields and its index come before the schema's own.
package entmix

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// Audit records who made and who last changed a row; its operation key
// is unique with the row's creator, when both are set.
type Audit struct {
	mixin.Schema
}

// Fields of the Audit mixin.
func (Audit) Fields() []ent.Field {
	return []ent.Field{
		field.String("created_by").Optional(),
		field.String("updated_by").Default("system"),
		field.String("operation_key").Optional().Nillable(),
	}
}

// Indexes of the Audit mixin.
func (Audit) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("created_by", "operation_key").Unique(),
	}
}
