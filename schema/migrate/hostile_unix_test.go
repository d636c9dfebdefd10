//go:build unix

package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/internal/testuser"
	"github.com/idemlint/idemlint/schema"
)

// within fails t if f does not return in time: a read that blocks on a
// named pipe would otherwise hang the test binary.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}

// errorsAt lists a model's errors as "relative path: message".
func errorsAt(dir string, m *schema.Model) []string {
	var out []string
	for _, e := range m.Errors {
		rel, _ := filepath.Rel(dir, e.Pos.Path)
		out = append(out, filepath.ToSlash(rel)+": "+e.Msg)
	}
	return out
}

// A named pipe or a dangling link among the steps is an error at its
// path; the other steps are still replayed, and nothing blocks.
func TestDiscoverHostileSteps(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"1_init.sql":  "-- +goose Up\nCREATE TABLE a (k text UNIQUE);\n-- +goose Down\nDROP TABLE a;\n",
		"4_later.sql": "-- +goose Up\nCREATE TABLE b (k text);\n",
		"notes.sql":   "unversioned: never read",
	})
	mkfifo(t, filepath.Join(dir, "2_pipe.sql"))
	mkfifo(t, filepath.Join(dir, "readme.sql")) // not a step: never opened
	if err := os.Symlink("gone.sql", filepath.Join(dir, "3_broken.sql")); err != nil {
		t.Fatal(err)
	}
	var h *History
	var m *schema.Model
	within(t, "Discover", func() {
		var err error
		if h, err = Discover(dir); err != nil {
			t.Error(err)
			return
		}
		m = h.Replay(schema.PostgreSQL)
	})
	if h == nil {
		return
	}
	if h.Convention != Goose {
		t.Errorf("convention = %v, want goose", h.Convention)
	}
	if diff := cmp.Diff([]string{"1_init.sql", "2_pipe.sql", "3_broken.sql", "4_later.sql"}, stepNames(t, h)); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	want := []string{
		"2_pipe.sql: cannot read: not a regular file (a named pipe)",
		"3_broken.sql: cannot read: dangling symbolic link to gone.sql",
	}
	if diff := cmp.Diff(want, errorsAt(dir, m)); diff != "" {
		t.Errorf("model errors (-want +got):\n%s", diff)
	}
	if m.Table("a") == nil || m.Table("b") == nil {
		t.Errorf("tables a and b not both replayed: %v", m.Tables)
	}
}

// Scan decides membership from names and reads no step, not even a pipe.
func TestScanReadsNothing(t *testing.T) {
	dir := writeTree(t, map[string]string{"1_a.sql": "CREATE TABLE a (k text);"})
	mkfifo(t, filepath.Join(dir, "2_b.sql"))
	within(t, "Scan", func() {
		h, err := Scan(dir)
		if err != nil {
			t.Error(err)
			return
		}
		if !h.HasStep(filepath.Join(dir, "2_b.sql")) || h.HasStep(filepath.Join(dir, "x.sql")) {
			t.Errorf("HasStep wrong: steps %v", stepNames(t, h))
		}
		for _, s := range h.Steps {
			if s.Src() != nil {
				t.Errorf("Scan read %s", s.Path)
			}
		}
	})
}

// A Prisma folder with a pipe for a migration.sql and for its lock file:
// both are errors at their paths, the other migration is replayed.
func TestDiscoverPrismaPipes(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"20240101000000_init/migration.sql": `CREATE TABLE "a" ("k" TEXT);`,
	})
	mkfifo(t, filepath.Join(dir, "20240202000000_pipe", "migration.sql"))
	mkfifo(t, filepath.Join(dir, "migration_lock.toml"))
	within(t, "Discover", func() {
		h, err := Discover(dir)
		if err != nil {
			t.Error(err)
			return
		}
		m := h.Replay(schema.PostgreSQL)
		want := []string{
			"migration_lock.toml: cannot read: not a regular file (a named pipe)",
			"20240202000000_pipe/migration.sql: cannot read: not a regular file (a named pipe)",
		}
		if diff := cmp.Diff(want, errorsAt(dir, m)); diff != "" {
			t.Errorf("model errors (-want +got):\n%s", diff)
		}
		if h.Convention != PrismaMigrate || m.Table("a") == nil {
			t.Errorf("convention %v, tables %v", h.Convention, m.Tables)
		}
	})
}

// Unreadable steps and step folders (permission bits, checked as an
// unprivileged user) are errors at their paths.
func TestDiscoverUnreadable(t *testing.T) {
	dir := os.Getenv("MIGRATE_UNREADABLE_DIR")
	if dir == "" {
		dir = testuser.TempDir(t)
		for name, content := range map[string]string{
			"1_a/migration.sql": `CREATE TABLE "a" ("k" TEXT);`,
			"2_b/migration.sql": `CREATE TABLE "b" ("k" TEXT);`,
			"3_c/migration.sql": `CREATE TABLE "c" ("k" TEXT);`,
		} {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(filepath.Join(dir, "2_b", "migration.sql"), 0o000); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, "3_c"), 0o000); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "3_c"), 0o755) })
	}
	if testuser.Drop(t, "MIGRATE_UNREADABLE_DIR="+dir) {
		return
	}
	h, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := h.Replay(schema.PostgreSQL)
	want := []string{
		"3_c: cannot read: permission denied",
		"2_b/migration.sql: cannot read: permission denied",
	}
	if diff := cmp.Diff(want, errorsAt(dir, m)); diff != "" {
		t.Errorf("model errors (-want +got):\n%s", diff)
	}
	if m.Table("a") == nil {
		t.Error("table a not replayed")
	}
}

// FindSchemas never opens a pipe, whatever it is called.
func TestFindSchemasPipes(t *testing.T) {
	root := writeTree(t, map[string]string{
		"db/schema.sql":    "CREATE TABLE t (k text);",
		"prisma/a.prisma":  "datasource db {\n  provider = \"postgresql\"\n}\n",
		"migrations/1.sql": "CREATE TABLE m (k text);",
	})
	for _, p := range []string{"sqlc.yaml", "atlas.hcl", "prisma/schema.prisma", "migrations/2_pipe.sql", "db/x.sql"} {
		mkfifo(t, filepath.Join(root, filepath.FromSlash(p)))
	}
	within(t, "FindSchemas", func() {
		srcs, err := FindSchemas(root)
		if err != nil {
			t.Error(err)
			return
		}
		var kinds []string
		for _, s := range srcs {
			rel, _ := filepath.Rel(root, s.Paths[0])
			kinds = append(kinds, s.Kind.String()+" "+filepath.ToSlash(rel))
		}
		if got := strings.Join(kinds, ", "); !strings.Contains(got, "migration-dir migrations") || !strings.Contains(got, "prisma prisma/a.prisma") {
			t.Errorf("sources = %s", got)
		}
	})
}
