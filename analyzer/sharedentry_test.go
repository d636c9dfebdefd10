package analyzer_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// findingsOf returns the analyzer's findings over patterns of the module
// in dir, as sorted "position: message" lines, wants ignored.
func findingsOf(dir string, patterns ...string) []string {
	var out []string
	for _, r := range analysistest.Run(ignoreWants{}, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), patterns...) {
		for _, d := range r.Diagnostics {
			out = append(out, r.Pass.Fset.Position(d.Pos).String()+": "+d.Message)
		}
	}
	slices.Sort(out)
	return out
}

// sameWithSharedEntry checks an answer the tool processes of one go vet
// run share (internal/vetshare): in a fresh vet work folder, the first
// process must write exactly one entry matching pattern, which
// accept approves; and the findings must be want, those of a run without
// a shared folder, when the entry is written, read, and found damaged.
func sameWithSharedEntry(t *testing.T, want []string, findings func() []string, pattern string, accept func(data []byte) bool) {
	t.Helper()
	work := filepath.Join(t.TempDir(), "go-build1")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	analyzer.SetVetWorkDir(work)
	t.Cleanup(func() { analyzer.SetVetWorkDir("") })
	check := func(when string) {
		t.Helper()
		if diff := cmp.Diff(want, findings()); diff != "" {
			t.Errorf("%s: findings differ from a run without a shared folder (-want +got):\n%s", when, diff)
		}
	}

	check("the first process")
	names, _ := filepath.Glob(filepath.Join(work, pattern))
	if len(names) != 1 {
		entries, _ := filepath.Glob(filepath.Join(work, "idemlint-*.json"))
		t.Fatalf("shared entries %v: want one matching %s", entries, pattern)
	}
	if data, err := os.ReadFile(names[0]); err != nil || !accept(data) {
		t.Fatalf("shared entry %s: %s (%v)", names[0], data, err)
	}
	check("a later process")
	entries, _ := filepath.Glob(filepath.Join(work, "idemlint-*.json"))
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("{damaged"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check("damaged entries")
}
