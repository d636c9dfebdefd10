package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBundledExample runs the README's first command on the bundled chat
// example (a copy, so -fix cannot touch the repository) and checks that it
// reports the original bug in the schema and at the Go call site, and that
// -fix leaves a module that builds and reports nothing.
func TestBundledExample(t *testing.T) {
	bin := idemlintBinary(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "chat"))); err != nil {
		t.Fatal(err)
	}
	res := run(t, ".", bin, "-C", dir, "./...")
	if res.code != exitDiagnostics {
		t.Fatalf("exit %d, want %d\n%s", res.code, exitDiagnostics, res.stderr)
	}
	for _, want := range []string{
		"db/schema.prisma:29:3: IDEM101: idempotency key Message.idempotencyKey is nullable",
		"messages/messages.go:21:20: IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent",
	} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("output lacks %q:\n%s", want, res.stderr)
		}
	}
	if res := run(t, ".", bin, "-C", dir, "-fix", "./..."); res.code != exitClean {
		t.Fatalf("-fix: exit %d\n%s", res.code, res.stderr)
	}
	if res := run(t, dir, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("fixed example does not build:\n%s", res.stderr)
	}
	if res := run(t, ".", bin, "-C", dir, "./..."); res.code != exitClean {
		t.Errorf("after -fix: exit %d\n%s", res.code, res.stderr)
	}
}
