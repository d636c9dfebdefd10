package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A file that gains an import after go list read it, as when a concurrent
// idemlint -fix adds crypto/rand, is reported as changed during the run,
// not as an import that cannot be resolved. The race is staged with a vet
// tool that edits the file before handing over to idemlint, and go vet's
// real stderr goes through vetErrors.
func TestVetErrorsEditRace(t *testing.T) {
	bin := idemlintBinary(t)
	dir := writeTree(t, map[string]string{
		"go.mod":   "module example.com/race\n\ngo 1.26\n",
		"db/db.go": "package db\n\nimport (\n\t\"context\"\n)\n\n// Ctx is used.\nvar Ctx = context.Background\n",
	})
	file := filepath.Join(dir, "db", "db.go")
	racer := filepath.Join(t.TempDir(), "racer")
	script := "#!/bin/sh\n" +
		"case \"$*\" in *.cfg*) if ! grep -q crypto/rand " + file + "; then\n" +
		"  sed -i 's#^\t\"context\"#\t\"context\"\\n\t\"crypto/rand\"#; s#^var Ctx#var _ = rand.Text\\nvar Ctx#' " + file + "\n" +
		"fi;; esac\nexec " + bin + " \"$@\"\n"
	if err := os.WriteFile(racer, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "go", "vet", "-vettool="+racer, "./db")
	if !strings.Contains(readFile(t, file), "crypto/rand") {
		t.Fatalf("the racer did not edit the file; go vet: exit %d\n%s", r.code, r.stderr)
	}
	var got []string
	for _, e := range vetErrors(r.stderr) {
		got = append(got, e.Message)
	}
	if diff := cmp.Diff([]string{"db/db.go: changed during the run; run idemlint again"}, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s\ngo vet's stderr:\n%s", diff, r.stderr)
	}
}

func TestExplainEditRaces(t *testing.T) {
	in := []string{
		`db/db.go:9:2: could not import crypto/rand (can't resolve import "crypto/rand")`,
		`db/db.go:10:2: could not import net/http (can't resolve import "net/http")`,
		`vet: api/api.go:3:8: could not import os (can't resolve import "os")`,
		`db/x.go:3:8: could not import example.com/gone (no required module provides package)`,
		`db/y.go:4:1: undefined: z`,
	}
	want := []string{
		"db/db.go: changed during the run; run idemlint again",
		"api/api.go: changed during the run; run idemlint again",
		in[3], in[4],
	}
	if diff := cmp.Diff(want, explainEditRaces(in)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestVetErrorsProgress checks that the go command's "downloading" lines,
// which a first run with an empty module cache prints, are not errors
// (they made such a run exit 1 with nothing else said), while an error
// beside them still is.
func TestVetErrorsProgress(t *testing.T) {
	stderr := "go: downloading github.com/jackc/pgx/v5 v5.7.1\ngo: finding module for package example.com/x\n# example.com/m/p\np/p.go:3:2: undefined: x\n"
	errs := vetErrors(stderr)
	if len(errs) != 1 || errs[0].Message != "p/p.go:3:2: undefined: x" {
		t.Errorf("vetErrors = %+v, want only the type error", errs)
	}
	if got := progressLines(stderr); len(got) != 2 {
		t.Errorf("progressLines = %q, want the two go: lines", got)
	}
}
