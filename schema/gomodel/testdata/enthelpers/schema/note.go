package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Note has no edges.
type Note struct {
	ent.Schema
}

// Fields of the Note.
func (Note) Fields() []ent.Field {
	return []ent.Field{field.String("body")}
}
