package schema

import (
	"crypto/rand"

	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// Order holds the schema definition for the Order entity.
type Order struct {
	ent.Schema
}

// Mixin of the Order.
func (Order) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.Time{}, TenantMixin{}}
}

// Fields of the Order.
func (Order) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").DefaultFunc(rand.Text).Unique().Immutable(),
		field.String("idempotency_key").Optional().Nillable(),
		field.String("request_id").StorageKey("req_id").Optional().Unique(),
		field.String("dedup_key").NotEmpty(),
		field.String("checkout_token").Optional().Unique(),
		field.String("external_ref").DefaultFunc(rand.Text).Unique(),
		field.Int("amount").Default(0),
		field.Enum("status").Values("pending", "paid").Default("pending"),
		field.Int("customer_id").Optional(),
	}
}

// Edges of the Order.
func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("orders").Field("customer_id").Unique(),
		edge.To("items", Item.Type),
		edge.To("tags", Tag.Type),
	}
}

// Indexes of the Order.
func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "environment_id", "idempotency_key").Unique(),
		index.Fields("tenant_id", "dedup_key").Unique().
			Annotations(entsql.IndexWhere("dedup_key <> ''")).
			StorageKey("idx_order_dedup"),
		index.Fields("status"),
	}
}
