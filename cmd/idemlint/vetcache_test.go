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

// TestVetCacheGoModelEdited: a package that inserts into a GORM model's
// table without importing the model's package is vetted under a key that
// does not cover the model; the digest idemlint hands vet does, so after
// the model's key becomes NOT NULL the insert's IDEM201 is gone instead of
// replayed from vet's cache.
func TestVetCacheGoModelEdited(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	dir := t.TempDir()
	nonce := fmt.Sprintf("// run %d\n", time.Now().UnixNano()) // nothing cached from an earlier run
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src+nonce), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/gormcache\n\ngo 1.25.0\n")
	model := "package models\n\ntype Payment struct {\n\tID             uint    `gorm:\"primaryKey\"`\n\tIdempotencyKey *string `gorm:\"uniqueIndex\"`\n\tAmount         int64   `gorm:\"not null\"`\n}\n"
	write("models/models.go", model)
	write("store/store.go", `package store

import (
	"context"
	"database/sql"
)

// Save writes a payment without its key; store does not import models.
func Save(ctx context.Context, db *sql.DB, amount int64) error {
	_, err := db.ExecContext(ctx, "INSERT INTO payments (amount) VALUES ($1)", amount)
	return err
}
`)
	first := run(t, dir, bin, "./...")
	for _, want := range []string{"models/models.go:5:2: IDEM101", "store/store.go:10:32: IDEM201"} {
		if !strings.Contains(first.stderr, want) {
			t.Fatalf("first run lacks %s: exit %d, stderr:\n%s", want, first.code, first.stderr)
		}
	}
	write("models/models.go", strings.Replace(model, "IdempotencyKey *string `gorm:\"uniqueIndex\"`", "IdempotencyKey string  `gorm:\"not null;uniqueIndex\"`", 1))
	second := run(t, dir, bin, "./...")
	if second.code != 0 || second.stderr != "" {
		t.Errorf("after the key became NOT NULL: exit %d, want 0 and no findings (a stale result replayed?), stderr:\n%s", second.code, second.stderr)
	}
}
