package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestVetCacheFactsOnlyRunNotReplayed: go vet caches a vet action under a
// key that does not say whether the run reported or only computed facts
// for an importer, so a package first vetted as a dependency (./api vets
// ./store for facts) used to come back empty when vetted itself: no
// finding, exit 0. The packages get a fresh build ID per test run (a
// comment with the time), so the build cache holds neither run of them.
func TestVetCacheFactsOnlyRunNotReplayed(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := t.TempDir()
	copyChat(t, dir)
	nonce := fmt.Sprintf("// run %d\n", time.Now().UnixNano())
	for _, f := range []string{"store/store.go", "api/api.go"} {
		p := filepath.Join(dir, f)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(src, nonce...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first := run(t, dir, bin, "./api")
	if first.code != exitDiagnostics || !strings.Contains(first.stderr, "api/api.go:") {
		t.Fatalf("./api: exit %d, stderr:\n%s", first.code, first.stderr)
	}
	if strings.Contains(first.stderr, "store/store.go:") {
		t.Errorf("./api reports store's finding, which belongs to ./store:\n%s", first.stderr)
	}
	second := run(t, dir, bin, "./store")
	if second.code != exitDiagnostics || !strings.Contains(second.stderr, "store/store.go:") || !strings.Contains(second.stderr, "IDEM201") {
		t.Errorf("./store after ./api: exit %d, stderr:\n%s\nwant store's IDEM201", second.code, second.stderr)
	}
	all := run(t, dir, bin, "./...")
	for _, want := range []string{"store/store.go:", "api/api.go:", "db/schema.prisma:"} {
		if !strings.Contains(all.stderr, want) {
			t.Errorf("./... after ./api and ./store lacks %s: exit %d, stderr:\n%s", want, all.code, all.stderr)
		}
	}
}

// copyChat copies the bundled example module testdata/chat into dir.
func copyChat(t *testing.T, dir string) {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "chat")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
