package prisma

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Each broken input is followed by a good model Good; the reader must
// report the error where it is and still read Good.
func TestErrorRecovery(t *testing.T) {
	const good = "model Good {\n  id  Int     @id\n  key String? @unique\n}\n"
	tests := []struct {
		name   string
		src    string
		errors []string
		tables []string // besides Good
	}{
		{
			name:   "missing closing brace",
			src:    "model User {\n  id Int @id\n\n",
			errors: []string{`schema.prisma:4:1: expected "}" to close model "User" before the next block`},
			tables: []string{"User"},
		},
		{
			name:   "garbage token in a model",
			src:    "model User {\n  id Int @id\n  %%% junk\n  key String?\n}\n",
			errors: []string{`schema.prisma:3:3: unexpected character '%'`},
			tables: []string{"User"},
		},
		{
			name:   "field without a type",
			src:    "model User {\n  id\n}\n",
			errors: []string{`schema.prisma:2:5: unexpected end of line after field "id"; expected its type`},
			tables: []string{"User"},
		},
		{
			name:   "unclosed attribute arguments",
			src:    "model User {\n  id Int @default(autoincrement(\n}\n",
			errors: []string{`schema.prisma:3:1: unexpected "}" where a value belongs`},
			tables: []string{"User"},
		},
		{
			name:   "unterminated string",
			src:    "model User {\n  id String @default(\"abc)\n}\n",
			errors: []string{`schema.prisma:2:22: unterminated string`},
			tables: []string{"User"},
		},
		{
			name:   "unknown block type",
			src:    "table User {\n  id Int\n}\n",
			errors: []string{`schema.prisma:1:1: unknown block type "table"; expected datasource, generator, model, view, enum or type`},
		},
		{
			name:   "stray text at top level",
			src:    "}}}\n",
			errors: []string{`schema.prisma:1:1: unexpected "}" at top level; expected a block such as model or enum`},
		},
		{
			name:   "block without a name",
			src:    "model {\n  id Int\n}\n",
			errors: []string{`schema.prisma:1:7: unexpected "{" after model; expected its name`},
		},
		{
			name:   "datasource property without =",
			src:    "datasource db {\n  provider \"postgresql\"\n}\n",
			errors: []string{`schema.prisma:2:12: unexpected string "postgresql" after property "provider"; expected "="`},
		},
		{
			name:   "two fields on a line",
			src:    "model User {\n  id Int @id name String\n}\n",
			errors: []string{`schema.prisma:2:14: unexpected identifier "name" after field "id"`},
			tables: []string{"User"},
		},
		{
			name:   "invalid UTF-8 outside strings",
			src:    "model User {\n  id Int @id \xff\n}\n",
			errors: []string{`schema.prisma:2:14: invalid UTF-8 byte 0xff`},
			tables: []string{"User"},
		},
		{
			name: "invalid UTF-8 in a string and a comment is reported, parsing continues",
			src:  "model User {\n  id String @id @default(\"a\xffb\") // c\xfe\n}\n",
			errors: []string{
				`schema.prisma:2:28: invalid UTF-8 in string`,
				`schema.prisma:2:37: invalid UTF-8 in comment`,
			},
			tables: []string{"User"},
		},
		{
			name:   "nesting too deep",
			src:    "model User {\n  id Int @default(" + repeat("[", 300) + ")\n}\n",
			errors: []string{`schema.prisma:2:218: nesting deeper than 200 levels`},
			tables: []string{"User"},
		},
		{
			name:   "unterminated block comment",
			src:    "/* never closed\n",
			errors: []string{`schema.prisma:5:1: unterminated /* comment`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src + good
			if tt.name == "unterminated block comment" {
				src = good + tt.src
			}
			m := Parse("schema.prisma", []byte(src))
			checkSpans(t, []byte(src), m)
			var errs []string
			for _, e := range m.Errors {
				errs = append(errs, e.Error())
			}
			if diff := cmp.Diff(tt.errors, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			var tables []string
			for _, tb := range m.Tables {
				tables = append(tables, tb.Name)
			}
			want := append(tt.tables, "Good")
			if diff := cmp.Diff(want, tables, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
			g := m.Table("Good")
			if g == nil || g.Column("key") == nil || !g.Column("key").Nullable || len(g.Uniques) != 2 {
				t.Errorf("Good not read whole: %+v", g)
			}
		})
	}
}

func repeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for range n {
		b = append(b, s...)
	}
	return string(b)
}

// A block cut short keeps what was read before the error.
func TestPartialBlockKept(t *testing.T) {
	src := "model A {\n  id  Int     @id\n  key String? @unique\n  ???\n}\n"
	m := Parse("s.prisma", []byte(src))
	if len(m.Errors) != 1 {
		t.Fatalf("errors = %v", m.Errors)
	}
	a := m.Table("A")
	if a == nil || len(a.Columns) != 2 || len(a.Uniques) != 2 {
		t.Fatalf("A = %+v", a)
	}
	if got := a.Span.Text(); got != "model A {\n  id  Int     @id\n  key String? @unique" {
		t.Errorf("span of the broken block = %q", got)
	}
}
