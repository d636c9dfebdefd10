package analyzer_test

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// libraryModule returns testdata/mod, a module whose packages use the real
// libraries, after downloading its requirements from the module proxy:
// analysistest loads modules with GOPROXY=off, so they must be in the
// module cache first. A failed download fails the test rather than skip
// it: the libraries are what is tested.
func libraryModule(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(testdata(t), "mod")
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod download in %s (the module proxy must be reachable):\n%s", dir, out)
	}
	return dir
}

// TestLibraries checks the libraries that build an INSERT without an
// INSERT string (squirrel, goqu), and rows built in variables, in slices
// appended in a loop or set by index, and in embedded (,extend) wrappers
// (GORM, bun), against the real modules; derivedrows checks what a key
// derived from a row is made of (not the id the database assigns, nor a
// value minted in the function; a client's struct-typed request id): positive and negative cases side
// by side, every fix against its golden, and every fixed package built
// against the library. One load for all the packages: type-checking the
// libraries from source is most of the cost.
func TestLibraries(t *testing.T) {
	dir := libraryModule(t)
	pkgs := []string{"squirrelapi", "goquapi", "gormrows", "derivedrows", "bunrows", "bunrows/api"}
	var patterns []string
	for _, p := range pkgs {
		patterns = append(patterns, "./"+p)
	}
	// The GORM and bun models here only carry rows: IDEM104 (a Go model
	// disagreeing with the SQL schema beside it) is not what is tested.
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	analysistest.RunWithSuggestedFixes(t, dir, a, patterns...)
	for _, p := range pkgs[:5] { // bunrows/api's finding has no fix: InsertEntry's own fix guards the key
		buildModuleGoldens(t, dir, p)
	}
}

// TestKeysByUseLibraries checks keys known only by what the code does with
// them, against the real libraries: bun's On("CONFLICT (…)"), GORM's
// clause.OnConflict{Columns: …} and ent's generated OnConflictColumns
// (entconflict/ent is ent's own output, feature sql/upsert) make key
// columns of unique columns no name marks, in the schema (IDEM101 in
// schema.sql, and at the ent schema's field) and on the Go side (IDEM201),
// each message naming the upsert; a unique nullable column nothing
// upserts on stays unreported. The Go fixes are checked against their
// goldens and built against the libraries.
func TestKeysByUseLibraries(t *testing.T) {
	dir := libraryModule(t)
	pkgs := []string{"./bunconflict", "./gormconflict", "./entconflict", "./entconflict/ent/schema"}
	schematest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), pkgs...)
	// The fixes: the Go side alone, so that no schema finding (positioned
	// in files analysistest does not read) is left unexpected.
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-all,IDEM201,IDEM202"}), pkgs[:3]...)
	for _, p := range pkgs[:3] {
		buildModuleGoldens(t, dir, strings.TrimPrefix(p, "./"))
	}
}

// buildModuleGoldens builds each section of every .go.golden of package
// pkg in a copy of the module dir, offline: a fix that does not compile
// against the library is worse than none.
func buildModuleGoldens(t *testing.T, dir, pkg string) {
	t.Helper()
	goldens, _ := filepath.Glob(filepath.Join(dir, pkg, "*.go.golden"))
	if len(goldens) == 0 {
		t.Fatalf("no goldens in %s", pkg)
	}
	for _, g := range goldens {
		ar, err := txtar.ParseFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, section := range ar.Files {
			tmp := t.TempDir()
			for _, f := range []string{"go.mod", "go.sum"} {
				copyFile(t, filepath.Join(dir, f), filepath.Join(tmp, f))
			}
			if err := os.MkdirAll(filepath.Join(tmp, pkg), 0o755); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Join(dir, pkg))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.IsDir() { // a package of its own it imports (ent's generated code)
					copyTree(t, filepath.Join(dir, pkg, e.Name()), filepath.Join(tmp, pkg, e.Name()))
					continue
				}
				if strings.HasSuffix(e.Name(), ".golden") {
					continue
				}
				copyFile(t, filepath.Join(dir, pkg, e.Name()), filepath.Join(tmp, pkg, e.Name()))
				if e.Name() == strings.TrimSuffix(filepath.Base(g), ".golden") {
					if err := os.WriteFile(filepath.Join(tmp, pkg, e.Name()), section.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if strings.Contains(pkg, "/") { // the package it imports, unchanged
				parent := filepath.Dir(pkg)
				files, _ := filepath.Glob(filepath.Join(dir, parent, "*.go"))
				for _, f := range files {
					copyFile(t, f, filepath.Join(tmp, parent, filepath.Base(f)))
				}
				schemas, _ := filepath.Glob(filepath.Join(dir, parent, "*.sql"))
				for _, f := range schemas {
					copyFile(t, f, filepath.Join(tmp, parent, filepath.Base(f)))
				}
			}
			cmd := exec.Command("go", "build", "./"+pkg)
			cmd.Dir = tmp
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: fix %q does not build:\n%s", filepath.Base(g), section.Name, out)
			}
		}
	}
}

