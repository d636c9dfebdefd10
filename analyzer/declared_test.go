package analyzer_test

import (
	"testing"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestDeclaredModels checks schemas declared in Go: findings at the Go
// field, and inserts checked against the declared tables.
func TestDeclaredModels(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "gormdecl")
}
