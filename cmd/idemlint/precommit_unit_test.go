package main

import (
	"testing"

	"github.com/idemlint/idemlint/internal/output"
)

// TestDedupeHooks: within one pre-commit run (this test process's parent
// stands for pre-commit), a finding the first hook reported is left out
// by the second, whichever runs first; one hook alone keeps everything.
func TestDedupeHooks(t *testing.T) {
	diag := func(path string, line int, code string) output.Diagnostic {
		return output.Diagnostic{Code: code, Pos: output.Position{Path: path, Line: line, Column: 3}}
	}
	shared := diag("/repo/db/schema.prisma", 29, "IDEM101")
	goOnly := diag("/repo/store/store.go", 30, "IDEM201")
	schemaOnly := diag("/repo/migrations/1.sql", 1, "IDEM101")
	for _, order := range [][]string{{"packages", "schema"}, {"schema", "packages"}} {
		t.Setenv("TMPDIR", t.TempDir())
		results := map[string]*output.Result{
			"packages": {Diagnostics: []output.Diagnostic{shared, goOnly}},
			"schema":   {Diagnostics: []output.Diagnostic{shared, schemaOnly}},
		}
		for _, mode := range order {
			dedupeHooks(results[mode], mode)
		}
		first, second := results[order[0]], results[order[1]]
		if len(first.Diagnostics) != 2 {
			t.Errorf("%s first: %d diagnostics, want both", order[0], len(first.Diagnostics))
		}
		if len(second.Diagnostics) != 1 || hookKey(second.Diagnostics[0]) == hookKey(shared) {
			t.Errorf("%s second: %+v, want its own finding alone", order[1], second.Diagnostics)
		}
	}
	// One hook, run twice (pre-commit splits long file lists into batches):
	// it never drops its own findings.
	t.Setenv("TMPDIR", t.TempDir())
	for range 2 {
		res := &output.Result{Diagnostics: []output.Diagnostic{shared}}
		dedupeHooks(res, "schema")
		if len(res.Diagnostics) != 1 {
			t.Errorf("schema hook alone lost its finding")
		}
	}
}
