// Package entmix holds mixins shared with entorders' schema package from
// a package of their own, written as real projects write them: fields
// built with append from other mixins' Fields(), a builder kept in a
// variable, names from constants and from a mixin literal's field, a
// mixin that embeds ent.Schema, and a type alias.
package entmix

import (
	"fmt"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// ColumnAuditBy names the column of who last changed a row.
const ColumnAuditBy = "audit_by"

// KeyMixin adds an optional lookup key, unique.
type KeyMixin struct {
	mixin.Schema
}

// Fields of the KeyMixin.
func (KeyMixin) Fields() []ent.Field {
	return []ent.Field{field.String("lookup_key").Optional()}
}

// Indexes of the KeyMixin.
func (KeyMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("lookup_key").Unique()}
}

// AuditMixin adds KeyMixin's fields and who changed a row when.
type AuditMixin struct {
	mixin.Schema
}

// Fields of the AuditMixin.
func (AuditMixin) Fields() []ent.Field {
	var fields []ent.Field
	fields = append(fields, KeyMixin{}.Fields()...)
	by := field.String(ColumnAuditBy).Optional()
	fields = append(fields, by, field.Time("audited_at").Optional())
	return fields
}

// Indexes of the AuditMixin.
func (AuditMixin) Indexes() []ent.Index {
	return append(KeyMixin{}.Indexes(), index.Fields(ColumnAuditBy))
}

// Audit is AuditMixin under a shorter name.
type Audit = AuditMixin

// AddressMixin adds an address whose columns start with Prefix. It
// embeds ent.Schema, as some projects' mixins do: it is no schema of its
// own, since ent generates the types of the schema package only.
type AddressMixin struct {
	ent.Schema
	Prefix string
}

// Fields of the AddressMixin.
func (m AddressMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String(fmt.Sprintf("%s_country", m.Prefix)).Optional().Nillable(),
		field.String(m.Prefix + "_city"),
	}
}
