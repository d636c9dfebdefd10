package gorules_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/idemlint/idemlint/analyzer/gorules"
)

// TestMain fails the run when a check asked SSA for a function the plan
// had left without a body (see ssaplan.go).
func TestMain(m *testing.M) {
	code := m.Run()
	if n := gorules.SSAFallbacks(); code == 0 && n > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d SSA builds fell back to every body (see ssaplan.go)\n", n)
		code = 1
	}
	os.Exit(code)
}
