package gomodel

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/mod/modfile"

	"github.com/idemlint/idemlint/schema"
)

// TestEntAgreesWithGenerated reads real ent projects twice: their
// ent/schema package, as idemlint reads it, and the ent/migrate/schema.go
// ent generated from it, which is what ent's migration creates. The two
// must agree on every table's nullability and unique rules.
//
// The projects are folders holding ent/schema and the migrate/schema.go
// ent generated from it (ent/migrate, or ent/<target>/migrate when the
// code is generated into a subfolder), listed in IDEMLINT_ENT_PROJECTS
// (separated by the OS list separator): for instance checkouts of
// github.com/flexprice/flexprice and github.com/openmeterio/openmeter's
// openmeter folder. Real projects are never copied into the repository,
// so without the variable the test skips; the ent project in
// analyzer/testdata/mod is checked the same way in every run
// (TestEntAgreesWithCodegen).
func TestEntAgreesWithGenerated(t *testing.T) {
	list := os.Getenv("IDEMLINT_ENT_PROJECTS")
	if list == "" {
		t.Skip("IDEMLINT_ENT_PROJECTS is not set: no real ent project to compare with its generated migrate/schema.go")
	}
	for _, root := range filepath.SplitList(list) {
		t.Run(filepath.Base(root), func(t *testing.T) { agreeWithGenerated(t, root) })
	}
}

// TestEntAgreesWithCodegen: the ent project of the analyzer's library
// module (analyzer/testdata/mod/entorders), whose ent/migrate/schema.go
// is ent's own output for its schema (TestEntCodegenCurrent keeps it so),
// read as idemlint reads it, agrees with what ent generated.
func TestEntAgreesWithCodegen(t *testing.T) {
	agreeWithGenerated(t, filepath.Join("..", "..", "analyzer", "testdata", "mod", "entorders"))
}

// agreeWithGenerated compares root/ent/schema, as idemlint reads it, with
// the migrate/schema.go ent generated from it: each table's columns, their
// nullability, whether they have a database default, and its unique rules.
func agreeWithGenerated(t *testing.T, root string) {
	t.Helper()
	gens, _ := filepath.Glob(filepath.Join(root, "ent", "migrate", "schema.go"))
	more, _ := filepath.Glob(filepath.Join(root, "ent", "*", "migrate", "schema.go"))
	gens = append(gens, more...)
	if len(gens) != 1 {
		t.Fatalf("%d ent/…/migrate/schema.go in %s, want 1: %v", len(gens), root, gens)
	}
	gen, err := os.ReadFile(gens[0])
	if err != nil {
		t.Fatal(err)
	}
	oracle := ReadEntMigrate(schema.NewFile("ent/migrate/schema.go", gen), schema.PostgreSQL)
	var models []*schema.Model
	for _, m := range Read(entSchemaFiles(t, root), Options{}) {
		if len(m.Tables) > 0 {
			models = append(models, m)
		}
		for _, e := range m.Errors {
			t.Errorf("read error: %v", e)
		}
	}
	if len(models) != 1 {
		t.Fatalf("%d models from ent/schema, want 1", len(models))
	}
	got, want := summary(models[0]), summary(oracle)
	stripDefaults(got)
	stripDefaults(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ent/schema as read (+) against ent/migrate/schema.go (-):\n%s", diff)
	}
	agree := 0
	for name, lines := range want {
		if cmp.Equal(lines, got[name]) {
			agree++
		}
	}
	t.Logf("%d of %d tables agree", agree, len(want))
}

// entSchemaFiles returns the Go files of root/ent/schema and, as idemlint
// reads the whole module, those of the module's packages it imports that
// mention ent (mixins shared between schema packages).
func entSchemaFiles(t *testing.T, root string) []*schema.File {
	t.Helper()
	modRoot, modPath := root, ""
	for {
		if b, err := os.ReadFile(filepath.Join(modRoot, "go.mod")); err == nil {
			modPath = modfile.ModulePath(b)
			break
		}
		if parent := filepath.Dir(modRoot); parent != modRoot {
			modRoot = parent
			continue
		}
		t.Fatalf("no go.mod above %s", root)
	}
	var files []*schema.File
	seen := map[string]bool{}
	var readPkg func(dir string, all bool)
	readPkg = func(dir string, all bool) {
		if seen[dir] {
			return
		}
		seen[dir] = true
		paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, p := range paths {
			if strings.HasSuffix(p, "_test.go") {
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !all && !Mentions(src) {
				continue
			}
			files = append(files, schema.NewFile(p, src))
			af, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
			if err != nil || !all {
				continue
			}
			for _, im := range af.Imports {
				ip, _ := strconv.Unquote(im.Path.Value)
				if rel, ok := strings.CutPrefix(ip, modPath+"/"); ok {
					readPkg(filepath.Join(modRoot, filepath.FromSlash(rel)), false)
				}
			}
		}
	}
	readPkg(filepath.Join(root, "ent", "schema"), true)
	return files
}

// stripDefaults drops default expressions, which the generated file
// spells evaluated ("published") and the schema as Go (string(types.X)):
// only whether a column has a database default is compared.
func stripDefaults(s map[string][]string) {
	for _, lines := range s {
		for i, l := range lines {
			if j := strings.Index(l, " default "); j >= 0 {
				if strings.HasSuffix(l, " (client)") {
					lines[i] = l[:j]
				} else {
					lines[i] = l[:j] + " default"
				}
			}
		}
	}
}
