package gomodel

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// FuzzRead feeds arbitrary Go source to the model reader, alone and beside
// the bundled GORM, ent and bun models (a mixin or TableName method may
// live in another file). Properties: no panic; every span a model holds
// lies inside its file; a file the Go parser rejects is an error with a
// position, never a silent clean; the checks run over whatever was read.
func FuzzRead(f *testing.F) {
	var bundled []*schema.File
	for _, dir := range []string{"testdata/gorm", "testdata/ent", "testdata/bun"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		more, _ := filepath.Glob(filepath.Join(dir, "*", "*.go"))
		for _, p := range append(paths, more...) {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
			bundled = append(bundled, schema.NewFile(p, src))
		}
	}
	f.Add([]byte("package m\n\ntype T struct {\n\tKey *string `gorm:\"uniqueIndex:k;priority:x\"`\n\tA   string  `bun:\"unique:k,notnull\"`\n}\n"))
	f.Add([]byte("package m\nfunc (T) Fields() []ent.Field { return []ent.Field{field.String(\"k\").Optional().Unique()} }\n"))
	f.Add([]byte("package m\ntype T struct { Key string `gorm:\"\xff\"` }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzed := schema.NewFile("fuzz/fuzzed.go", src)
		for _, files := range [][]*schema.File{{fuzzed}, append([]*schema.File{fuzzed}, bundled...)} {
			models := Read(files, Options{Dialect: schema.PostgreSQL})
			for _, m := range models {
				checkSpans(t, m)
				schema.Check(m, schema.Options{})
			}
			if _, err := parser.ParseFile(token.NewFileSet(), "f.go", src, parser.SkipObjectResolution); err != nil && !reportsFile(models, fuzzed) {
				t.Fatalf("the Go parser rejects the file (%v), but no model reports an error in it", err)
			}
		}
	})
}

// checkSpans fails when a span of m points outside its file.
func checkSpans(t *testing.T, m *schema.Model) {
	t.Helper()
	in := func(what string, s schema.Span) {
		if s.File == nil {
			return
		}
		if s.Start < 0 || s.End < s.Start || s.End > len(s.File.Src) {
			t.Fatalf("%s span [%d,%d) outside %s (%d bytes)", what, s.Start, s.End, s.File.Path, len(s.File.Src))
		}
	}
	for _, tb := range m.Tables {
		in("table "+tb.Name, tb.Span)
		in("table name "+tb.Name, tb.NameSpan)
		for _, c := range tb.Columns {
			in("column "+c.Name, c.Span)
			in("column name "+c.Name, c.NameSpan())
			in("column type "+c.Name, c.TypeSpan())
		}
		for _, u := range tb.Uniques {
			in("unique "+u.Name, u.Span)
		}
	}
	for _, e := range m.Errors {
		if e.Pos.Offset < 0 {
			t.Fatalf("error %q at negative offset", e.Msg)
		}
	}
}

// reportsFile reports whether a model holds an error positioned in f.
func reportsFile(models []*schema.Model, f *schema.File) bool {
	for _, m := range models {
		for _, e := range m.Errors {
			if e.Pos.Path == f.Path {
				return true
			}
		}
	}
	return false
}
