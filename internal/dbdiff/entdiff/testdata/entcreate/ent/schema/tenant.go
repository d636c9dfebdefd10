package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Tenant has a string id and is stored as orgs (a value annotation).
type Tenant struct {
	ent.Schema
}

// Annotations of the Tenant.
func (Tenant) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "orgs"}}
}

// Fields of the Tenant.
func (Tenant) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").NotEmpty(),
		field.String("slug").NotEmpty().Unique(),
		field.String("name").Default("unnamed"),
		field.String("external_ref").Optional().Nillable().Unique(),
		field.Int("seats").Optional().Default(1),
	}
}

// Edges of the Tenant.
func (Tenant) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("payments", Payment.Type),
		edge.To("setting", Setting.Type).Unique(),
		edge.To("customers", Customer.Type),
	}
}

// Setting is a tenant's one settings row, keyed to it by a declared,
// required edge field whose column StorageKey names (O2O: unique).
type Setting struct {
	ent.Schema
}

// Annotations of the Setting: a pointer annotation built by entsql.Table.
func (Setting) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Table("tenant_settings")}
}

// Fields of the Setting.
func (Setting) Fields() []ent.Field {
	return []ent.Field{
		field.String("org_id").StorageKey("tenant_ref"),
		field.Bool("live").Default(false),
		field.String("webhook_secret").Sensitive().Optional(),
	}
}

// Edges of the Setting.
func (Setting) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tenant", Tenant.Type).Ref("setting").Field("org_id").Unique().Required(),
	}
}
