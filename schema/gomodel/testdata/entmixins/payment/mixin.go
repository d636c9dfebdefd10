// Package payment declares mixins for the schema package: an alias of a
// generic instance, and a struct that embeds one.
package payment

import (
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"example.com/entmixins/framework"
)

type InvoicedMixin = framework.Recursive[invoicedMixin]

type invoicedMixin struct{ mixin.Schema }

func (invoicedMixin) Mixin() []ent.Mixin { return []ent.Mixin{framework.NamespaceMixin{}} }

func (invoicedMixin) Fields() []ent.Field {
	return []ent.Field{field.String("invoice_id"), field.String("line_id").Optional()}
}

func (invoicedMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("namespace", "line_id").Unique()}
}

// Mixin gets its methods from the generic it embeds.
type Mixin struct {
	framework.Recursive[invoicedMixin]
}

// EdgedMixin has its own Edges beside the embedded generic's methods:
// its fields and indexes are the generic's, its edges its own (which
// take the generic's in), as openmeter's creditrealization.Mixin.
type EdgedMixin struct {
	framework.Recursive[invoicedMixin]
	Target any
}

func (m EdgedMixin) Edges() []ent.Edge {
	edges := m.Recursive.Edges()
	return slices.Concat(edges, []ent.Edge{
		edge.To("corrects", m.Target).Field("line_id").Unique(),
	})
}
