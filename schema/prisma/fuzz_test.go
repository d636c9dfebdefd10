package prisma

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// checkSpans asserts that every span and error of m lies inside src.
func checkSpans(t *testing.T, src []byte, m *schema.Model) {
	t.Helper()
	check := func(what string, s schema.Span) {
		t.Helper()
		if s.File == nil {
			t.Errorf("%s: span has no file", what)
			return
		}
		if s.Start < 0 || s.End > len(src) || s.Start > s.End {
			t.Errorf("%s: span [%d,%d) outside [0,%d]", what, s.Start, s.End, len(src))
		}
	}
	if m.DialectSpan.IsValid() {
		check("dialect", m.DialectSpan)
	}
	for _, f := range m.Files {
		for _, c := range f.Comments {
			check("comment", c.Span)
		}
	}
	for _, tb := range m.Tables {
		check("table "+tb.Name, tb.Span)
		check("table name "+tb.Name, tb.NameSpan)
		for _, c := range tb.Columns {
			check("column "+c.Name, c.Span)
			check("column name "+c.Name, c.NameSpan())
			check("column type "+c.Name, c.TypeSpan())
			if c.Default != nil {
				check("default of "+c.Name, c.Default.Span)
			}
		}
		for _, u := range tb.Uniques {
			check("unique", u.Span)
		}
	}
	for _, e := range m.Errors {
		if e.Pos.Offset < 0 || e.Pos.Offset > len(src) || e.Pos.Line < 1 || e.Pos.Column < 1 {
			t.Errorf("error %v: offset %d outside [0,%d]", e, e.Pos.Offset, len(src))
		}
	}
}

// FuzzParse keeps its seeds in testdata/fuzz/FuzzParse; the example
// schemas of the repository are added to them.
func FuzzParse(f *testing.F) {
	_ = filepath.WalkDir("../../testdata/prisma", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".prisma" {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		m := Parse("fuzz.prisma", src)
		checkSpans(t, src, m)
		checkSkipSame(t, src, m)
		fixed := false
		for _, tb := range m.Tables {
			for _, c := range tb.Columns {
				edits, err := (Syntax{}).RequireColumn(c, `x"\`)
				if err != nil {
					t.Errorf("RequireColumn(%s): %v", c.Name, err)
					continue
				}
				// A fix must keep a valid schema valid.
				if fixed || len(m.Errors) > 0 || !c.Nullable || c.Default != nil {
					continue
				}
				fixed = true
				out := apply(t, src, edits)
				m2 := Parse("fuzz.prisma", []byte(out))
				for _, e := range m2.Errors {
					t.Errorf("after fixing %s: %v\n%s", c.Name, e, out)
				}
				if t2 := m2.Table(tb.Name); t2 != nil {
					if c2 := t2.Column(c.Name); c2 == nil || c2.Nullable || c2.Default == nil || c2.Default.Expr != `dbgenerated("x\"\\")` {
						t.Errorf("after fixing %s: column %+v\n%s", c.Name, c2, out)
					}
				}
			}
		}
	})
}

// checkSkipSame reads src again with every argument list read token by
// token (skipSimpleArgs off) and reports any difference from m: passing
// over simple lists by their bytes must change nothing but the time.
func checkSkipSame(t *testing.T, src []byte, m *schema.Model) {
	t.Helper()
	skipSimpleArgs = false
	slow := Parse("fuzz.prisma", src)
	skipSimpleArgs = true
	if d := cmp.Diff(dumpValue(reflect.ValueOf(slow)), dumpValue(reflect.ValueOf(m))); d != "" {
		t.Errorf("argument lists passed over by their bytes change the model (-token by token +bytes):\n%s\n%s", d, src)
	}
}

func TestSkipArgsSame(t *testing.T) {
	attrs := []string{
		`@relation(fields: [a], references: [id], onDelete: Cascade)`,
		`@relation("ab", fields:[a],references:[id])`,
		`@relation(fields: [a] references: [id])`,
		`@relation(fields: [a],)`,
		`@relation(,)`,
		`@relation()`,
		`@relation( )`,
		`@relation(fields: [a`,
		`@relation(fields: [a.b], references: [c])`,
		`@relation(fields: [a .b])`,
		`@relation(fields: [a.])`,
		`@relation(fields: [a.1])`,
		`@relation(name : "x")`,
		`@relation(name: )`,
		`@relation(a b)`,
		`@relation(x: y: z)`,
		`@relation(a.b: c)`,
		`@relation("x\"y")`,
		`@relation("naïve")`,
		"@relation(\"a\tb\")",
		`@relation("unterminated)`,
		`@relation(fields: [a], // c
  references: [id])`,
		`@relation(fields: [a], /* c */ references: [id])`,
		`@relation(fields: [a],
  references: [id])`,
		"@relation(fields: [a],\r references: [id])",
		`@relation(fields: {a: b})`,
		`@db.VarChar(255)`,
		`@db.VarChar(255 )`,
		`@db.Decimal(10,2)`,
		`@db.VarChar(1.5)`,
		`@db.VarChar(1e3)`,
		`@db.VarChar(-1)`,
		`@db.VarChar(12abc)`,
		`@db.VarChar(0x10)`,
		`@db.X(a(b(c(d(e(f(g(h(i(j))))))))))`,
		`@db.X([[[[[[[[[[a]]]]]]]]]])`,
		`@db.X(a (b))`,
		`@db.X(a-b, c_d-1)`,
		`@db.X(a) @unique`,
		`@db.X(a)@unique`,
		`@db.X(a)x`,
		`@db.X(a)"s"`,
		`@db.X(a)) @unique`,
	}
	var srcs []string
	for _, a := range attrs {
		srcs = append(srcs,
			"model M {\n  id Int @id\n  a Int "+a+"\n  b String\n}\nmodel N {\n  id Int @id\n}\n",
			"model M {\n  id Int @id\n  a Int\n  @@index([a(sort: Desc)], "+strings.TrimPrefix(a, "@relation(")+"\n}\n",
			"model M {\n  id Int @id\n  a Int\n  @"+a+"\n}\n",
		)
	}
	for _, src := range srcs {
		checkSkipSame(t, []byte(src), Parse("fuzz.prisma", []byte(src)))
	}
	// The lists most schemas have are passed over by their bytes; the
	// others are left to the parser.
	for src, simple := range map[string]bool{
		`(fields: [a], references: [id], onDelete: Cascade)`: true,
		`("ab", fields:[a, b.c], references:[id],)`:          true,
		`([a(sort: Desc), b], type: Gin, map: "m")`:          true,
		`(255)`:                          true,
		`(fields: [a] references: [id])`: false,
		`(1.5)`:                          false,
		`("x\"y")`:                       false,
		`(a, // c`:                       false,
	} {
		if _, ok := skipList(src, 0, ')', 1); ok != simple {
			t.Errorf("skipList(%s) = %v, want %v", src, ok, simple)
		}
	}
}

func TestSkipArgsSameCorpus(t *testing.T) {
	_, src := corpusFile(t, "trigger.dev/schema.prisma")
	checkSkipSame(t, src, Parse("fuzz.prisma", src))
	_, srcs, _ := dubFiles(t)
	for _, src := range srcs {
		checkSkipSame(t, src, Parse("fuzz.prisma", src))
	}
}
