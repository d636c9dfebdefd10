package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

type TenantMixin struct {
	mixin.Schema
}

func (TenantMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("tenant_id").NotEmpty(),
		field.String("environment_id").Optional().Default(""),
	}
}

type Order struct {
	ent.Schema
}

func (Order) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.Time{}, TenantMixin{}}
}

func (Order) Fields() []ent.Field {
	return []ent.Field{
		field.String("idempotency_key").
			Optional().
			Nillable(),
		field.String("request_id").MinLen(1).StorageKey("req_id").Optional().Unique(),
		field.String("dedup_key").NotEmpty(),
		field.Int("customer_id").Optional(),
	}
}

func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("orders").Field("customer_id").Unique(),
		edge.To("items", Item.Type),
	}
}

func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "idempotency_key").Unique(),
		index.Fields("tenant_id", "environment_id", "dedup_key").Unique().
			Annotations(entsql.IndexWhere("dedup_key <> ''")).
			StorageKey("idx_order_dedup"),
		index.Fields("dedup_key"),
	}
}

type Customer struct {
	ent.Schema
}

func (Customer) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "clients"}}
}

func (Customer) Fields() []ent.Field {
	return []ent.Field{field.String("name").MinLen(0)}
}

func (Customer) Edges() []ent.Edge {
	return []ent.Edge{edge.To("orders", Order.Type)}
}

type Item struct {
	ent.Schema
}

func (Item) Fields() []ent.Field {
	return []ent.Field{field.String("sku")}
}
