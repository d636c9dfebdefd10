package output

import (
	"bytes"
	"encoding/json"
	"github.com/idemlint/idemlint/checks"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/internal/fixer"
	"github.com/idemlint/idemlint/schema"
)

func sample(dir string) Result {
	schemaPath := filepath.Join(dir, "db", "schema.sql")
	return Result{Diagnostics: []Diagnostic{
		{Code: "IDEM201", Pos: Position{filepath.Join(dir, "b.go"), 3, 2, 20}, End: Position{filepath.Join(dir, "b.go"), 3, 5, 23}, Message: "second"},
		{Code: "IDEM101", Pos: Position{schemaPath, 2, 3, 10}, End: Position{schemaPath, 2, 8, 15}, Message: "first, with: a colon, a comma and 100%\nand a newline",
			Related: []Related{{Pos: Position{schemaPath, 4, 1, 30}, End: Position{schemaPath, 4, 9, 38}, Message: "the unique"}},
			Fixes:   []Fix{{Message: "make it NOT NULL", Edits: []Edit{{Path: schemaPath, Start: 10, End: 15, New: "text NOT NULL"}}}}},
		{Code: "IDEM201", Pos: Position{filepath.Join(dir, "b.go"), 3, 2, 20}, End: Position{filepath.Join(dir, "b.go"), 3, 5, 23}, Message: "second"}, // a test variant's repeat
	}}
}

func write(t *testing.T, res Result, o Options) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	o.Stdout, o.Stderr = &out, &errb
	code = Write(res, o)
	return code, out.String(), errb.String()
}

func TestTextSortsAndDedupes(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := write(t, sample(dir), Options{Verbose: true, Display: func(p string) string { r, _ := filepath.Rel(dir, p); return r }})
	want := "b.go:3:2: IDEM201: second\n" +
		"db/schema.sql:2:3: IDEM101: first, with: a colon, a comma and 100%\nand a newline\n" +
		"\tdb/schema.sql:4:1: the unique\n"
	if code != ExitDiagnostics || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
}

// TestNotes: notes print under -v only, after the findings, in every
// format on stderr, once each, and never change the exit code.
func TestNotes(t *testing.T) {
	dir := t.TempDir()
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return r }
	note := Note{Pos: Position{filepath.Join(dir, "a.go"), 7, 3, 90}, Message: "not followed: squirrel's write here: its columns are not constants"}
	res := Result{Notes: []Note{note, note}}
	for _, f := range []Format{Text, JSON, SARIF, GitHub} {
		code, _, stderr := write(t, res, Options{Format: f, Verbose: true, ByPackage: true, Display: rel})
		if want := "a.go:7:3: note: " + note.Message + "\n"; code != ExitClean || stderr != want {
			t.Errorf("%s -v: exit %d, stderr %q, want %q", f, code, stderr, want)
		}
		if code, stdout, stderr := write(t, res, Options{Format: f, ByPackage: true, Display: rel}); code != ExitClean || strings.Contains(stdout+stderr, "not followed") {
			t.Errorf("%s without -v: exit %d, printed a note:\n%s%s", f, code, stdout, stderr)
		}
	}
	res.Diagnostics = sample(dir).Diagnostics[:1]
	_, _, stderr := write(t, res, Options{Verbose: true, Display: rel})
	if want := "b.go:3:2: IDEM201: second\na.go:7:3: note: " + note.Message + "\n"; stderr != want {
		t.Errorf("findings and notes: stderr %q, want %q", stderr, want)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		res  Result
		want int
	}{
		{"clean", Result{}, ExitClean},
		{"findings", sample(dir), ExitDiagnostics},
		{"an error wins", Result{Diagnostics: sample(dir).Diagnostics, Errors: []Error{{Message: "pkg: broken"}}}, ExitError},
		{"a file that does not parse is an error", Result{Diagnostics: []Diagnostic{{Code: "IDEM001", Message: "bad"}}}, ExitError},
	} {
		if code, _, _ := write(t, tc.res, Options{}); code != tc.want {
			t.Errorf("%s: exit %d, want %d", tc.name, code, tc.want)
		}
	}
}

