package analyzer

import (
	"fmt"
	"os"
	"testing"

	"github.com/idemlint/idemlint/analyzer/gorules"
)

// TestMain fails the run when any check asked SSA for a function that
// planSSA had left without a body: the fallback keeps the answer right but
// costs a second build, so every case here must be foreseen by the plan.
func TestMain(m *testing.M) {
	code := m.Run()
	if n := gorules.SSAFallbacks(); code == 0 && n > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d SSA builds fell back to every body (see gorules/ssaplan.go)\n", n)
		code = 1
	}
	os.Exit(code)
}
