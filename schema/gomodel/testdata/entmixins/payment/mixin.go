// Package payment declares mixins for the schema package: an alias of a
// generic instance, and a struct that embeds one.
package payment

import (
	"entgo.io/ent"
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

// EdgedMixin has its own Edges beside the embedded generic's methods.
type EdgedMixin struct {
	framework.Recursive[invoicedMixin]
	Target any
}

func (m EdgedMixin) Edges() []ent.Edge { return nil }
