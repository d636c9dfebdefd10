//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/idemlint/idemlint/internal/testuser"
)

// runWithin runs the command in-process and fails t if it does not return
// in time: reading a named pipe would block it forever.
func runWithin(t *testing.T, dir string, args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- runCLI(dir, args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(30 * time.Second):
		t.Fatalf("idemlint %s blocked", strings.Join(args, " "))
		return result{}
	}
}

const (
	keySQL     = "CREATE TABLE u (id int, idempotency_key text UNIQUE);\n"
	keySQL101  = "s.sql:1:25: IDEM101: idempotency key u.idempotency_key is nullable"
	keyPrisma  = "prisma/schema.prisma:9:3: IDEM101: idempotency key Message.idempotencyKey is nullable"
	pipeReason = "IDEM001: cannot read: not a regular file (a named pipe)"
)

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantLines checks that every want line is among the lines of stderr.
func wantLines(t *testing.T, r result, code int, want ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d", r.code, code)
	}
	for _, w := range want {
		found := false
		for _, l := range strings.Split(r.stderr, "\n") {
			found = found || strings.HasPrefix(l, w)
		}
		if !found {
			t.Errorf("stderr lacks a line starting %q:\n%s", w, r.stderr)
		}
	}
}

// Item 1 of issue 10: a named pipe never blocks the run; it is an IDEM001
// at its path and the other files are still checked.
func TestSchemaNamedPipes(t *testing.T) {
	t.Run("sql in a folder", func(t *testing.T) {
		dir := writeTree(t, map[string]string{"d/s.sql": keySQL})
		mkfifo(t, filepath.Join(dir, "d", "p.sql"))
		r := runWithin(t, dir, "schema", "d")
		wantLines(t, r, exitError, "d/"+keySQL101, "d/p.sql: "+pipeReason)
	})
	t.Run("prisma file", func(t *testing.T) {
		dir := writeTree(t, map[string]string{"prisma/schema.prisma": messageSchema})
		mkfifo(t, filepath.Join(dir, "prisma", "extra.prisma"))
		r := runWithin(t, dir, "schema", "prisma")
		wantLines(t, r, exitError, keyPrisma, "prisma/extra.prisma: "+pipeReason)
	})
	t.Run("a folder above a named file", func(t *testing.T) {
		dir := writeTree(t, map[string]string{"d/sub/s.sql": keySQL})
		mkfifo(t, filepath.Join(dir, "d", "p.sql"))
		mkfifo(t, filepath.Join(dir, "d", "sub", "q.sql"))
		r := runWithin(t, dir, "schema", "d/sub/s.sql")
		wantLines(t, r, exitDiagnostics, "d/sub/"+keySQL101)
	})
}

// Item 3: a dangling link is an IDEM001 at its path; the folder's other
// files are still checked.
func TestSchemaDanglingLink(t *testing.T) {
	dir := writeTree(t, map[string]string{"d/s.sql": keySQL})
	if err := os.Symlink("gone.sql", filepath.Join(dir, "d", "broken.sql")); err != nil {
		t.Fatal(err)
	}
	r := runWithin(t, dir, "schema", "d")
	wantLines(t, r, exitError, "d/"+keySQL101, "d/broken.sql: IDEM001: cannot read: dangling symbolic link to gone.sql")
}

// Items 2 and 3, with permission bits, so run as an unprivileged user: an
// unreadable neighbour of a named file is not read at all, and an
// unreadable subfolder or file is an IDEM001 at its path while the other
// files are still checked.
func TestSchemaUnreadable(t *testing.T) {
	dir := os.Getenv("IDEMLINT_UNREADABLE_DIR")
	if dir == "" {
		dir = testuser.TempDir(t)
		for name, content := range map[string]string{
			"a/dir/file.sql":  keySQL,
			"a/notes.sql":     "secret",
			"a/dir/other.sql": "secret",
			"b/s.sql":         keySQL,
			"b/secret.sql":    "secret",
			"b/sub/t.sql":     "secret",
		} {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range []string{"a/notes.sql", "a/dir/other.sql", "b/secret.sql", "b/sub"} {
			if err := os.Chmod(filepath.Join(dir, filepath.FromSlash(p)), 0o000); err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "b", "sub"), 0o755) })
		for _, d := range []string{"a", "a/dir", "b"} {
			if err := os.Chmod(filepath.Join(dir, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	if testuser.Drop(t, "IDEMLINT_UNREADABLE_DIR="+dir) {
		return
	}
	r := runWithin(t, dir, "schema", "a/dir/file.sql")
	wantLines(t, r, exitDiagnostics, "a/dir/file.sql:1:25: IDEM101")
	if strings.Contains(r.stderr, "notes.sql") || strings.Contains(r.stderr, "other.sql") {
		t.Errorf("a neighbour of the named file was read:\n%s", r.stderr)
	}
	r = runWithin(t, dir, "schema", "b")
	wantLines(t, r, exitError, "b/"+keySQL101,
		"b/secret.sql: IDEM001: cannot read: permission denied",
		"b/sub: IDEM001: cannot read: permission denied")
}
