package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestDependenceAcrossPackages: a key that is NULL exactly when a
// parameter is (through a helper, a Valid flag, or a check that converts
// rather than rejects) makes the callers in another package decide, each
// with its own path; a check that rejects silences them.
func TestDependenceAcrossPackages(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "depstore", "depapi")
}

// TestDependenceFixes: the fixes at the callers and at the converting
// insert match their goldens and build.
func TestDependenceFixes(t *testing.T) {
	dir := testdata(t)
	for _, pkg := range []string{"depstore", "depapi"} {
		analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{}), pkg)
		buildGoldensGOPATH(t, filepath.Join(dir, "src"), pkg)
	}
}

// TestContextValues: a key read back from the context (ctx.Value(k).(string),
// with or without its ok) is what the package's middleware stored under k:
// a header that may be absent is reported at the insert, in the package
// and through an imported getter's fact; a minted key or a checked one is
// not.
func TestContextValues(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "ctxmw", "ctxapi")
}

// TestSoleImplementationResult: a key returned through an interface the
// package declares and implements once is what that implementation
// returns; two implementations, or a derived fallback, report nothing.
func TestSoleImplementationResult(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "ifaceresult")
}
