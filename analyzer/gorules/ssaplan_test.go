package gorules_test

import (
	"go/ast"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/analyzer/gorules"
	"github.com/idemlint/idemlint/config"
)

// TestSSAPlan checks which bodies planSSA keeps for the ssaplan package,
// beside the findings that need them.
func TestSSAPlan(t *testing.T) {
	var kept []string
	gorules.SetSSABuilt(func(keep map[*ast.FuncDecl]bool) {
		for fd := range keep {
			kept = append(kept, fd.Name.Name)
		}
	})
	t.Cleanup(func() { gorules.SetSSABuilt(nil) })
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, analyzer.New(&config.Options{}), "ssaplan")
	sort.Strings(kept)
	want := []string{"Post", "Sanitize", "insert", "keyOf"}
	if diff := cmp.Diff(want, kept); diff != "" {
		t.Errorf("bodies built (-want +got):\n%s", diff)
	}
}
