package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIDEM104(t *testing.T) {
	build := func() (*Model, *File) {
		m := parseTestSchema(t, PostgreSQL, `table payments model Payment
  col idempotency_key text field idempotencyKey
  col note text null
  unique (idempotency_key)
`)
		prisma := NewFile("schema.prisma", []byte("model Payment {\n  idempotencyKey String? @unique\n  note String?\n  // idemlint:ignore IDEM104 being migrated\n  legacyKey String?\n}\n"))
		c := strings.Index(string(prisma.Src), "// idemlint")
		prisma.Comments = []Comment{{Span: prisma.Span(c, c+len("// idemlint:ignore IDEM104 being migrated")), Text: " idemlint:ignore IDEM104 being migrated"}}
		m.Files = append(m.Files, prisma)
		return m, prisma
	}
	m, prisma := build()
	tbl := m.Tables[0]
	key, note := tbl.Column("idempotency_key"), tbl.Column("note")
	truth := m.Files[0].Span(key.Span.Start, key.Span.End)
	at := func(sub string) Span {
		i := strings.Index(string(prisma.Src), sub)
		return prisma.Span(i, i+len(sub))
	}
	m.Drift = []Drift{
		{Table: tbl, Column: key, Span: at("idempotencyKey String? @unique"), Truth: truth,
			Message: "Payment.idempotencyKey is optional in schema.prisma but NOT NULL in the migrations"},
		{Table: tbl, Column: note, Span: at("note String?"), Message: "Payment.note is not a key"},
		{Table: tbl, Span: at("idempotencyKey String? @unique"), Columns: []string{"idempotency_key"}, Message: "the migrations have no unique rule over idempotency_key"},
		{Table: tbl, Span: at("note String?"), Columns: []string{"note"}, Message: "the migrations have no unique rule over note"},
		{Table: tbl, Column: key, Span: at("legacyKey String?"), Message: "suppressed on the line above"},
	}
	got := Check(m, Options{})
	type drift struct {
		Pos, Msg string
		Related  int
	}
	var ds []drift
	for _, f := range got {
		if f.Code == "IDEM104" {
			ds = append(ds, drift{f.Span.String(), f.Message, len(f.Related)})
		}
	}
	want := []drift{
		{"schema.prisma:2:3", "Payment.idempotencyKey is optional in schema.prisma but NOT NULL in the migrations; idemlint checks what the migrations built", 1},
		{"schema.prisma:2:3", "the migrations have no unique rule over idempotency_key; idemlint checks what the migrations built", 0},
	}
	if diff := cmp.Diff(want, ds); diff != "" {
		t.Errorf("IDEM104 (-want +got):\n%s\n%s", diff, messages(got))
	}
	if len(got) != 2 {
		t.Errorf("other findings:\n%s", messages(got))
	}
}
