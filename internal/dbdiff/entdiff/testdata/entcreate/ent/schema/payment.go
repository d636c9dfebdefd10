package schema

import (
	"regexp"

	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
	"github.com/google/uuid"

	"example.com/libs/entcreate/entmix"
)

// Scoped is a mixin of this package: an environment column and a unique
// index over it and a field of the schema that uses it.
type Scoped struct {
	mixin.Schema
}

// Fields of the Scoped mixin.
func (Scoped) Fields() []ent.Field {
	return []ent.Field{
		field.String("environment_id").Optional().Default(""),
	}
}

// Indexes of the Scoped mixin.
func (Scoped) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("environment_id", "dedup_key").Unique().StorageKey("payment_env_dedup"),
	}
}

// Payment has a UUID id with a Go default, keys of every kind and edges
// to the tenant (no declared field, required), the customer (a declared
// optional field under a StorageKey), refunds, a receipt and tags.
type Payment struct {
	ent.Schema
}

// Mixin of the Payment.
func (Payment) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.Time{}, entmix.Audit{}, Scoped{}}
}

// Fields of the Payment.
func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("id", uuid.UUID{}).Default(uuid.New),
		field.String("idempotency_key").Optional().Nillable(),
		field.String("request_id").StorageKey("req_id").Optional().Unique(),
		field.String("dedup_key").NotEmpty(),
		field.String("token").DefaultFunc(uuid.NewString).Unique(),
		field.UUID("trace_id", uuid.UUID{}).Default(uuid.New).Optional(),
		field.Int64("amount"),
		field.Bool("captured").Default(false),
		field.Enum("status").Values("new", "settled").Default("new"),
		field.Time("settled_at").Optional().Nillable(),
		field.Int("customer_id").StorageKey("cust_id").Optional(),
		field.String("email").Match(regexp.MustCompile(`@`)).Optional().Unique(),
		field.String("memo").Optional().Default(""),
		field.Int("priority").Default(5),
		field.String("source").MinLen(1).Validate(func(string) error { return nil }),
	}
}

// Edges of the Payment.
func (Payment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tenant", Tenant.Type).Ref("payments").Unique().Required(),
		edge.From("customer", Customer.Type).Ref("payments").Field("customer_id").Unique(),
		edge.To("refunds", Refund.Type),
		edge.To("receipt", Receipt.Type).Unique(),
		edge.To("tags", Tag.Type),
	}
}

// Indexes of the Payment.
func (Payment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("idempotency_key").Edges("tenant").Unique(),
		index.Fields("dedup_key").Edges("customer").Unique().
			Annotations(entsql.IndexWhere("dedup_key <> ''")).
			StorageKey("payment_customer_dedup"),
		index.Fields("request_id", "amount").Unique().
			Annotations(entsql.IndexWhere("req_id IS NOT NULL")),
		index.Fields("email"),
		index.Fields("source").Annotations(entsql.IndexWhere("source <> ''")),
	}
}
