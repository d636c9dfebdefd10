package analyzer_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSchemaFindings checks findings positioned in embedded schema files,
// their fixes (goldens beside the schema files), suppression, multi-file
// Prisma folders, and that importers and non-embedding packages stay quiet.
func TestSchemaFindings(t *testing.T) {
	a := analyzer.New(&config.Options{})
	schematest.Run(t, testdata(t), a, "embedded", "importer", "notembedded", "suppressed", "multifile")
}

// TestKeysByUse checks keys recognised by what the module does with them:
// the ON CONFLICT target of another package's INSERT and a table whose
// name says it holds keys make key columns of unique columns no name
// marks, and the finding says why; a nullable unique column nothing uses
// as a key stays unreported.
func TestKeysByUse(t *testing.T) {
	a := analyzer.New(&config.Options{})
	schematest.Run(t, filepath.Join(testdata(t), "keysbyuse"), a, "./...")
}

// TestRuleCommentKeys: a unique index whose comment says it enforces
// idempotency makes its columns keys; an empty value is reported for a
// one-column index, not for a column of a composite one, where nothing
// says which column carries the key (flexprice's usage records:
// environment_id beside subscription and period).
func TestRuleCommentKeys(t *testing.T) {
	a := analyzer.New(&config.Options{})
	schematest.Run(t, testdata(t), a, "rulecomment")
}

// TestAnchorAtEmbed checks the golangci-lint/gopls mode: findings anchored
// at the //go:embed variable, schema position in the message.
func TestAnchorAtEmbed(t *testing.T) {
	a := analyzer.New(&config.Options{AnchorEmbed: true})
	analysistest.Run(t, testdata(t), a, "anchored")
}

// TestInsertLiterals checks IDEM201/IDEM202 decided by the SQL text alone:
// a key column left out, NULL, DEFAULT or ” written, beside inserts that
// are fine (NOT NULL keys, partial indexes, database defaults).
func TestInsertLiterals(t *testing.T) {
	a := analyzer.New(&config.Options{})
	schematest.Run(t, testdata(t), a, "sqlliterals", "mysqlset")
}

// TestInsertFlow checks IDEM201/IDEM202 decided by the Go value that feeds
// the key, positive and negative cases side by side.
func TestInsertFlow(t *testing.T) {
	a := analyzer.New(&config.Options{})
	schematest.Run(t, testdata(t), a, "flow", "inview")
}

// TestInsertFlowFixes checks every Go fix against its golden (one txtar
// section per fix message) and that each fixed package still builds.
func TestInsertFlowFixes(t *testing.T) {
	dir := testdata(t)
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{}), "flow", "oldgo", "shortkey", "inview")
	buildGoldens(t, filepath.Join(dir, "src", "inview")) // and at the top of the exported function that forwards the key
	buildGoldens(t, filepath.Join(dir, "src", "flow"))
	buildGoldens(t, filepath.Join(dir, "src", "oldgo"))    // a Go 1.21 file: no rand.Text
	buildGoldens(t, filepath.Join(dir, "src", "shortkey")) // keys cut to varchar(20); none for char(8)
}

// buildGoldens compiles each section of every .go.golden in dir, each in
// its own copy of the package, all in one module built by one go build: a
// fix that does not compile is worse than none. (One go command for all
// the sections, rather than one per section, is most of this test's speed.)
func buildGoldens(t *testing.T, dir string) {
	t.Helper()
	tmp := t.TempDir()
	copies := goldenCopies(t, dir, func(i int) string { return filepath.Join(tmp, fmt.Sprintf("s%d", i)) })
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module fixed\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	reportBuild(t, cmd, copies, "fixed/")
}

// A goldenCopy is one golden section written into a copy of its package.
type goldenCopy struct {
	golden, section string
}

// goldenCopies writes, for each section of every .go.golden in dir, a
// copy of the package (its files but the goldens, with the section in
// place of its file) into the folder at(i), and says which is which.
func goldenCopies(t *testing.T, dir string, at func(int) string) []goldenCopy {
	t.Helper()
	goldens, _ := filepath.Glob(filepath.Join(dir, "*.go.golden"))
	if len(goldens) == 0 {
		t.Fatalf("no goldens in %s", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var copies []goldenCopy
	for _, g := range goldens {
		ar, err := txtar.ParseFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, section := range ar.Files {
			out := at(len(copies))
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.IsDir() || strings.HasSuffix(e.Name(), ".golden") {
					continue
				}
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if e.Name() == strings.TrimSuffix(filepath.Base(g), ".golden") {
					b = section.Data
				}
				if err := os.WriteFile(filepath.Join(out, e.Name()), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			copies = append(copies, goldenCopy{filepath.Base(g), section.Name})
		}
	}
	return copies
}

// reportBuild runs cmd, a go build of the copies (import paths prefix +
// "s0", "s1"…), and reports each copy that does not build by its golden
// and section.
func reportBuild(t *testing.T, cmd *exec.Cmd, copies []goldenCopy, prefix string) {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	blamed := false
	for i, c := range copies {
		if strings.Contains(string(out), "# "+prefix+fmt.Sprintf("s%d\n", i)) {
			t.Errorf("%s: fix %q does not build (package %ss%d):\n%s", c.golden, c.section, prefix, i, out)
			blamed = true
		}
	}
	if !blamed {
		t.Errorf("the fixes do not build:\n%s", out)
	}
}

// TestFacts checks that functions writing a parameter into a key export a
// fact, and that callers in another package are checked through it.
func TestFacts(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "sqlcgen", "sqlcwrap", "sqlcuser")
}

// TestAlwaysKeyFacts checks that wrappers around key generators export a
// fact and that callers in another package trust their result.
func TestAlwaysKeyFacts(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "keys", "keyuser")
}

// TestOneFindingPerHistory: a package with a //go:embed line per
// migration of one history reports the history's finding once.
func TestOneFindingPerHistory(t *testing.T) {
	results := schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "manyembeds")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category == "IDEM101" {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("%d IDEM101 diagnostics, want 1", n)
	}
}

