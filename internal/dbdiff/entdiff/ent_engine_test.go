package entdiff

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"github.com/idemlint/idemlint/internal/dbdiff"
	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
	"github.com/idemlint/idemlint/schema/load"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// libMod is the analyzer's module of real libraries, whose go.mod and
// go.sum the temporary module copies.
var libMod = filepath.Join("..", "..", "..", "analyzer", "testdata", "mod")

// generated are the ent schema packages of testdata: each is a project
// folder whose ent/schema ent's generator turns into ent/, as
// `go generate ./ent` would.
var generated = []string{"entcreate"}

// checkedIn are the ent projects of the library module whose generated
// code is checked in (and kept current by the analyzer's
// TestEntCodegenCurrent): they are created as they are.
var checkedIn = []string{"entorders", "entconflict", "entapi", "entremit"}

// createProgram calls each project's generated migrate.Schema.Create on
// the database its argument names (project=DSN), through pgx's
// database/sql driver.
var createProgram = template.Must(template.New("").Parse(`// Command entcreate runs ent's migration of each project on PostgreSQL.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib"
{{range $i, $p := .}}
	m{{$i}} "example.com/libs/{{$p}}/ent/migrate"{{end}}
)

var create = map[string]func(context.Context, dialect.Driver) error{ {{range $i, $p := .}}
	"{{$p}}": func(ctx context.Context, d dialect.Driver) error { return m{{$i}}.NewSchema(d).Create(ctx) },{{end}}
}

func main() {
	for _, arg := range os.Args[1:] {
		name, dsn, _ := strings.Cut(arg, "=")
		db, err := sql.Open("pgx", dsn)
		if err == nil {
			err = create[name](context.Background(), entsql.OpenDB(dialect.Postgres, db))
			db.Close()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: Schema.Create: %v\n", name, err)
			os.Exit(1)
		}
	}
}
`))

// TestSchemaCreatePostgres: for each ent project, the tables ent's own
// migration (the generated migrate package's Schema.Create) creates on
// PostgreSQL are those idemlint reads from the project's ent/schema
// package, as idemlint ./... reads a module (load.GoModelFiles,
// load.ReadGoModels), and those it reads from the generated
// migrate/schema.go: columns, their nullability and whether they have a
// database default, primary keys and unique indexes with their partial
// predicates.
func TestSchemaCreatePostgres(t *testing.T) {
	pg := pgtest.Shared(t) // skips here, before any code generation, when PostgreSQL is not installed
	mod := tempModule(t)
	goCmd := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	for _, p := range generated {
		goCmd("run", "./internal/entgen", "./"+p+"/ent/schema", "./"+p+"/ent", "example.com/libs/"+p+"/ent")
	}
	all := append(append([]string(nil), generated...), checkedIn...)
	var prog bytes.Buffer
	if err := createProgram.Execute(&prog, all); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "internal", "entcreate", "main.go"), prog.Bytes())
	bin := filepath.Join(t.TempDir(), "entcreate")
	goCmd("build", "-o", bin, "./internal/entcreate")

	for _, p := range all {
		t.Run(p, func(t *testing.T) {
			db := pgtest.NewDB(t)
			if out, err := exec.Command(bin, p+"="+db.DSN()).CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			got, err := dbdiff.ReadPostgres(db, pg.Version)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(mod, p)
			models := load.ReadGoModels(load.GoModelFiles(dir), load.Options{Dialect: schema.PostgreSQL}, nil)
			var read *schema.Model
			for _, m := range models {
				for _, e := range m.Errors {
					t.Errorf("read error: %v", e)
				}
				if len(m.Tables) > 0 {
					if read != nil {
						t.Fatalf("more than one model read from %s", p)
					}
					read = m
				}
			}
			if read == nil {
				t.Fatalf("no ent schema read from %s", p)
			}
			if d := dbdiff.Diff(got, dbdiff.FromModel(read)); d != "" {
				t.Errorf("ent's Schema.Create on PostgreSQL (-) and idemlint's reading of %s/ent/schema (+) disagree:\n%s", p, d)
			}
			genPath := filepath.Join(dir, "ent", "migrate", "schema.go")
			src, err := os.ReadFile(genPath)
			if err != nil {
				t.Fatal(err)
			}
			gen := gomodel.ReadEntMigrate(schema.NewFile(genPath, src), schema.PostgreSQL)
			if d := dbdiff.Diff(got, dbdiff.FromModel(gen)); d != "" {
				t.Errorf("ent's Schema.Create on PostgreSQL (-) and idemlint's reading of %s/ent/migrate/schema.go (+) disagree:\n%s", p, d)
			}
		})
	}
}

// tempModule makes the module the test generates, builds and runs ent
// code in: the library module's go.mod and go.sum (its dependencies
// downloaded first, the one step that needs the module proxy), its
// internal/entgen, the projects of testdata and the library module's
// ent projects.
func tempModule(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = libMod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod download in %s (the module proxy must be reachable):\n%s", libMod, out)
	}
	mod := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", filepath.Join("internal", "entgen", "main.go")} {
		copyTree(t, filepath.Join(libMod, f), filepath.Join(mod, f))
	}
	for _, p := range generated {
		copyTree(t, filepath.Join("testdata", p), filepath.Join(mod, p))
	}
	for _, p := range checkedIn {
		copyTree(t, filepath.Join(libMod, p), filepath.Join(mod, p))
	}
	return mod
}

// copyTree copies the file or folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
