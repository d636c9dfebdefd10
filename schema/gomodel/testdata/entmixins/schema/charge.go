package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"

	"example.com/entmixins/framework"
	"example.com/entmixins/payment"
)

type Charge struct{ ent.Schema }

func (Charge) Mixin() []ent.Mixin { return []ent.Mixin{payment.InvoicedMixin{}} }

func (Charge) Fields() []ent.Field { return []ent.Field{field.String("amount")} }

type Refund struct{ ent.Schema }

func (Refund) Mixin() []ent.Mixin { return []ent.Mixin{payment.ExternalMixin{}} }

type Credit struct{ ent.Schema }

func (Credit) Mixin() []ent.Mixin {
	return []ent.Mixin{
		payment.EdgedMixin{
			Target: Charge.Type,
		},
		framework.Tagged[payment.Mixin]{},
	}
}
