package schema

import (
	"fmt"
	"strings"
	"testing"
)

// parseTestSchema reads a tiny pseudo-schema, one element per line, into a
// Model whose spans point at real offsets of src, so that positions,
// idemlint:key annotations and idemlint:ignore comments work as they do
// with a real reader:
//
//	table NAME [model MODELNAME]
//	col NAME TYPE [null] [native T] [field F] [default EXPR] [clientdefault EXPR]
//	unique|index|pk [NAME] (PART, PART…) [nnd] [where PREDICATE…]
//
// A part that is a plain identifier is a column; anything else is an
// expression whose Refs are the table's columns it mentions. "--" starts a
// comment to the end of the line and /* … */ a block comment on one line;
// both become File.Comments with their markers stripped.
func parseTestSchema(t testing.TB, d Dialect, src string) *Model {
	t.Helper()
	f := NewFile("test.schema", []byte(src))
	m := &Model{Dialect: d, Files: []*File{f}}
	var tbl *Table
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		code := testStripComments(f, off, line)
		if s := strings.TrimSpace(code); s != "" {
			start := off + strings.Index(code, s)
			span := f.Span(start, start+len(s))
			fields := strings.Fields(s)
			switch fields[0] {
			case "table":
				tbl = &Table{Name: fields[1], Span: span, NameSpan: f.Span(start+6, start+6+len(fields[1]))}
				if len(fields) >= 4 && fields[2] == "model" {
					tbl.ModelName = fields[3]
				}
				m.Tables = append(m.Tables, tbl)
			case "col":
				tbl.Columns = append(tbl.Columns, testColumn(t, f, span, fields))
			case "unique", "index", "pk":
				tbl.Uniques = append(tbl.Uniques, testUnique(t, tbl, span, s))
			default:
				t.Fatalf("test schema: cannot read line %q", line)
			}
			if tbl != nil {
				tbl.Span.End = span.End
			}
		}
		off = end + 1
	}
	return m
}

// testStripComments records the comments of line (at offset off of f) and
// returns the line with them blanked out.
func testStripComments(f *File, off int, line string) string {
	b := []byte(line)
	for i := 0; i < len(b); i++ {
		switch {
		case strings.HasPrefix(string(b[i:]), "--"):
			f.Comments = append(f.Comments, Comment{Span: f.Span(off+i, off+len(b)), Text: string(b[i+2:])})
			for j := i; j < len(b); j++ {
				b[j] = ' '
			}
			return string(b)
		case strings.HasPrefix(string(b[i:]), "/*"):
			j := strings.Index(string(b[i:]), "*/")
			if j < 0 {
				j = len(b) - i - 2
			}
			f.Comments = append(f.Comments, Comment{Span: f.Span(off+i, off+i+j+2), Text: string(b[i+2 : i+j])})
			for k := i; k < i+j+2 && k < len(b); k++ {
				b[k] = ' '
			}
		}
	}
	return string(b)
}

func testColumn(t testing.TB, f *File, span Span, fields []string) *Column {
	t.Helper()
	name := fields[1]
	nameStart := span.Start + strings.Index(span.Text(), " "+name) + 1
	typStart := nameStart + len(name) + 1
	c := &Column{
		Name: name,
		Type: fields[2],
	}
	c.SetSpans(span, f.Span(nameStart, nameStart+len(name)), f.Span(typStart, typStart+len(fields[2])))
	for i := 3; i < len(fields); i++ {
		switch fields[i] {
		case "null":
			c.Nullable = true
		case "native":
			i++
			c.SetNativeType(fields[i])
		case "field":
			i++
			c.SetFieldName(fields[i])
		case "default", "clientdefault":
			c.Default = &Default{Expr: fields[i+1], InDatabase: fields[i] == "default", Span: span}
			i++
		default:
			t.Fatalf("test schema: column %s: unknown word %q", name, fields[i])
		}
	}
	return c
}

func testUnique(t testing.TB, tbl *Table, span Span, s string) *Unique {
	t.Helper()
	u := &Unique{Span: span}
	kind, rest, _ := strings.Cut(s, " ")
	switch kind {
	case "index":
		u.Kind = UniqueIndex
	case "pk":
		u.Kind = PrimaryKey
	}
	open := strings.IndexByte(rest, '(')
	if open < 0 {
		t.Fatalf("test schema: no parts in %q", s)
	}
	u.Name = strings.TrimSpace(rest[:open])
	depth, partStart, closeAt := 0, open+1, -1
	var parts []string
	for i := open; i < len(rest) && closeAt < 0; i++ {
		switch rest[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				parts = append(parts, rest[partStart:i])
				closeAt = i
			}
		case ',':
			if depth == 1 {
				parts = append(parts, rest[partStart:i])
				partStart = i + 1
			}
		}
	}
	if closeAt < 0 {
		t.Fatalf("test schema: unbalanced parts in %q", s)
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if tbl.Column(p) != nil {
			u.Parts = append(u.Parts, IndexPart{Column: p})
			continue
		}
		part := IndexPart{Expr: p}
		for _, tok := range predicateTokens(DialectUnknown, tbl, p) {
			if tok.col != "" {
				part.Refs = append(part.Refs, tok.col)
			}
		}
		u.Parts = append(u.Parts, part)
	}
	tail := strings.TrimSpace(rest[closeAt+1:])
	if after, ok := strings.CutPrefix(tail, "nnd"); ok {
		u.NullsNotDistinct = true
		tail = strings.TrimSpace(after)
	}
	if after, ok := strings.CutPrefix(tail, "where "); ok {
		u.Where = strings.TrimSpace(after)
	} else if tail != "" {
		t.Fatalf("test schema: cannot read %q after the parts of %q", tail, s)
	}
	return u
}

