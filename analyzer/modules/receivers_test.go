package modules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScanMethods checks what the module's method declarations read as:
// receivers through pointers and type parameters, parameter types as
// written (qualified, variadic as a slice), and no test files or mocks.
func TestScanMethods(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n")
	write("postgres/store.go", `package postgres

import (
	"context"

	"example.com/m/domain"
)

type Store struct{}

func (s *Store) Insert(ctx context.Context, p *domain.Payment, tags ...string) error { return nil }

type Cache[K comparable] struct{}

func (c Cache[K]) Put(k K, m map[string][]byte) {}

func helper() {}
`)
	write("postgres/store_test.go", "package postgres\n\ntype fake struct{}\n\nfunc (fake) Insert() {}\n")
	write("mocks/store.go", "package mocks\n\ntype Store struct{}\n\nfunc (Store) Insert() {}\n")
	write("domain/mock_store.go", "package domain\n\ntype Store struct{}\n\nfunc (Store) Insert() {}\n")
	got := ScanMethods(root)
	want := Methods{Module: "example.com/m", Types: []TypeMethods{
		{Pkg: "example.com/m/postgres", Name: "Store", Methods: map[string][]string{"Insert": {"context.Context", "*domain.Payment", "[]string"}}},
		{Pkg: "example.com/m/postgres", Name: "Cache", Methods: map[string][]string{"Put": {"K", "map[string][]byte"}}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScanMethods (-want +got):\n%s", diff)
	}
}
