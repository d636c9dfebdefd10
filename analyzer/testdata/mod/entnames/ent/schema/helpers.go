package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// Fields, indexes and mixins built by helpers of this package. A helper
// whose body is one return is read (its string parameters bound to the
// arguments), and so is a package variable holding a slice; a helper that
// takes an option struct is not, and says so where it is called.

// keyField builds an optional key field: the finding is at the field it
// returns.
func keyField(name string) ent.Field {
	return field.String(name).Optional() // want `IDEM101: idempotency key Ledger.idempotency_key is nullable, but NULLs are distinct in PostgreSQL unique index ledger_account_idempotency_key \(account, idempotency_key\)`
}

func scopedKeyIndex(scope string) ent.Index { return index.Fields(scope, fieldKey).Unique() }

// auditFields is shared by the schemas that record who wrote a row.
var auditFields = []ent.Field{field.String("created_by")}

// Ledger's key field and index come from the helpers above.
type Ledger struct{ ent.Schema }

func (Ledger) Fields() []ent.Field {
	return append(auditFields, field.String("account"), keyField(fieldKey))
}

func (Ledger) Indexes() []ent.Index { return []ent.Index{scopedKeyIndex("account")} }

// KeyMixin holds a required key: the schema that mixes it in through
// newKeyMixin has nothing to report.
type KeyMixin struct{ mixin.Schema }

func (KeyMixin) Fields() []ent.Field {
	return []ent.Field{field.String("batch"), field.String(fieldKey)}
}
func (KeyMixin) Indexes() []ent.Index { return []ent.Index{index.Fields("batch", fieldKey).Unique()} }

func newKeyMixin() ent.Mixin { return KeyMixin{} }

type Batch struct{ ent.Schema }

func (Batch) Mixin() []ent.Mixin { return []ent.Mixin{newKeyMixin()} }

// refOpts configures refField: what the helper builds from it is not
// read.
type refOpts struct{ name string }

func refField(o refOpts) ent.Field { return field.String(o.name).Optional() }

// Hold's ref field comes from a helper that takes an option struct.
type Hold struct{ ent.Schema }

func (Hold) Fields() []ent.Field {
	return []ent.Field{
		field.String("account"),
		refField(refOpts{name: "hold_ref"}), // want `IDEM001: field refField\(refOpts{name: "hold_ref"}\) is not a field.… builder chain: it is not checked`
	}
}
