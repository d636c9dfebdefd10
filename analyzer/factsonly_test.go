package analyzer_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestFactsOnlySameFacts: a tool process go vet runs for facts only
// (analyzer.SetFactsOnly) skips the work whose only product is
// diagnostics; the facts it exports are a reporting run's, here on
// packages that embed or declare their schema (Go models among them),
// insert through each library, and call such packages.
func TestFactsOnlySameFacts(t *testing.T) {
	dir := libraryModule(t)
	patterns := []string{"./bunrepo/...", "./bunshop/...", "./bunapi/...", "./chatrepo/...", "./chatapi/...",
		"./gormdecl/...", "./gormmodels/...", "./gormrepo/...", "./gormapi/...", "./entremit/...", "./sqlcpgx/...", "./derivedrows/..."}
	facts := func() (map[string]string, int) {
		out, diags := map[string]string{}, 0
		for _, r := range analysistest.Run(ignoreWants{}, dir, analyzer.New(&config.Options{}), patterns...) {
			diags += len(r.Diagnostics)
			for obj, fs := range r.Facts {
				name := r.Pass.Pkg.Path()
				if obj != nil {
					name = obj.String()
				}
				for _, f := range fs {
					out[name] += fmt.Sprintf("%T %+v; ", f, f)
				}
			}
		}
		return out, diags
	}
	want, reported := facts()
	if len(want) == 0 || reported == 0 {
		t.Fatalf("a reporting run exported %d facts and reported %d diagnostics: the packages no longer test anything", len(want), reported)
	}
	analyzer.SetFactsOnly(true)
	defer analyzer.SetFactsOnly(false)
	got, quiet := facts()
	if quiet >= reported {
		t.Errorf("a facts-only run reported %d diagnostics, a reporting run %d: nothing was skipped", quiet, reported)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts of a facts-only run (-want +got):\n%s", diff)
	}
}
