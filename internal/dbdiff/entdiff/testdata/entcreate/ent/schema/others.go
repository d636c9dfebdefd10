package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Customer is stored as clients (a pointer annotation literal).
type Customer struct {
	ent.Schema
}

// Annotations of the Customer.
func (Customer) Annotations() []schema.Annotation {
	return []schema.Annotation{&entsql.Annotation{Table: "clients"}}
}

// Fields of the Customer.
func (Customer) Fields() []ent.Field {
	return []ent.Field{
		field.String("name"),
		field.String("email").Optional().Nillable().Unique(),
	}
}

// Edges of the Customer.
func (Customer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("payments", Payment.Type),
		edge.From("tenant", Tenant.Type).Ref("customers").Unique(),
	}
}

// Indexes of the Customer: a name unique within a tenant (an edge column
// ent adds, nullable).
func (Customer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name").Edges("tenant").Unique(),
	}
}

// Refund belongs to a payment through an O2M edge without a declared
// field: ent adds the nullable column payment_refunds.
type Refund struct {
	ent.Schema
}

// Fields of the Refund.
func (Refund) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("idempotency_key").Unique(),
		field.String("reason").Optional().Nillable(),
	}
}

// Edges of the Refund.
func (Refund) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("payment", Payment.Type).Ref("refunds").Unique(),
	}
}

// Indexes of the Refund.
func (Refund) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("reason").Edges("payment").Unique().
			Annotations(entsql.IndexWhere("reason IS NOT NULL AND reason <> ''")),
	}
}

// Receipt is a payment's one receipt (O2O, no declared field): its
// column payment_receipt is unique and nullable.
type Receipt struct {
	ent.Schema
}

// Fields of the Receipt.
func (Receipt) Fields() []ent.Field {
	return []ent.Field{
		field.String("number").Unique().Immutable(),
		field.Bytes("signature").Optional(),
	}
}

// Edges of the Receipt.
func (Receipt) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("payment", Payment.Type).Ref("receipt").Unique(),
	}
}

// Tag is joined to payments (M2M: a join table keyed by both ids).
type Tag struct {
	ent.Schema
}

// Fields of the Tag.
func (Tag) Fields() []ent.Field {
	return []ent.Field{
		field.String("label").Unique(),
		field.Float("weight").Optional(),
		field.JSON("meta", map[string]string{}).Optional(),
	}
}

// Edges of the Tag.
func (Tag) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("payments", Payment.Type).Ref("tags"),
	}
}
