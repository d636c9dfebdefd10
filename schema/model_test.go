package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestModelLookups(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table a
  col id bigint
  col k text null
  pk (id)
  index a_idx (lower(k), id) where k IS NOT NULL
table b
  col id bigint
`)
	if m.Table("a") != m.Tables[0] || m.Table("b") != m.Tables[1] || m.Table("A") != nil || m.Table("c") != nil {
		t.Error("Model.Table looks up the wrong table")
	}
	a := m.Tables[0]
	if a.Column("k") != a.Columns[1] || a.Column("K") != nil || a.Column("x") != nil {
		t.Error("Table.Column looks up the wrong column")
	}
	u := a.Uniques[1]
	if diff := cmp.Diff([]string{"id"}, u.Columns()); diff != "" {
		t.Errorf("Columns (-want +got):\n%s", diff)
	}
	if u.HasColumn("k") || !u.HasColumn("id") {
		t.Error("HasColumn counts an expression's column as a plain part")
	}
	if !u.Mentions("k") || !u.Mentions("id") || u.Mentions("x") {
		t.Error("Mentions misses an expression's column")
	}
	if got := describeUnique(u); got != "unique index a_idx (lower(k), id)" {
		t.Errorf("describeUnique = %q", got)
	}
	if got := describeUnique(a.Uniques[0]); got != "primary key (id)" {
		t.Errorf("describeUnique = %q", got)
	}
	for k, want := range map[UniqueKind]string{UniqueConstraint: "unique constraint", UniqueIndex: "unique index", PrimaryKey: "primary key"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q, want %q", k, k.String(), want)
		}
	}
}

func TestColName(t *testing.T) {
	if got := colName(&Table{Name: "payments"}, &Column{Name: "idempotency_key"}); got != "payments.idempotency_key" {
		t.Errorf("colName = %q", got)
	}
	if got := colName(&Table{Name: "payments", ModelName: "Payment"}, &Column{Name: "idempotency_key", FieldName: "idempotencyKey"}); got != "Payment.idempotencyKey" {
		t.Errorf("colName = %q", got)
	}
}
