package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigFileEveryDriver: one .idemlint.yaml at the module root changes
// the result of every driver the same way, flags win over it, and neither
// the standalone driver nor plain go vet replays a result cached before
// the file changed.
func TestConfigFileEveryDriver(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := writeTree(t, goModule(messageSchema)) // db embeds db/schema.prisma: one IDEM101
	cfg := filepath.Join(dir, ".idemlint.yaml")
	setConfig := func(text string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	drivers := []struct {
		name string
		args []string
	}{
		{"standalone", []string{bin, "./..."}},
		{"go vet", []string{"go", "vet", "-vettool=" + bin, "./..."}},
		{"go fix", []string{"go", "fix", "-fixtool=" + bin, "-diff", "./..."}},
		{"schema", []string{bin, "schema", "db"}},
		{"schema, from below the root", []string{bin, "schema", "db/schema.prisma"}},
	}
	count := func(args []string) (int, result) {
		r := run(t, dir, args[0], args[1:]...)
		return strings.Count(r.stderr, "IDEM101: ") + strings.Count(r.stdout, "IDEM101: "), r
	}
	// A run of each driver before the file exists fills vet's cache.
	for _, d := range drivers[:2] {
		if n, r := count(d.args); n != 1 {
			t.Fatalf("%s, no file: %d IDEM101, want 1:\n%s", d.name, n, r.stderr)
		}
	}
	for _, tc := range []struct {
		config string
		want   int
	}{
		{"checks: [-IDEM101]\n", 0},
		{"# IDEM101 on again\nchecks: default\n", 1},
		{"dialect: sqlserver  # one NULL per unique: nothing to report\n", 0},
	} {
		setConfig(tc.config)
		for _, d := range drivers {
			if d.name == "go fix" && tc.want > 0 {
				continue // go fix prints only the fixes' diff
			}
			if n, r := count(d.args); n != tc.want {
				t.Errorf("%s with %q: %d IDEM101, want %d:\n%s%s", d.name, tc.config, n, tc.want, r.stdout, r.stderr)
			}
		}
	}
	// Flags override the file.
	setConfig("checks: [-IDEM101]\n")
	for _, args := range [][]string{
		{bin, "-checks=default", "./..."},
		{"go", "vet", "-vettool=" + bin, "-checks=default", "./..."},
		{bin, "schema", "-checks", "default", "db"},
	} {
		if n, r := count(args); n != 1 {
			t.Errorf("%q over checks: [-IDEM101]: %d IDEM101, want 1:\n%s", args[1:], n, r.stderr)
		}
	}
	// A file idemlint cannot use stops every driver with its position.
	setConfig("chekcs: -IDEM101\n")
	for _, d := range drivers {
		if d.name == "go fix" {
			continue // go fix -fixtool says nothing of an analyzer's error
		}
		r := run(t, dir, d.args[0], d.args[1:]...)
		if r.code == 0 || !strings.Contains(r.stdout+r.stderr, `.idemlint.yaml:1:1: unknown setting "chekcs"`) {
			t.Errorf("%s with a misspelled setting: exit %d:\n%s%s", d.name, r.code, r.stdout, r.stderr)
		}
	}
}

func TestHelpConfig(t *testing.T) {
	r := runCLI(t.TempDir(), "help", "config")
	for _, want := range []string{".idemlint.yaml", "schema:", "key:", "dialect:", "checks:", "uncovered:", "go.mod", "override"} {
		if r.code != exitClean || !strings.Contains(r.stdout, want) {
			t.Errorf("idemlint help config: exit %d, no %q in:\n%s", r.code, want, r.stdout)
		}
	}
}
