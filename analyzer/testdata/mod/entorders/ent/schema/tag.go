package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Tag holds the schema definition for the Tag entity: many orders, many
// tags, in ent's join table order_tags.
type Tag struct {
	ent.Schema
}

// Fields of the Tag.
func (Tag) Fields() []ent.Field {
	return []ent.Field{field.String("label").Unique()}
}

// Edges of the Tag.
func (Tag) Edges() []ent.Edge {
	return []ent.Edge{edge.From("orders", Order.Type).Ref("tags")}
}

// Profile holds the schema definition for the Profile entity: one per
// customer (an O2O edge, its key column customer_profile unique).
type Profile struct {
	ent.Schema
}

// Fields of the Profile.
func (Profile) Fields() []ent.Field {
	return []ent.Field{field.String("bio").Optional()}
}

// Edges of the Profile.
func (Profile) Edges() []ent.Edge {
	return []ent.Edge{edge.From("owner", Customer.Type).Ref("profile").Unique().Required()}
}