// fakeSyntax records what checks ask of a Syntax and answers with one edit
// that appends " NOT NULL" (and the default) after the column's type.
type fakeSyntax struct {
	calls []fakeCall
	err   error
}

type fakeCall struct {
	Column    string
	DBDefault string
}

func (s *fakeSyntax) RequireColumn(c *Column, dbDefault string) ([]Edit, error) {
	s.calls = append(s.calls, fakeCall{c.Name, dbDefault})
	if s.err != nil {
		return nil, s.err
	}
	text := " NOT NULL"
	if dbDefault != "" {
		text += " DEFAULT " + dbDefault
	}
	return []Edit{{File: c.TypeSpan().File, Start: c.TypeSpan().End, End: c.TypeSpan().End, New: text}}, nil
}

// summary is what the tests compare of a Finding.
type summary struct {
	Code    string
	Line    int
	Column  string
	Related int
	Fixes   int
}

func (s summary) String() string {
	return fmt.Sprintf("%s line %d %s related=%d fixes=%d", s.Code, s.Line, s.Column, s.Related, s.Fixes)
}

func summarize(fs []Finding) []summary {
	var out []summary
	for _, f := range fs {
		s := summary{Code: f.Code, Line: f.Span.Position().Line, Related: len(f.Related), Fixes: len(f.Fixes)}
		if f.Column != nil {
			s.Column = f.Column.Name
		}
		out = append(out, s)
	}
	return out
}

// TestParseTestSchema keeps the helper honest: spans must cover what they
// claim to, or every position-based test below would prove nothing.
func TestParseTestSchema(t *testing.T) {
	src := "table payments model Payment\n" +
		"  col id bigint\n" +
		"  col idempotency_key varchar(64) null -- idemlint:key\n" +
		"  /* note */ col tenant_id bigint null native BigInt field tenantId\n" +
		"  index pay_uq (tenant_id, coalesce(idempotency_key, '')) nnd where tenant_id > 0\n"
	m := parseTestSchema(t, PostgreSQL, src)
	tbl := m.Table("payments")
	if tbl == nil || tbl.ModelName != "Payment" || len(tbl.Columns) != 3 || len(tbl.Uniques) != 1 {
		t.Fatalf("bad table: %+v", tbl)
	}
	key := tbl.Column("idempotency_key")
	if got := key.NameSpan().Text(); got != "idempotency_key" {
		t.Errorf("NameSpan = %q", got)
	}
	if got := key.TypeSpan().Text(); got != "varchar(64)" {
		t.Errorf("TypeSpan = %q", got)
	}
	if got := key.Span.Position().Line; got != 3 || !key.Nullable {
		t.Errorf("key line %d nullable %v", got, key.Nullable)
	}
	tenant := tbl.Column("tenant_id")
	if tenant.Span.Text() != "col tenant_id bigint null native BigInt field tenantId" || tenant.FieldName() != "tenantId" || tenant.NativeType() != "BigInt" {
		t.Errorf("tenant: %+v, span %q", tenant, tenant.Span.Text())
	}
	u := tbl.Uniques[0]
	if u.Kind != UniqueIndex || u.Name != "pay_uq" || !u.NullsNotDistinct || u.Where != "tenant_id > 0" || len(u.Parts) != 2 ||
		u.Parts[0].Column != "tenant_id" || u.Parts[1].Expr != "coalesce(idempotency_key, '')" || len(u.Parts[1].Refs) != 1 {
		t.Errorf("unique: %+v", u)
	}
	if len(m.Files[0].Comments) != 2 || m.Files[0].Comments[0].Text != " idemlint:key" || m.Files[0].Comments[1].Span.Text() != "/* note */" {
		t.Errorf("comments: %+v", m.Files[0].Comments)
	}
}

// fieldColumn sets c's field name (a Prisma or Go field) and returns c.
func fieldColumn(c *Column, field string) *Column {
	c.SetFieldName(field)
	return c
}
