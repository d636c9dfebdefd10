package schematest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// A Diag is a diagnostic reported in a schema file.
type Diag struct {
	File    string
	Line    int
	Message string
	Fix     []schema.Edit // the first suggested fix, File set to nil; may be empty
}

// Run runs analyzer a with analysistest on the packages matching patterns
// under dir/src, as analysistest.Run does for Go files, and checks the
// diagnostics positioned in schema files against their want comments and
// goldens. Every schema file below the patterns' folders (in dir/src, or
// dir for a module) is checked. It returns analysistest's results.
func Run(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	t.Helper()
	return check(t, dir, patterns, analysistest.Run(&schemaFilter{t: t}, dir, a, patterns...))
}

// RunWithSuggestedFixes is Run, and also checks the Go files' fixes
// against their goldens as analysistest.RunWithSuggestedFixes does, in
// the same run (one load of the packages). Schema files' fixes are
// checked by their own goldens only, as Run checks them.
func RunWithSuggestedFixes(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	t.Helper()
	return check(t, dir, patterns, analysistest.RunWithSuggestedFixes(&schemaFilter{t: t, fixes: true}, dir, a, patterns...))
}

// check checks the diagnostics of results positioned in schema files.
func check(t *testing.T, dir string, patterns []string, results []*analysistest.Result) []*analysistest.Result {
	t.Helper()
	var diags []Diag
	seen := map[string]bool{}
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Diagnostics {
			posn := fset.Position(d.Pos)
			if !load.IsSchemaFile(posn.Filename) {
				continue
			}
			key := fmt.Sprintf("%s:%d:%s", posn.Filename, posn.Line, d.Message)
			if seen[key] {
				continue // a test variant of the same package
			}
			seen[key] = true
			gd := Diag{File: posn.Filename, Line: posn.Line, Message: d.Message}
			if len(d.SuggestedFixes) > 0 {
				for _, e := range d.SuggestedFixes[0].TextEdits {
					tf := fset.File(e.Pos)
					gd.Fix = append(gd.Fix, schema.Edit{Start: tf.Offset(e.Pos), End: tf.Offset(e.End), New: string(e.NewText)})
				}
			}
			diags = append(diags, gd)
		}
	}
	root := filepath.Join(dir, "src")
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		root = dir // analysistest's module mode
	}
	var files []string
	for _, pat := range patterns {
		fs, err := schemaFilesUnder(filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(pat, "/..."))))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	Match(t, files, diags, schema.Options{})
	return results
}

// schemaFilter passes analysistest's complaints through, except "unexpected
// diagnostic" in schema files, which Match checks against schema want
// comments instead.
// With fixes, it also drops the fix checks' complaints about a schema
// file (analysistest reads a golden of its own form beside every file a
// fix edits, and formats the result as Go): checkGolden checks those.
type schemaFilter struct {
	t     *testing.T
	fixes bool
}

var (
	unexpectedRx = regexp.MustCompile(`^(.*):\d+:\d+: unexpected diagnostic: `)
	goldenReadRx = regexp.MustCompile(`^error reading (.*)\.golden: `)
	fixCompareRx = regexp.MustCompile(`^all fixes[^:]*: ([^:\s]+): `)
	fixMessageRx = regexp.MustCompile(`^all fixes of message ".*?": ([^:\s]+): `)
)

func (f *schemaFilter) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if m := unexpectedRx.FindStringSubmatch(msg); m != nil && load.IsSchemaFile(m[1]) {
		return
	}
	if f.fixes {
		for _, rx := range []*regexp.Regexp{goldenReadRx, fixMessageRx, fixCompareRx} {
			if m := rx.FindStringSubmatch(msg); m != nil && load.IsSchemaFile(m[1]) {
				return
			}
		}
	}
	f.t.Helper()
	f.t.Error(msg)
}

