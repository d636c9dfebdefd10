// Package schema declares the ent schemas of entorders: every shape whose
// meaning for the database is in question (Optional, Nillable, Unique,
// StorageKey, Default, NotEmpty, edges with and without Field, unique
// and partial indexes, mixins, a table named by annotation), so that
// idemlint's reading of it can be checked against the migrate/schema.go
// ent generates from it.
package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// TenantMixin scopes a row by tenant and environment.
type TenantMixin struct {
	mixin.Schema
}

// Fields of the TenantMixin.
func (TenantMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("tenant_id").NotEmpty().Immutable(),
		field.String("environment_id").Optional().Default(""),
	}
}