func TestVetJSON(t *testing.T) {
	dir := t.TempDir()
	res := sample(dir)
	for i := range res.Diagnostics {
		res.Diagnostics[i].Package = "example.com/p"
	}
	res.Errors = []Error{{Package: "example.com/broken", Message: "broken.go:1:1: syntax error"}}
	code, stdout, _ := write(t, res, Options{Format: JSON, ByPackage: true})
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	var diags []struct {
		Category, Posn, Message string
		SuggestedFixes          []struct{ Edits []struct{ Filename string } } `json:"suggested_fixes"`
	}
	if err := json.Unmarshal(tree["example.com/p"]["idemlint"], &diags); err != nil {
		t.Fatal(err)
	}
	if len(diags) != 2 || diags[1].Category != "IDEM101" || !strings.HasPrefix(diags[1].Message, "IDEM101: first") ||
		diags[1].Posn != filepath.Join(dir, "db", "schema.sql")+":2:3" || len(diags[1].SuggestedFixes) != 1 {
		t.Errorf("diagnostics = %+v", diags)
	}
	if got := string(tree["example.com/broken"]["idemlint"]); !strings.Contains(got, `"error": "broken.go:1:1: syntax error"`) {
		t.Errorf("error entry = %s", got)
	}
	if code != ExitError {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestGitHub(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	_, stdout, _ := write(t, sample(dir), Options{Format: GitHub})
	want := "::error file=b.go,line=3,col=2,endLine=3,endColumn=5,title=IDEM201::second\n" +
		"::error file=db/schema.sql,line=2,col=3,endLine=2,endColumn=8,title=IDEM101::first, with: a colon, a comma and 100%25%0Aand a newline\n"
	if diff := cmp.Diff(want, stdout); diff != "" {
		t.Errorf("github output (-want +got):\n%s", diff)
	}
}

func TestSARIF(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	schemaPath := filepath.Join(dir, "db", "schema.sql")
	if err := os.MkdirAll(filepath.Dir(schemaPath), 0o755); err != nil {
		t.Fatal(err)
	}
	// "é" is two bytes but one UTF-16 unit: the column moves back by one.
	if err := os.WriteFile(schemaPath, []byte("-- é\n-- é\nkey text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Result{Diagnostics: []Diagnostic{{Code: "IDEM101", Pos: Position{schemaPath, 2, 6, 11}, End: Position{schemaPath, 2, 6, 11}, Message: "m",
		Related: []Related{{Pos: Position{schemaPath, 3, 1, 12}, Message: "r"}},
		Fixes:   []Fix{{Message: "f", Edits: []Edit{{Path: schemaPath, Start: 12, End: 15, New: "idempotency_key"}}}}}}}
	_, stdout, _ := write(t, res, Options{Format: SARIF, Tool: ToolInfo{Name: "idemlint", Version: "v1"}})
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct{ ID, HelpURI string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndColumn int }
					}
				}
				RelatedLocations []struct{ ID int }
				Fixes            []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion struct{ ByteOffset, ByteLength int }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || run.Tool.Driver.Name != "idemlint" || len(run.Tool.Driver.Rules) != len(checks.All) {
		t.Fatalf("log = %+v", log)
	}
	r := run.Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "IDEM101" || run.Tool.Driver.Rules[r.RuleIndex].ID != "IDEM101" || r.Level != "error" ||
		loc.ArtifactLocation.URI != "db/schema.sql" || loc.ArtifactLocation.URIBaseID != "SRCROOT" ||
		loc.Region.StartLine != 2 || loc.Region.StartColumn != 5 || loc.Region.EndColumn != 5 {
		t.Errorf("result = %+v", r)
	}
	if len(r.RelatedLocations) != 1 || r.RelatedLocations[0].ID != 1 {
		t.Errorf("related = %+v", r.RelatedLocations)
	}
	if d := r.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion; d.ByteOffset != 12 || d.ByteLength != 3 {
		t.Errorf("fix region = %+v", d)
	}
}

func TestUTF16Column(t *testing.T) {
	for _, tc := range []struct {
		line    string
		byteCol int
		want    int
	}{
		{"abc", 3, 3},
		{"éx", 3, 2},    // é: 2 bytes, 1 unit
		{"😀x", 5, 3},    // U+1F600: 4 bytes, 2 units
		{"\xffx", 2, 2}, // an invalid byte counts one unit
		{"ab", 10, 3},   // past the end: clamped
		{"", 1, 1},
	} {
		if got := UTF16Column([]byte(tc.line), tc.byteCol); got != tc.want {
			t.Errorf("UTF16Column(%q, %d) = %d, want %d", tc.line, tc.byteCol, got, tc.want)
		}
	}
}

