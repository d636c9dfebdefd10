package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestInsertAPIsMore checks bun's insert queries and the chains and
// variables the first API tests left out (GORM's Omit and Select, ent
// builders in variables, sqlx's prepared named statements, statements
// prepared into struct fields), against stubs at the real import paths.
func TestInsertAPIsMore(t *testing.T) {
	for _, pkg := range moreAPIPackages {
		t.Run(pkg, func(t *testing.T) {
			schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), pkg)
		})
	}
}

var moreAPIPackages = []string{"bunapi", "bunconvert", "bunsqlite", "gormchain", "prepstmt", "entvar"}

// moreFixPackages are those of moreAPIPackages with fixes.
var moreFixPackages = []string{"bunapi", "bunconvert", "prepstmt", "entvar"}

// TestInsertAPIFixesMore checks the fixes of those packages against their
// goldens, and that each fixed package builds against the stubs.
func TestInsertAPIFixesMore(t *testing.T) {
	dir := testdata(t)
	for _, pkg := range moreFixPackages {
		t.Run(pkg, func(t *testing.T) {
			t.Parallel()
			analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{}), pkg)
			buildGoldensGOPATH(t, filepath.Join(dir, "src"), pkg)
		})
	}
}