// copyTree copies the folder from, with its subfolders, to to.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		copyFile(t, p, filepath.Join(to, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNotes checks the notes of the analyzer's notes flag (idemlint -v):
// each write idemlint recognises but cannot follow, against the real
// libraries, says what was not followed and where, beside writes that are
// read and get none; and without the flag not one note is reported.
func TestNotes(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./notes")

	quiet := analyzer.New(&config.Options{Checks: "-IDEM104"})
	for _, r := range analysistest.Run(ignoreWants{}, dir, quiet, "./notes") {
		for _, d := range r.Diagnostics {
			if d.Category == analyzer.NoteCategory {
				t.Errorf("without the notes flag: %s: note %q", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// ignoreWants is an analysistest.Testing that drops the complaints about
// expectations: TestNotes's quiet run looks at the diagnostics itself.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// TestLoops checks rows built in loops against the real GORM: a range
// variable's key, a Valid flag computed from it, elements set under a
// non-constant index; positive and negative cases side by side.
func TestLoops(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./gormloops")
}

// TestGuregu checks guregu's null.String and zero.String (one entry of
// analyzer/vocab's NULL wrappers, and keyflow's tables of their
// constructors) against the real gopkg.in/guregu/null.v4.
func TestGuregu(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./gureguapi")
}

// TestEntCodegenCurrent: the ent code checked in under testdata/mod is
// what ent's code generator makes of its schema today. Each project is
// generated again into a temporary folder (internal/entgen, offline,
// with the module's ent) and compared file by file with the checked-in
// code, so that a schema edited without regenerating fails here rather
// than leave the tests reading stale generated code.
func TestEntCodegenCurrent(t *testing.T) {
	dir := libraryModule(t)
	for _, project := range []string{"entorders", "entconflict"} {
		t.Run(project, func(t *testing.T) {
			checked := filepath.Join(dir, project, "ent")
			tmp := t.TempDir()
			cmd := exec.Command("go", "run", "./internal/entgen", "./"+project+"/ent/schema", tmp, "example.com/libs/"+project+"/ent")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ent codegen: %v\n%s", err, out)
			}
			want := generatedFiles(t, tmp)
			got := generatedFiles(t, checked)
			for name, text := range want {
				if got[name] == nil {
					t.Errorf("%s/ent/%s: generated, not checked in", project, name)
				} else if !sameGenerated(got[name], text) {
					t.Errorf("%s/ent/%s differs from ent's output for its schema (run go generate in %s/ent)", project, name, project)
				}
			}
			for name := range got {
				if want[name] == nil {
					t.Errorf("%s/ent/%s: checked in, not generated", project, name)
				}
			}
		})
	}
}

// sameGenerated compares two generated files, their import blocks as
// sets: goimports groups an import it adds by where it found it, which
// is not part of what ent generates.
func sameGenerated(a, b []byte) bool {
	return bytes.Equal(a, b) || importsAsSet(a) == importsAsSet(b)
}

func importsAsSet(src []byte) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.ParseComments)
	if err != nil || len(f.Imports) == 0 {
		return string(src)
	}
	var paths []string
	for _, im := range f.Imports {
		paths = append(paths, im.Path.Value)
	}
	sort.Strings(paths)
	end := fset.Position(f.Decls[len(f.Decls)-1].End()).Offset
	start := fset.Position(f.Decls[0].Pos()).Offset
	return string(src[:start]) + strings.Join(paths, "\n") + string(src[end:])
}

// generatedFiles reads the files below an ent target folder that ent
// generates: all but the schema package and generate.go.
func generatedFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel == "schema" {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == "generate.go" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