// TestUnmarkedKeyNotes: with the notes flag (idemlint -v), a nullable
// column whose NULLs repeat in a unique rule, and that nothing makes a
// key, gets a note at the column; a partial index that excludes NULLs and
// a named key do not. Without the flag, no note is reported.
func TestUnmarkedKeyNotes(t *testing.T) {
	a := analyzer.New(&config.Options{})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	schematest.Run(t, testdata(t), a, "unmarked")
	for _, r := range analysistest.Run(ignoreWants{}, testdata(t), analyzer.New(&config.Options{}), "unmarked") {
		for _, d := range r.Diagnostics {
			if d.Category == analyzer.NoteCategory {
				t.Errorf("without the notes flag: note %q", d.Message)
			}
		}
	}
}

// TestNulledOnDeleteKeys: a column that is a key only as an upsert's
// target, and that its foreign key's ON DELETE SET NULL empties when the
// referenced row goes, is nullable by design: no IDEM101 (its NOT NULL
// fix would make the delete fail), and under -v a note says why. The
// action is read from the column's REFERENCES, a table's FOREIGN KEY and
// a later ALTER TABLE; ON UPDATE SET NULL, a plain foreign key and a key
// by name are still reported.
func TestNulledOnDeleteKeys(t *testing.T) {
	a := analyzer.New(&config.Options{})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	schematest.Run(t, filepath.Join(testdata(t), "nulledfk"), a, "./...")
}

// TestGeneratedKeys: a generated column that an upsert's target holds is
// computed by the database from the row's other columns, so no retry
// arrives without it: no IDEM101 for it, and under -v a note says it is
// not checked and why. A plain nullable column beside it is still a key
// by that use.
func TestGeneratedKeys(t *testing.T) {
	a := analyzer.New(&config.Options{})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	schematest.Run(t, filepath.Join(testdata(t), "generatedkeys"), a, "./...")
}

// TestEmbeddedQueries: a package that embeds only its query files
// (//go:embed queries/*.sql, INSERTs and no table) checks its inserts
// against the module's schema, as a package that embeds nothing does.
func TestEmbeddedQueries(t *testing.T) {
	a := analyzer.New(&config.Options{})
	schematest.Run(t, filepath.Join(testdata(t), "embeddedqueries"), a, "./...")
}

// TestOtherKindsOfRow: a rule of nullable columns that are keys only as
// an upsert's target is not reported (IDEM101) when the module also
// writes the table with an INSERT that leaves all of them out and dedupes
// by an ON CONFLICT of its own (no target, or another rule's): those NULLs
// are rows of another kind, and NOT NULL would make that insert fail; -v
// notes it. One with no ON CONFLICT, or one whose target no rule backs,
// leaves the finding.
func TestOtherKindsOfRow(t *testing.T) {
	a := analyzer.New(&config.Options{})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	schematest.Run(t, filepath.Join(testdata(t), "otherkinds"), a, "./...")
}

// buildGoldensGOPATH is buildGoldens for a package that imports another
// package of testdata/src: the copies of the package sit in a GOPATH
// holding the whole testdata tree (as zzfixes/s0, zzfixes/s1…), and one go
// build in GOPATH mode builds them all.
func buildGoldensGOPATH(t *testing.T, src, pkg string) {
	t.Helper()
	gopath := t.TempDir()
	if err := os.CopyFS(filepath.Join(gopath, "src"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	copies := goldenCopies(t, filepath.Join(src, pkg), func(i int) string {
		return filepath.Join(gopath, "src", "zzfixes", fmt.Sprintf("s%d", i))
	})
	cmd := exec.Command("go", "build", "zzfixes/...")
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOFLAGS=", "GOPROXY=off", "GOWORK=off")
	reportBuild(t, cmd, copies, "zzfixes/")
}

// TestVetRunSharing checks the Go-side checks against a schema the
// package does not embed when the tool processes of one go vet run share
// what they read (internal/vetshare: the schema sources, keys by use, the
// Go model files, the models' dialects): the run's first process, a later
// one reading the shared answers, and one finding them damaged report
// alike.
func TestVetRunSharing(t *testing.T) {
	work := filepath.Join(t.TempDir(), "go-build1")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	analyzer.SetVetWorkDir(work)
	t.Cleanup(func() { analyzer.SetVetWorkDir("") })
	dir := filepath.Join(testdata(t), "keysbyuse")

	schematest.Run(t, dir, analyzer.New(&config.Options{}), "./...") // the first process
	entries, _ := filepath.Glob(filepath.Join(work, "idemlint-*.json"))
	if dialects, _ := filepath.Glob(filepath.Join(work, "idemlint-modeldialects-v1-*.json")); len(dialects) != 1 {
		t.Fatalf("shared entries %v: want one of the models' dialects", entries)
	}
	schematest.Run(t, dir, analyzer.New(&config.Options{}), "./...") // a later one
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("{damaged"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	schematest.Run(t, dir, analyzer.New(&config.Options{}), "./...") // damaged entries
}
