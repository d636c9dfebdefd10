package prisma

import (
	"os"
	"path/filepath"
	"testing"

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
			check("column name "+c.Name, c.NameSpan)
			check("column type "+c.Name, c.TypeSpan)
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
