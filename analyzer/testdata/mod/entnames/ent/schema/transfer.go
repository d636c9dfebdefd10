// Package schema keeps its field names, index names and index predicates
// in constants and package variables, as flexprice's ent schema does: the
// reader works them out from their initialisers, and says so where it
// cannot.
package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

const (
	fieldTenantID = "tenant_id"
	fieldEnvID    = "environment_id"
	fieldKey      = fieldIdem + "_key" // fieldIdem is in names.go
)

// Idx_transfer_key is exported so that a repository can match the
// constraint's name in a unique violation.
var Idx_transfer_key = "idx_transfer_" + fieldKey

// keyWhere leaves keyless rows out of the index.
var keyWhere = fieldKey + " IS NOT NULL"

// draftWhere is set again in init: its value is not its initialiser's.
var draftWhere = "status = 'draft'"

func init() { draftWhere = "status = 'draft' AND " + fieldKey + " IS NOT NULL" }

// Transfer's key is nullable in a composite unique index whose fields and
// name are constants and a package variable.
type Transfer struct{ ent.Schema }

func (Transfer) Fields() []ent.Field {
	return []ent.Field{
		field.String(fieldTenantID),
		field.String(fieldEnvID),
		field.String(fieldKey).Optional(), // want `IDEM101: idempotency key Transfer.idempotency_key is nullable, but NULLs are distinct in PostgreSQL unique index idx_transfer_idempotency_key \(tenant_id, environment_id, idempotency_key\)`
	}
}

func (Transfer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields(fieldTenantID, fieldEnvID, fieldKey).Unique().StorageKey(Idx_transfer_key),
	}
}

// Payout's key is optional on purpose: its only unique index is partial,
// its predicate a package variable.
type Payout struct{ ent.Schema }

func (Payout) Fields() []ent.Field {
	return []ent.Field{
		field.String(fieldTenantID),
		field.String(fieldKey).Optional(),
	}
}

func (Payout) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields(fieldTenantID, fieldKey).Unique().Annotations(entsql.IndexWhere(keyWhere)),
	}
}

// Refund's index predicate is a variable assigned twice: not read, and
// said so.
type Refund struct{ ent.Schema }

func (Refund) Fields() []ent.Field {
	return []ent.Field{
		field.String(fieldTenantID),
		field.String("status"),
		field.String(fieldKey).Optional(),
	}
}

func (Refund) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields(fieldTenantID, fieldKey).Unique().
			Annotations(entsql.IndexWhere(draftWhere)), // want `IDEM001: unique index over index.Fields\(fieldTenantID, fieldKey\): its predicate draftWhere is not a string this reader can work out`
	}
}
