package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Node links to itself: next/prev (O2O, inline inverse), parent/children
// (O2M, inline inverse whose edge field is nullable although the field
// is not Optional), friends (bidirectional M2M) and followers (M2M with
// an inline inverse).
type Node struct {
	ent.Schema
}

// Fields of the Node.
func (Node) Fields() []ent.Field {
	return []ent.Field{
		field.Int("parent_id").Optional(),
		field.String("label").
			Annotations(entsql.DefaultExprs(map[string]string{dialect.Postgres: "md5(random()::text)"})),
		field.String("slot").Annotations(entsql.Default("main")),
		field.UUID("ref", uuid.UUID{}).Annotations(&entsql.Annotation{DefaultExpr: "gen_random_uuid()"}).Unique(),
	}
}

// Edges of the Node.
func (Node) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("next", Node.Type).Unique().From("prev").Unique(),
		edge.To("children", Node.Type).From("parent").Unique().Field("parent_id"),
		edge.To("friends", Node.Type),
		edge.To("following", Node.Type).From("followers"),
		edge.To("owner", User.Type).StorageKey(edge.Column("owner_ref")).Unique(),
	}
}

// Indexes of the Node: one over an O2O edge's column and a field.
func (Node) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("slot").Edges("prev").Unique(),
	}
}

// User and Group are joined through the edge schema Membership, keyed by
// its own id (ent adds a unique index over its two edge columns); users
// like posts through Like, keyed by its two edge fields (no id column).
type User struct {
	ent.Schema
}

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.Uint64("id"),
		field.String("handle").Unique(),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("groups", Group.Type).Through("memberships", Membership.Type),
		edge.To("liked", Post.Type).Through("likes", Like.Type),
		edge.To("blocked", Post.Type).StorageKey(edge.Table("user_blocks"), edge.Columns("blocker", "post")),
	}
}

// Group is a group of users.
type Group struct {
	ent.Schema
}

// Fields of the Group.
func (Group) Fields() []ent.Field {
	return []ent.Field{field.String("name").Optional().Unique()}
}

// Edges of the Group.
func (Group) Edges() []ent.Edge {
	return []ent.Edge{edge.From("users", User.Type).Ref("groups").Through("members", Membership.Type)}
}

// Membership is the edge schema of User.groups.
type Membership struct {
	ent.Schema
}

// Fields of the Membership.
func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.String("role").Default("member"),
		field.Uint64("user_id"),
		field.Int("group_id"),
	}
}

// Edges of the Membership.
func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Unique().Required().Field("user_id"),
		edge.To("group", Group.Type).Unique().Required().Field("group_id"),
	}
}

// Post is what users like, and block (M2M, its join table named by
// StorageKey on the edge.To).
type Post struct {
	ent.Schema
}

// Fields of the Post.
func (Post) Fields() []ent.Field {
	return []ent.Field{field.String("title")}
}

// Edges of the Post.
func (Post) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("blockers", User.Type).Ref("blocked"),
		edge.From("likers", User.Type).Ref("liked").Through("likes", Like.Type),
	}
}

// Like is the edge schema of User.liked, keyed by its two edge fields.
type Like struct {
	ent.Schema
}

// Annotations of the Like.
func (Like) Annotations() []schema.Annotation {
	return []schema.Annotation{field.ID("user_id", "post_id")}
}

// Fields of the Like.
func (Like) Fields() []ent.Field {
	return []ent.Field{
		field.Time("liked_at").Default(time.Now),
		field.Uint64("user_id"),
		field.Int("post_id"),
		field.String("reaction").Optional(),
	}
}

// Edges of the Like.
func (Like) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Unique().Required().Field("user_id"),
		edge.To("post", Post.Type).Unique().Required().Field("post_id"),
	}
}

// Indexes of the Like.
func (Like) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("reaction", "user_id").Unique().StorageKey("like_reaction_once"),
	}
}
