package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"example.com/libs/entorders/entmix"
)

// Invoice holds the schema definition for the Invoice entity: its fields
// come from mixins of another package (entmix), its workflow is an O2O
// edge whose key is a declared field, and its source order an M2O edge
// whose column StorageKey names.
type Invoice struct {
	ent.Schema
}

// Mixin of the Invoice.
func (Invoice) Mixin() []ent.Mixin {
	return []ent.Mixin{entmix.Audit{}, entmix.AddressMixin{Prefix: "billing"}}
}

// Fields of the Invoice.
func (Invoice) Fields() []ent.Field {
	return []ent.Field{
		field.String("number"),
		field.Int("workflow_id"),
	}
}

// Edges of the Invoice.
func (Invoice) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("workflow", Workflow.Type).Ref("invoice").Field("workflow_id").Unique().Required(),
		edge.To("source_order", Order.Type).StorageKey(edge.Column("source_order_id")).Unique(),
	}
}

// Workflow holds the schema definition for the Workflow entity: one
// invoice each.
type Workflow struct {
	ent.Schema
}

// Fields of the Workflow.
func (Workflow) Fields() []ent.Field {
	return []ent.Field{field.String("state").Default("open")}
}

// Edges of the Workflow.
func (Workflow) Edges() []ent.Edge {
	return []ent.Edge{edge.To("invoice", Invoice.Type).Unique()}
}
