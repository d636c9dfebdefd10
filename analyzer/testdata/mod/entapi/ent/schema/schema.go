// Package schema declares entapi's entities; ent generates their client
// (the parent folder) from it. The tables they map to are in schema.sql.
package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Message's key is optional: SetNillableIdempotencyKey(nil) leaves it out.
type Message struct{ ent.Schema }

func (Message) Fields() []ent.Field {
	return []ent.Field{
		field.String("session_id"),
		field.String("body"),
		field.String("idempotency_key").Optional(),
	}
}

func (Message) Indexes() []ent.Index {
	return []ent.Index{index.Fields("session_id", "idempotency_key").Unique()}
}

// Payment's key is required: ent's validation refuses a create without it.
type Payment struct{ ent.Schema }

func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.String("account_id"),
		field.String("idempotency_key"),
	}
}

func (Payment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id", "idempotency_key").Unique()}
}

// Job's dedup key is optional on purpose (a partial index in schema.sql).
type Job struct{ ent.Schema }

func (Job) Fields() []ent.Field {
	return []ent.Field{
		field.String("queue"),
		field.String("dedup_key").Optional(),
	}
}

// Event's key is filled by the database's default when left out.
type Event struct{ ent.Schema }

func (Event) Fields() []ent.Field {
	return []ent.Field{
		field.String("source"),
		field.String("idempotency_key").Optional(),
	}
}

func (Event) Indexes() []ent.Index {
	return []ent.Index{index.Fields("source", "idempotency_key").Unique()}
}

// Note's key has an ent default: ent fills it when none is set.
type Note struct{ ent.Schema }

func (Note) Fields() []ent.Field {
	return []ent.Field{
		field.String("author"),
		field.String("idempotency_key").Optional().DefaultFunc(uuid.NewString),
	}
}

func (Note) Indexes() []ent.Index {
	return []ent.Index{index.Fields("author", "idempotency_key").Unique()}
}
