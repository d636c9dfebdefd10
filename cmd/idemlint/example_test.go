package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBundledExample runs the README's first command on the bundled chat
// example (a copy, so -fix cannot touch the repository) and checks that it
// reports the original bug in the schema, in the repository function that
// inserts the optional key, and in the handler that passes a keyless body on, and that
// -fix leaves a module that builds and reports nothing.
func TestBundledExample(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
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
		"api/api.go:24:47: IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the JSON body has no idempotencyKey, decoded at api.go:20; in.IdempotencyKey is passed to Store.CreateMessage",
		"store/store.go:30:26: IDEM201: idempotency key messages.idempotency_key can be NULL here: CreateMessage's parameter field in.IdempotencyKey is a *string, so every caller may pass nil, and nothing here checks it",
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
