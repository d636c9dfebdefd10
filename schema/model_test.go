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
	if got := colName(&Table{Name: "payments", ModelName: "Payment"}, fieldColumn(&Column{Name: "idempotency_key"}, "idempotencyKey")); got != "Payment.idempotencyKey" {
		t.Errorf("colName = %q", got)
	}
}

// A Column's rare fields are replaced, never written in place, so a copy
// and its original do not change each other; a field name equal to the
// column's name costs no side record.
func TestColumnRareFields(t *testing.T) {
	c := &Column{Name: "id"}
	c.SetFieldName("id")
	if c.FieldName() != "id" || c.rare != nil {
		t.Errorf("field name equal to Name: FieldName %q, rare %v", c.FieldName(), c.rare)
	}
	c.SetNativeType("Uuid")
	cc := *c
	cc.SetFieldName("ident")
	cc.SetNativeType("")
	if c.FieldName() != "id" || c.NativeType() != "Uuid" {
		t.Errorf("original changed by its copy: %q %q", c.FieldName(), c.NativeType())
	}
	if cc.FieldName() != "ident" || cc.NativeType() != "" {
		t.Errorf("copy: %q %q", cc.FieldName(), cc.NativeType())
	}
	cc.SetFieldName("")
	if cc.FieldName() != "" || cc.rare != nil {
		t.Errorf("all rare fields cleared: FieldName %q, rare %v", cc.FieldName(), cc.rare)
	}
	sql := &Column{Name: "key"}
	if sql.FieldName() != "" || sql.NativeType() != "" {
		t.Errorf("SQL column: %q %q", sql.FieldName(), sql.NativeType())
	}
}

func TestColumnSpans(t *testing.T) {
	create := NewFile("1.sql", []byte("CREATE TABLE t (key text);"))
	alter := NewFile("2.sql", []byte("ALTER TABLE t ALTER COLUMN key TYPE varchar(64);"))
	text := func(s Span) string { return s.File.Path + ":" + s.Text() }

	c := &Column{Name: "key"}
	c.SetSpans(create.Span(16, 24), create.Span(16, 19), create.Span(20, 24))
	if got := text(c.NameSpan()) + " " + text(c.TypeSpan()); got != "1.sql:key 1.sql:text" || c.rare != nil {
		t.Errorf("spans in Span's file: %s, rare %v", got, c.rare)
	}
	// A type from a later statement in another file is kept apart.
	cc := *c
	cc.SetTypeSpan(alter.Span(36, 47))
	if got := text(cc.TypeSpan()); got != "2.sql:varchar(64)" {
		t.Errorf("moved TypeSpan = %s", got)
	}
	if got := text(c.TypeSpan()) + " " + text(cc.NameSpan()); got != "1.sql:text 1.sql:key" {
		t.Errorf("original or name changed by the copy's type: %s", got)
	}
	cc.SetTypeSpan(create.Span(20, 24))
	if got := text(cc.TypeSpan()); got != "1.sql:text" || cc.rare != nil {
		t.Errorf("type back in Span's file: %s, rare %v", got, cc.rare)
	}
	cc.SetNameSpan(Span{})
	if cc.NameSpan().IsValid() || !cc.TypeSpan().IsValid() {
		t.Errorf("cleared name: %v %v", cc.NameSpan(), cc.TypeSpan())
	}
	// Set before Span, as the SQL reader does: offsets in the file Span gets.
	sql := &Column{Name: "key"}
	sql.SetNameSpan(create.Span(16, 19))
	sql.SetTypeSpan(create.Span(20, 24))
	sql.Span = create.Span(16, 24)
	if got := text(sql.NameSpan()) + " " + text(sql.TypeSpan()); got != "1.sql:key 1.sql:text" || sql.rare != nil {
		t.Errorf("spans set before Span: %s, rare %v", got, sql.rare)
	}
	// Offsets in Span's file, from a reader of 32-bit offsets.
	p := &Column{Name: "key", Span: create.Span(16, 24)}
	p.SetNameTypeAt(16, 19, 20, 24)
	if got := text(p.NameSpan()) + " " + text(p.TypeSpan()); got != "1.sql:key 1.sql:text" {
		t.Errorf("SetNameTypeAt: %s", got)
	}
}
