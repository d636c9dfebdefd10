package schema

import (
	"strings"
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

// A native type and a field name found in Span's file are kept as offsets
// (no side record), read back as the file's bytes, and become strings
// before the offsets they hang on move.
func TestColumnTextAt(t *testing.T) {
	src := "model M {\n  key String @map(\"idem_key\") @db.VarChar(64)\n}\n"
	f := NewFile("schema.prisma", []byte(src))
	at := func(s string) int32 { return int32(strings.Index(src, s)) }
	c := &Column{Name: "idem_key", Type: "String", Span: f.Span(int(at("key")), int(at("(64)")+4))}
	c.SetNameTypeAt(at("key"), at("key")+3, at("String"), at("String")+6)
	c.SetFieldNameAt(at("key"), at("key")+3)
	c.SetNativeTypeAt(at("VarChar"), at("(64)")+4)
	if c.FieldName() != "key" || c.NativeType() != "VarChar(64)" || c.rare != nil {
		t.Errorf("FieldName %q, NativeType %q, rare %v", c.FieldName(), c.NativeType(), c.rare)
	}
	if c.MaxLength() != 64 {
		t.Errorf("MaxLength = %d", c.MaxLength())
	}
	// Not at NameSpan, or equal to Name: as SetFieldName.
	d := *c
	d.SetFieldNameAt(at("String"), at("String")+6)
	if d.FieldName() != "String" || d.rare == nil || c.FieldName() != "key" {
		t.Errorf("field name elsewhere: %q (original %q), rare %v", d.FieldName(), c.FieldName(), d.rare)
	}
	d.Name = "key"
	d.SetFieldNameAt(at("key"), at("key")+3)
	if d.FieldName() != "key" || !d.fieldIsName {
		t.Errorf("field name equal to Name: %q, fieldIsName %v", d.FieldName(), d.fieldIsName)
	}
	// The type moves to another file: both stay what they were.
	other := NewFile("1.sql", []byte("CREATE TABLE m (idem_key text);"))
	e := *c
	e.SetTypeSpan(other.Span(25, 29))
	if e.FieldName() != "key" || e.NativeType() != "VarChar(64)" || e.TypeSpan().Text() != "text" {
		t.Errorf("after SetTypeSpan: FieldName %q, NativeType %q, TypeSpan %q", e.FieldName(), e.NativeType(), e.TypeSpan().Text())
	}
	if c.FieldName() != "key" || c.NativeType() != "VarChar(64)" || c.rare != nil {
		t.Errorf("original changed by its copy: %q %q", c.FieldName(), c.NativeType())
	}
	// SetNativeType and SetFieldName replace them.
	c.SetNativeType("Text")
	c.SetFieldName("idem_key")
	if c.NativeType() != "Text" || c.FieldName() != "idem_key" || !c.fieldIsName {
		t.Errorf("replaced: %q %q", c.NativeType(), c.FieldName())
	}
	// Too far from the type for the offsets: a string.
	long := "model M {\n  key String" + strings.Repeat(" ", 70000) + "@db.Text\n}\n"
	g := NewFile("long.prisma", []byte(long))
	h := &Column{Name: "key", Span: g.Span(12, len(long)-3)}
	h.SetNameTypeAt(12, 15, 16, 22)
	h.SetNativeTypeAt(int32(strings.Index(long, "Text")), int32(strings.Index(long, "Text")+4))
	if h.NativeType() != "Text" || h.rare == nil {
		t.Errorf("far native type: %q, rare %v", h.NativeType(), h.rare)
	}
}