// CheckFiles runs the schema checks (the CLI's `idemlint schema` path) on
// the schema files at paths and checks their want comments and goldens.
func CheckFiles(t *testing.T, paths []string, opts schema.Options) {
	t.Helper()
	files, err := load.Expand(paths)
	if err != nil {
		t.Fatal(err)
	}
	models, err := load.Files(files, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var diags []Diag
	for _, m := range models {
		for _, e := range m.Errors {
			diags = append(diags, Diag{File: e.Pos.Path, Line: e.Pos.Line, Message: "IDEM001: " + e.Msg})
		}
		for _, f := range schema.Check(m, opts) {
			d := Diag{File: f.Span.File.Path, Line: f.Span.Position().Line, Message: f.Code + ": " + f.Message}
			if len(f.Fixes) > 0 {
				d.Fix = f.Fixes[0].Edits
			}
			diags = append(diags, d)
		}
	}
	Match(t, files, diags, opts)
}

// Match checks diags against the want comments and goldens of files.
func Match(t *testing.T, files []string, diags []Diag, opts schema.Options) {
	t.Helper()
	byFile := map[string][]Diag{}
	for _, d := range diags {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got := byFile[file]
		delete(byFile, file)
		checkWants(t, file, src, got)
		checkGolden(t, file, src, got, opts)
	}
	for file, ds := range byFile {
		for _, d := range ds {
			t.Errorf("%s:%d: unexpected diagnostic in a file with no expectations: %s", file, d.Line, d.Message)
		}
	}
}

var wantRx = regexp.MustCompile(`(?://|--|#)\s*want\s+(.*)$`)

func checkWants(t *testing.T, file string, src []byte, got []Diag) {
	t.Helper()
	wants := map[int][]*regexp.Regexp{}
	for i, line := range strings.Split(string(src), "\n") {
		m := wantRx.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		rxs, err := parsePatterns(m[1])
		if err != nil {
			t.Errorf("%s:%d: bad want comment: %v", file, i+1, err)
			continue
		}
		wants[i+1] = append(wants[i+1], rxs...)
	}
	for _, d := range got {
		rxs := wants[d.Line]
		matched := -1
		for i, rx := range rxs {
			if rx.MatchString(d.Message) {
				matched = i
				break
			}
		}
		if matched < 0 {
			t.Errorf("%s:%d: unexpected diagnostic: %s", file, d.Line, d.Message)
			continue
		}
		wants[d.Line] = append(rxs[:matched], rxs[matched+1:]...)
	}
	lines := make([]int, 0, len(wants))
	for l := range wants {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	for _, l := range lines {
		for _, rx := range wants[l] {
			t.Errorf("%s:%d: no diagnostic was reported matching %#q", file, l, rx)
		}
	}
}

// parsePatterns reads a want comment's Go-quoted regular expressions.
func parsePatterns(s string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, fmt.Errorf("want a quoted pattern at %q", s)
		}
		u, _ := strconv.Unquote(q)
		rx, err := regexp.Compile(u)
		if err != nil {
			return nil, err
		}
		out = append(out, rx)
		s = s[len(q):]
	}
	return out, nil
}

func checkGolden(t *testing.T, file string, src []byte, got []Diag, opts schema.Options) {
	t.Helper()
	golden, err := os.ReadFile(file + ".golden")
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	var edits []schema.Edit
	for _, d := range got {
		edits = append(edits, d.Fix...)
	}
	fixed, err := Apply(src, edits)
	if err != nil {
		t.Errorf("%s: applying fixes: %v", file, err)
		return
	}
	if !bytes.Equal(fixed, golden) {
		t.Errorf("%s: fixed file differs from %s.golden:\n--- got ---\n%s\n--- want ---\n%s", file, filepath.Base(file), fixed, golden)
	}
	// The fixed schema must read cleanly and be free of what was fixed.
	tmp := filepath.Join(t.TempDir(), filepath.Base(file))
	if err := os.WriteFile(tmp, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	models, err := load.Files([]string{tmp}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		for _, e := range m.Errors {
			t.Errorf("%s: fixed schema does not parse: %v", file, e)
		}
		for _, f := range schema.Check(m, opts) {
			if f.Code == "IDEM101" {
				t.Errorf("%s: fixed schema still reports %s: %s", file, f.Code, f.Message)
			}
		}
	}
}

// Apply applies edits to src. Identical duplicate edits (from test variants
// of one package) count once; overlapping different edits are an error.
func Apply(src []byte, edits []schema.Edit) ([]byte, error) {
	sorted := append([]schema.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].End < sorted[j].End
	})
	var out bytes.Buffer
	pos := 0
	var prev *schema.Edit
	for i := range sorted {
		e := &sorted[i]
		if prev != nil && e.Start == prev.Start && e.End == prev.End && e.New == prev.New {
			continue
		}
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps or is out of range", e.Start, e.End)
		}
		out.Write(src[pos:e.Start])
		out.WriteString(e.New)
		pos = e.End
		prev = e
	}
	out.Write(src[pos:])
	return out.Bytes(), nil
}

func schemaFilesUnder(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && load.IsSchemaFile(p) {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}
