package gomodel

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
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
// IDEMLINT_ENT_PROJECTS lists (separated by the OS list separator) the
// projects to compare: a folder holding ent/schema and the
// migrate/schema.go ent generated from it (ent/migrate, or
// ent/<target>/migrate when the code is generated into a subfolder), for
// instance a checkout of github.com/flexprice/flexprice or
// github.com/openmeterio/openmeter's openmeter folder; or a folder
// followed by /... for every migrate/schema.go below it, each compared
// with the schema package it was generated from (entSchemaDir), for
// instance a checkout of github.com/ent/ent/... (its examples and
// integration tests). Real projects are never copied into the
// repository, so without the variable the test skips; the ent project in
// analyzer/testdata/mod is checked the same way in every run
// (TestEntAgreesWithCodegen).
func TestEntAgreesWithGenerated(t *testing.T) {
	list := os.Getenv("IDEMLINT_ENT_PROJECTS")
	if list == "" {
		t.Skip("IDEMLINT_ENT_PROJECTS is not set: no real ent project to compare with its generated migrate/schema.go")
	}
	for _, entry := range filepath.SplitList(list) {
		root, walk := strings.CutSuffix(entry, string(filepath.Separator)+"...")
		if _, err := os.Stat(root); err != nil {
			t.Errorf("%s: %v", entry, err)
			continue
		}
		if !walk {
			t.Run(filepath.Base(root), func(t *testing.T) { agreeWithGenerated(t, root) })
			continue
		}
		var gens []string
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() == "schema.go" && filepath.Base(filepath.Dir(p)) == "migrate" {
				gens = append(gens, p)
			}
			return nil
		})
		if len(gens) == 0 {
			t.Errorf("no migrate/schema.go below %s", root)
		}
		for _, gen := range gens {
			rel, _ := filepath.Rel(root, gen)
			t.Run(filepath.Base(root)+"/"+filepath.ToSlash(filepath.Dir(filepath.Dir(rel))), func(t *testing.T) {
				dir := entSchemaDir(gen)
				if dir == "" {
					t.Skipf("no schema package found beside %s", gen)
				}
				agree(t, gen, dir)
			})
		}
	}
}

// entSchemaDir returns the schema package ent generated gen (…/migrate/
// schema.go) from, as entc's layouts place it: beside the generated
// package (ent/schema beside ent/migrate), beside its folder
// (ent/schema beside ent/generated/migrate), or named after it
// (ent/historyschema beside ent/historygenerated/migrate).
func entSchemaDir(gen string) string {
	target := filepath.Dir(filepath.Dir(gen))
	cands := []string{filepath.Join(target, "schema")}
	if prefix, ok := strings.CutSuffix(filepath.Base(target), "generated"); ok && prefix != "" {
		cands = append(cands, filepath.Join(filepath.Dir(target), prefix+"schema"))
	}
	cands = append(cands, filepath.Join(filepath.Dir(target), "schema"))
	for _, c := range cands {
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
	}
	return ""
}

// TestEntAgreesWithCodegen: the ent project of the analyzer's library
// module (analyzer/testdata/mod/entorders), whose ent/migrate/schema.go
// is ent's own output for its schema (TestEntCodegenCurrent keeps it so),
// read as idemlint reads it, agrees with what ent generated.
func TestEntAgreesWithCodegen(t *testing.T) {
	agreeWithGenerated(t, filepath.Join("..", "..", "analyzer", "testdata", "mod", "entorders"))
}

// agreeWithGenerated compares root/ent/schema, as idemlint reads it, with
// the migrate/schema.go ent generated from it.
func agreeWithGenerated(t *testing.T, root string) {
	t.Helper()
	gens, _ := filepath.Glob(filepath.Join(root, "ent", "migrate", "schema.go"))
	more, _ := filepath.Glob(filepath.Join(root, "ent", "*", "migrate", "schema.go"))
	gens = append(gens, more...)
	if len(gens) != 1 {
		t.Fatalf("%d ent/…/migrate/schema.go in %s, want 1: %v", len(gens), root, gens)
	}
	agree(t, gens[0], filepath.Join(root, "ent", "schema"))
}

// agree compares the schema package in dir, as idemlint reads it, with
// genPath, the migrate/schema.go ent generated from it: each table's
// columns, their nullability, whether they have a database default, and
// its unique rules.
func agree(t *testing.T, genPath, dir string) {
	t.Helper()
	gen, err := os.ReadFile(genPath)
	if err != nil {
		t.Fatal(err)
	}
	oracle := ReadEntMigrate(schema.NewFile("ent/migrate/schema.go", gen), schema.PostgreSQL)
	var models []*schema.Model
	for _, m := range Read(entSchemaFiles(t, dir), Options{}) {
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

// entSchemaFiles returns the Go files of the schema package in dir and,
// as idemlint reads the whole module (load.GoModelFiles), those of the
// module's packages it imports that mention ent or declare a type alias
// (mixins shared between schema packages, `type ExternalMixin = Mixin`).
func entSchemaFiles(t *testing.T, dir string) []*schema.File {
	t.Helper()
	modRoot, modPath := dir, ""
	for {
		if b, err := os.ReadFile(filepath.Join(modRoot, "go.mod")); err == nil {
			modPath = modfile.ModulePath(b)
			break
		}
		if parent := filepath.Dir(modRoot); parent != modRoot {
			modRoot = parent
			continue
		}
		t.Fatalf("no go.mod above %s", dir)
	}
	alias := regexp.MustCompile(`(?m)^type \w+ = `)
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
			if !all && !Mentions(src) && !alias.Match(src) {
				continue
			}
			files = append(files, schema.NewFile(p, src))
			af, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
			if err != nil || !all && !Mentions(src) {
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
	readPkg(dir, true)
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
