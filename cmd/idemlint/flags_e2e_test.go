package main

import (
	"strings"
	"testing"
)

// TestSameFlagsEverywhere runs the analyzer's flags unprefixed and
// prefixed, standalone and under go vet and go fix, and checks that a
// schema reached both by //go:embed and by -schema reports once.
func TestSameFlagsEverywhere(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := writeTree(t, goModule(messageSchema)) // db embeds db/schema.prisma
	count := func(s string) int { return strings.Count(s, "IDEM101: ") }
	for _, tc := range []struct {
		name string
		args []string
		want int // IDEM101 lines
	}{
		{"standalone", []string{bin, "./..."}, 1},
		{"standalone -schema on an embedded file", []string{bin, "-schema", "db/schema.prisma", "./..."}, 1},
		{"standalone -checks", []string{bin, "-checks=-IDEM101", "./..."}, 0},
		{"vet unprefixed -schema", []string{"go", "vet", "-vettool=" + bin, "-schema=db/schema.prisma", "./..."}, 1},
		{"vet unprefixed -schema, separate value", []string{"go", "vet", "-vettool=" + bin, "-schema", "db", "./..."}, 1},
		{"vet prefixed -schema", []string{"go", "vet", "-vettool=" + bin, "-idemlint.schema=db/schema.prisma", "./..."}, 1},
		{"vet unprefixed -checks", []string{"go", "vet", "-vettool=" + bin, "-checks=-IDEM1*", "./..."}, 0},
		{"vet unprefixed -dialect", []string{"go", "vet", "-vettool=" + bin, "-dialect", "sqlserver", "./..."}, 0},
		{"fix tool unprefixed -key", []string{"go", "fix", "-fixtool=" + bin, "-diff", "-key", "Message.body", "./..."}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // go vet runs side by side on the same module, read only
			r := run(t, dir, tc.args[0], tc.args[1:]...)
			if strings.Contains(r.stderr, "flag provided but not defined") || count(r.stderr) != tc.want {
				t.Errorf("%s: exit %d, want %d IDEM101 lines; stderr:\n%s", strings.Join(tc.args[1:], " "), r.code, tc.want, r.stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		wantStdout []string
		wantStderr string
	}{
		{[]string{"help"}, exitClean, []string{"Usage:", "-schema", "-checks", "IDEM101  on ", "IDEM102  off"}, ""},
		{[]string{"help", "schema"}, exitClean, []string{"Usage: idemlint schema", "-model"}, ""},
		{[]string{"help", "IDEM101"}, exitClean, []string{"## IDEM101\n", "### What it finds", "Online: https://github.com/idemlint/idemlint/blob/main/docs/checks.md#idem101"}, ""},
		{[]string{"help", "idem202"}, exitClean, []string{"## IDEM202\n"}, ""},
		{[]string{"help", "IDEM999"}, exitUsage, nil, "no such check"},
	} {
		r := runCLI(t.TempDir(), tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.wantStderr) {
			t.Errorf("%q: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
		for _, w := range tc.wantStdout {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%q: stdout lacks %q:\n%s", tc.args, w, r.stdout)
			}
		}
	}
}

// TestBrokenPackageHidesNothing: go vet gives up on a whole run when one
// package's test imports a package that does not exist; idemlint still
// reports the other packages' findings, and the error.
func TestBrokenPackageHidesNothing(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	files := goModule(messageSchema)
	files["broken/broken.go"] = "package broken\n"
	files["broken/broken_test.go"] = "package broken\n\nimport _ \"example.com/shop/missing\"\n"
	dir := writeTree(t, files)
	r := run(t, dir, bin, "./...")
	if r.code != exitError || !strings.Contains(r.stderr, "IDEM101: ") || !strings.Contains(r.stderr, "example.com/shop/missing") {
		t.Errorf("exit %d, want 1 with the IDEM101 finding and the broken import; stderr:\n%s", r.code, r.stderr)
	}
}

// TestVerboseNotes: -v asks the analyzer for its notes and prints each
// under the findings ("note: not followed: …", and a schema file of an
// engine idemlint does not model, "note: not read: …"); without -v not one is
// printed, also after a -v run filled go vet's cache, and the exit code
// is the same either way.
func TestVerboseNotes(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	files := goModule(messageSchema)
	files["store/store.go"] = `package store

import (
	"context"
	"database/sql"
)

// Audit writes a table the schema does not declare: its key is not checked.
func Audit(ctx context.Context, db *sql.DB, key string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO audit_log (idempotency_key) VALUES ($1)", key)
	return err
}
`
	files["analytics/analytics.go"] = "package analytics\n\nimport _ \"embed\"\n\n//go:embed events.sql\nvar Schema string\n"
	files["analytics/events.sql"] = "CREATE TABLE events (id UInt64, idempotency_key Nullable(String)) ENGINE = MergeTree ORDER BY id;\n"
	dir := writeTree(t, files)
	const note = "store/store.go:10:32: note: not followed: the INSERT writes table audit_log, which no schema idemlint read declares"
	const schemaNote = "analytics/events.sql:1:1: note: not read: written for ClickHouse"
	quiet := run(t, dir, bin, "./...")
	verbose := run(t, dir, bin, "-v", "./...")
	again := run(t, dir, bin, "./...")
	for _, want := range []string{note, schemaNote} {
		if !strings.Contains(verbose.stderr, want) {
			t.Errorf("-v: exit %d, stderr lacks %q:\n%s", verbose.code, want, verbose.stderr)
		}
	}
	for _, r := range []result{quiet, again} {
		if strings.Contains(r.stderr, "note:") {
			t.Errorf("without -v, a note is printed:\n%s", r.stderr)
		}
	}
	if quiet.code != verbose.code || again.code != verbose.code {
		t.Errorf("exit codes %d (quiet), %d (-v), %d (quiet again): a note changed the exit code", quiet.code, verbose.code, again.code)
	}
}
