package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/oklog/ulid/v2"
)

// Receipt's key is optional in a unique index, in a file whose
// third-party group holds a path that sorts after github.com/google/uuid:
// the fix's uuid import goes before it, where goimports puts it, not at
// the end of the block.
type Receipt struct{ ent.Schema }

func (Receipt) Fields() []ent.Field {
	return []ent.Field{
		field.String("ref").DefaultFunc(func() string { return ulid.Make().String() }),
		field.Time("created_at").Default(time.Now),
		field.String("idempotency_key").Optional(), // want `IDEM101: idempotency key Receipt.idempotency_key is nullable`
	}
}

func (Receipt) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("idempotency_key").Unique(),
	}
}