func TestFixAppliesAndLists(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.sql")
	src := "create table t (idempotency_key text unique);\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	created := filepath.Join(dir, "002_fix.sql")
	res := Result{
		Diagnostics: []Diagnostic{
			{Code: "IDEM101", Pos: Position{path, 1, 17, 16}, Message: "m", Fixes: []Fix{{Message: "f", Edits: []Edit{{Path: path, Start: 36, End: 36, New: " not null"}}}}},
			{Code: "IDEM101", Pos: Position{path, 1, 1, 0}, Message: "m2", Fixes: []Fix{{Message: "g", Edits: []Edit{{Path: created, New: "alter table t;\n", Create: true}}}}},
			{Code: "IDEM103", Pos: Position{path, 1, 1, 0}, Message: "no fix"},
		},
	}
	res.Baselines = map[string]fixer.Baseline{path: {Content: []byte(src)}, created: {Absent: true}}
	code, stdout, stderr := write(t, res, Options{Fix: true, Display: filepath.Base})
	if code != ExitDiagnostics || stdout != "" {
		t.Errorf("exit %d (want 3: IDEM103 has no fix), stdout %q", code, stdout)
	}
	wantErr := "idemlint: created 002_fix.sql (1 fix)\nidemlint: fixed s.sql (1 fix)\ns.sql:1:1: IDEM103: no fix\n"
	if stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
	if b, _ := os.ReadFile(path); string(b) != "create table t (idempotency_key text not null unique);\n" {
		t.Errorf("fixed file: %q", b)
	}
	if b, _ := os.ReadFile(created); string(b) != "alter table t;\n" {
		t.Errorf("created file: %q", b)
	}
	// A second run finds the files changed since "analysis": nothing is written.
	code, _, stderr = write(t, res, Options{Fix: true, Quiet: true, Display: filepath.Base})
	if code != ExitError || !strings.Contains(stderr, "cannot fix") {
		t.Errorf("stale fix: exit %d, stderr %q", code, stderr)
	}
}

// TestFixFollowUp: a fix whose message says what is still to do after
// applying it (a Go model's: run AutoMigrate, regenerate ent code) gets
// that said after -fix writes it, with -q too; nothing is said for a fix
// with no follow-up, for one that was not written, or under -diff.
func TestFixFollowUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "models.go")
	src := "type A struct {\n\tKey *string `gorm:\"uniqueIndex\"`\n}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	off := strings.Index(src, `uniqueIndex"`) + len("uniqueIndex")
	todo := "run AutoMigrate, which alters a.key on its next run"
	res := Result{
		Diagnostics: []Diagnostic{
			{Code: "IDEM101", Pos: Position{path, 2, 2, 17}, Message: "m", Fixes: []Fix{{
				Message: "Make Key NOT NULL with no default, in the GORM tag; " + schema.FollowUpMarker + todo,
				Edits:   []Edit{{Path: path, Start: off, End: off, New: ";not null"}}}}},
			{Code: "IDEM101", Pos: Position{path, 1, 1, 0}, Message: "m2", Fixes: []Fix{{Message: "no follow-up",
				Edits: []Edit{{Path: path, Start: 0, End: 0, New: "// fixed\n"}}}}},
		},
		Baselines: map[string]fixer.Baseline{path: {Content: []byte(src)}},
	}
	want := "models.go:2:2: IDEM101 fixed; still to do after applying: " + todo + "\n"
	_, _, stderr := write(t, res, Options{Diff: true, Display: filepath.Base})
	if strings.Contains(stderr, "still to do") {
		t.Errorf("-diff printed a follow-up:\n%s", stderr)
	}
	_, _, stderr = write(t, res, Options{Fix: true, Quiet: true, Display: filepath.Base})
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), `uniqueIndex;not null"`) {
		t.Errorf("fixed file: %q", b)
	}
	// The file changed since: nothing written, nothing left to do.
	_, _, stderr = write(t, res, Options{Fix: true, Quiet: true, Display: filepath.Base})
	if strings.Contains(stderr, "still to do") {
		t.Errorf("an unwritten fix's follow-up was printed:\n%s", stderr)
	}
	if got := schema.FollowUp("Make it NOT NULL, in the bun tag"); got != "" {
		t.Errorf("FollowUp of a message without one = %q", got)
	}
}
