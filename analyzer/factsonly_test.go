package analyzer_test

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
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
		"./gormdecl/...", "./gormmodels/...", "./gormrepo/...", "./gormapi/...", "./entremit/...", "./sqlcpgx/...", "./derivedrows/...", "./ifacewire/..."}
	facts := func() (map[string]string, int) {
		out, diags := map[string]string{}, 0
		for _, r := range analysistest.Run(ignoreWants{}, dir, analyzer.New(&config.Options{}), patterns...) {
			diags += len(r.Diagnostics)
			for obj, fs := range r.Facts {
				name := r.Pass.Pkg.Path()
				if obj != nil {
					name = obj.String()
				}
				// A package's facts of several types come in no set order.
				var texts []string
				for _, f := range fs {
					texts = append(texts, fmt.Sprintf("%T %+v; ", f, f))
				}
				slices.Sort(texts)
				out[name] += strings.Join(texts, "")
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

// TestTestVariant: a tool process for a package with test files
// (analyzer.SetTestVariant: go vet's test variant, which reports) does not
// export what the package's exported functions return, facts only its
// tests would read; it reports what a full run reports, and the package
// without its tests, analysed on its own for its importers, still exports
// them. testvariant has such a function, a finding and a key parameter;
// the other packages have no tests and run as before.
func TestTestVariant(t *testing.T) {
	dir := libraryModule(t)
	patterns := []string{"./testvariant/...", "./chatapi/...", "./httpx/..."}
	type outcome struct {
		diags   []string
		results map[string]int // Results facts exported, by package ID (the test variant's has " [")
		params  map[string]int // KeyParams facts, likewise
	}
	run := func() outcome {
		o := outcome{results: map[string]int{}, params: map[string]int{}}
		for _, r := range analysistest.Run(ignoreWants{}, dir, analyzer.New(&config.Options{}), patterns...) {
			id := r.Action.Package.ID
			for _, d := range r.Diagnostics {
				o.diags = append(o.diags, fmt.Sprintf("%s %s: %s", id, r.Pass.Fset.Position(d.Pos), d.Message))
			}
			for _, fs := range r.Facts {
				for _, f := range fs {
					switch f.(type) {
					case *keyfacts.Results:
						o.results[id]++
					case *keyfacts.KeyParams:
						o.params[id]++
					}
				}
			}
		}
		sort.Strings(o.diags)
		return o
	}
	full := run()
	const plain, variant = "example.com/libs/testvariant", "example.com/libs/testvariant [example.com/libs/testvariant.test]"
	if full.results[plain] == 0 || full.results[variant] == 0 || full.params[variant] == 0 || len(full.diags) == 0 {
		t.Fatalf("a full run: Results facts %v, KeyParams facts %v, %d diagnostics: testvariant no longer tests anything", full.results, full.params, len(full.diags))
	}
	analyzer.SetTestVariant(true)
	defer analyzer.SetTestVariant(false)
	got := run()
	if diff := cmp.Diff(full.diags, got.diags); diff != "" {
		t.Errorf("diagnostics of a run with SetTestVariant (-full +got):\n%s", diff)
	}
	wantResults := maps.Clone(full.results)
	delete(wantResults, variant)
	if diff := cmp.Diff(wantResults, got.results); diff != "" {
		t.Errorf("Results facts by package with SetTestVariant (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(full.params, got.params); diff != "" {
		t.Errorf("KeyParams facts by package with SetTestVariant (-full +got):\n%s", diff)
	}
}
