package rowwrite

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// libImporter type-checks imports from export data: the real libraries
// of the analyzer's library module (../testdata/mod) and the standard
// library, as go list -export builds them there (downloading the module's
// requirements from the proxy if need be: the libraries are what is
// tested, so a failure fails the test).
type libImporter struct {
	fset *token.FileSet
	types.Importer
}

// exports maps the import paths of the library module's dependencies to
// their export data, once per test binary.
var exports = sync.OnceValues(func() (map[string]string, error) {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{if .Export}}{{.ImportPath}}={{.Export}}{{end}}",
		"context", "database/sql", "github.com/uptrace/bun")
	cmd.Dir = filepath.Join("..", "testdata", "mod")
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			err = fmt.Errorf("go list -export in %s: %v\n%s", cmd.Dir, err, ee.Stderr)
		}
		return nil, err
	}
	m := map[string]string{}
	for line := range strings.Lines(string(out)) {
		if path, file, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			m[path] = file
		}
	}
	return m, nil
})

func newLibImporter(t testing.TB, fset *token.FileSet) *libImporter {
	t.Helper()
	m, err := exports()
	if err != nil {
		t.Fatal(err)
	}
	return &libImporter{fset, importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := m[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q in the library module", path)
		}
		return os.Open(file)
	})}
}

type checked struct {
	pkg   *types.Package
	files []*ast.File
	info  *types.Info
}

func check(t testing.TB, imp *libImporter, src string) checked {
	t.Helper()
	f, err := parser.ParseFile(imp.fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	pkg, err := (&types.Config{Importer: imp}).Check("p", imp.fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return checked{pkg, []*ast.File{f}, info}
}

const bunSrc = `package p

import (
	"context"

	"github.com/uptrace/bun"
)

type Webhook struct {
	bun.BaseModel ` + "`bun:\"table:hooks\"`" + `
	ConnectorID string
	Key         string  ` + "`bun:\"idempotency_key,nullzero\"`" + `
	Ptr         *string
	Skipped     string  ` + "`bun:\"-\"`" + `
}

func f(ctx context.Context, db *bun.DB, c string) {
	db.NewInsert().Model(&Webhook{ConnectorID: c}).ExcludeColumn("ptr").Exec(ctx)
}
`

// TestFindBun checks the INSERT synthesized for a bun chain and what a
// zero value of each column becomes, per dialect.
func TestFindBun(t *testing.T) {
	c := check(t, newLibImporter(t, token.NewFileSet()), bunSrc)
	if !MayInsert(c.pkg, c.files, c.info, nil) {
		t.Fatal("MayInsert = false for a package calling bun's Exec")
	}
	for _, tc := range []struct {
		d    schema.Dialect
		want ZeroWrite
	}{{schema.PostgreSQL, ZeroAsDefault}, {schema.MySQL, ZeroAsDefault}, {schema.SQLite, ZeroAsNull}} {
		sites := Find(c.files, c.info, tc.d, nil)
		if len(sites) != 1 {
			t.Fatalf("%v: %d sites, want 1", tc.d, len(sites))
		}
		s := sites[0]
		var cols []string
		for _, col := range s.Insert.Columns {
			cols = append(cols, col.Name)
		}
		if s.Insert.Table != "hooks" || strings.Join(cols, ",") != "connector_id,idempotency_key" {
			t.Errorf("%v: INSERT INTO %s (%s), want hooks (connector_id,idempotency_key)", tc.d, s.Insert.Table, strings.Join(cols, ","))
		}
		src := s.Named["idempotency_key"]
		if src.Zero == nil || src.ZeroAs != tc.want {
			t.Errorf("%v: key source %+v, want left out with ZeroAs %v", tc.d, src, tc.want)
		}
		if s.Named["connector_id"].Expr == nil || s.Named["connector_id"].ZeroAs != ZeroAsIs {
			t.Errorf("%v: connector_id source %+v, want the literal's value as is", tc.d, s.Named["connector_id"])
		}
	}
}

// TestMayInsertConstants checks the cheap exit against the constants the
// type checker folds: a statement built by concatenation or spelled with
// escapes is an INSERT too, and neither UPDATE nor a mere identifier is.
func TestMayInsertConstants(t *testing.T) {
	for _, tc := range []struct {
		name, decl string
		want       bool
	}{
		{"literal", "const q = `INSERT INTO t (a) VALUES ($1)`", true},
		{"concatenation", "const q = \"INS\" + \"ERT INTO t (a) VALUES ($1)\"", true},
		{"escapes", "const q = \"\\x49nsert into t (a) values ($1)\"", true},
		{"lower case in a var", "var q = \"insert into t (a) values ($1)\"", true},
		{"update", "const q = `UPDATE t SET a = $1`", false},
		{"identifier only", "var insertedRows = 1\nvar q = insertedRows", false},
	} {
		c := check(t, newLibImporter(t, token.NewFileSet()), "package p\n\n"+tc.decl+"\n")
		if got := MayInsert(c.pkg, c.files, c.info, nil); got != tc.want {
			t.Errorf("%s: MayInsert = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// noAPISrc is a package of n functions that send non-INSERT SQL through
// database/sql: the common case the cheap exit must keep cheap.
func noAPISrc(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n)\n")
	for i := range n {
		fmt.Fprintf(&b, "func f%d(ctx context.Context, db *sql.DB, id string) error {\n\t_, err := db.ExecContext(ctx, `UPDATE t SET n = n + 1 WHERE id = $1`, id)\n\treturn err\n}\n", i)
	}
	return b.String()
}

// BenchmarkMayInsert measures the cheap exit on a package that sends no
// INSERT and imports no row API, and on one that imports bun but calls it
// only for updates.
func BenchmarkMayInsert(b *testing.B) {
	imp := newLibImporter(b, token.NewFileSet())
	plain := check(b, imp, noAPISrc(200))
	withBun := check(b, imp, strings.Replace(noAPISrc(200), "\"database/sql\"\n", "\"database/sql\"\n\n\t\"github.com/uptrace/bun\"\n", 1)+"\nvar _ *bun.DB\n")
	for _, bc := range []struct {
		name string
		c    checked
	}{{"noAPI", plain}, {"importsBun", withBun}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if MayInsert(bc.c.pkg, bc.c.files, bc.c.info, nil) {
					b.Fatal("MayInsert = true")
				}
			}
		})
	}
}

// BenchmarkFindBun measures Find on a package with 100 bun insert chains.
func BenchmarkFindBun(b *testing.B) {
	src := bunSrc
	for i := range 100 {
		src += fmt.Sprintf("func g%d(ctx context.Context, db *bun.DB, c string) {\n\tdb.NewInsert().Model(&Webhook{ConnectorID: c}).On(\"CONFLICT DO NOTHING\").Exec(ctx)\n}\n", i)
	}
	c := check(b, newLibImporter(b, token.NewFileSet()), src)
	for b.Loop() {
		if n := len(Find(c.files, c.info, schema.PostgreSQL, nil)); n != 101 {
			b.Fatalf("%d sites", n)
		}
	}
}
