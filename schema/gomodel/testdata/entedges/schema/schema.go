// Package schema holds ent schemas whose tables depend on how ent names
// and resolves things: type names pluralised as inflect does on the Go
// name, field columns snake_cased, edges to the schema's own type,
// inverse edges declared inline, edge schemas, database defaults given
// as annotations, and a shared unexported base.
package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/google/uuid"
)

// DeliveryStatus: inflect's "status" rule is lower case, so the
// capitalised name keeps its last s (delivery_status, not statuses).
type DeliveryStatus struct{ ent.Schema }

func (DeliveryStatus) Fields() []ent.Field {
	return []ent.Field{
		field.String("SSOCert").Optional(), // column sso_cert
		field.Int64("id").Unique(),         // an integer id: no second unique
		field.String("request_key").
			Annotations(entsql.DefaultExprs(map[string]string{dialect.Postgres: "gen_random_uuid()::text"})),
		field.UUID("token", uuid.UUID{}).
			Annotations(&entsql.Annotation{Default: "uuid_generate_v4()"}),
	}
}

// Node links to itself: next/prev (O2O, inline inverse), parent/children
// (O2M, inline inverse with a required edge field that is nullable all
// the same), friends (bidirectional M2M).
type Node struct{ ent.Schema }

func (Node) Fields() []ent.Field {
	return []ent.Field{field.Int("parent_id")}
}

func (Node) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("next", Node.Type).Unique().From("prev").Unique(),
		edge.To("children", Node.Type).From("parent").Unique().Field("parent_id"),
		edge.To("friends", Node.Type),
		edge.To("following", Node.Type).From("followers"),
	}
}

// User and Group are joined through the edge schema Membership, keyed by
// its own id: ent adds a unique index over its two edge columns.
type User struct{ base }

func (User) Edges() []ent.Edge {
	return []ent.Edge{edge.To("groups", Group.Type).Through("memberships", Membership.Type)}
}

type Group struct{ base }

type Membership struct{ ent.Schema }

func (Membership) Fields() []ent.Field {
	return []ent.Field{field.Int("user_id"), field.Int("group_id")}
}

func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Unique().Required().Field("user_id"),
		edge.To("group", Group.Type).Unique().Required().Field("group_id"),
	}
}

// Tagging is keyed by its two edge fields: no id column.
type Tagging struct{ ent.Schema }

func (Tagging) Annotations() []schema.Annotation {
	return []schema.Annotation{field.ID("user_id", "group_id")}
}

func (Tagging) Fields() []ent.Field {
	return []ent.Field{field.Int("user_id"), field.Int("group_id")}
}

// base is no schema of its own: ent generates code for exported types.
type base struct{ ent.Schema }
