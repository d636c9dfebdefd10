package analyzer_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestGoFindingsShared: each package that declares Go models reports the
// findings of the module's models at its own files. Which files carry one
// is worked out once per go vet run (internal/vetshare), so that a
// package whose files carry none does not read and check every model of
// the module to report nothing: the run's first process writes the
// answer, and the findings are those of a run without a shared folder
// when it is written, read, and found damaged.
func TestGoFindingsShared(t *testing.T) {
	dir := libraryModule(t)
	patterns := []string{"./gormdecl/...", "./gormmodels/...", "./gormtwin/...", "./bunshop/..."}
	findings := func() []string {
		var out []string
		for _, r := range analysistest.Run(ignoreWants{}, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), patterns...) {
			for _, d := range r.Diagnostics {
				out = append(out, r.Pass.Fset.Position(d.Pos).String()+": "+d.Message)
			}
		}
		slices.Sort(out)
		return out
	}
	want := findings()
	if !slices.ContainsFunc(want, func(f string) bool { return strings.Contains(f, "gormdecl.go") && strings.Contains(f, "IDEM101") }) {
		t.Fatalf("no finding of a Go model in gormdecl: %q", want)
	}
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
	names, _ := filepath.Glob(filepath.Join(work, "idemlint-gofindingfiles-v1-*.json"))
	if len(names) != 1 {
		entries, _ := filepath.Glob(filepath.Join(work, "idemlint-*.json"))
		t.Fatalf("shared entries %v: want one of the files with findings of Go models", entries)
	}
	if data, err := os.ReadFile(names[0]); err != nil || !strings.Contains(string(data), filepath.Join("gormdecl", "gormdecl.go")) {
		t.Fatalf("shared files with findings %s (%v): want gormdecl.go among them", data, err)
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
