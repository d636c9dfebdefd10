package analyzer_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	findings := func() []string { return findingsOf(dir, patterns...) }
	want := findings()
	if !slices.ContainsFunc(want, func(f string) bool { return strings.Contains(f, "gormdecl.go") && strings.Contains(f, "IDEM101") }) {
		t.Fatalf("no finding of a Go model in gormdecl: %q", want)
	}
	sameWithSharedEntry(t, want, findings, "idemlint-gofindingfiles-v1-*.json", func(data []byte) bool {
		return strings.Contains(string(data), filepath.Join("gormdecl", "gormdecl.go"))
	})
}
