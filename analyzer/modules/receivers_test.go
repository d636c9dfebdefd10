package modules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScanMethods checks what the module's method declarations read as:
// receivers through pointers and type parameters, parameter types as
// written (qualified, variadic as a slice, a renamed import by the name
// its package is guessed to declare), and no test files, mocks or test
// doubles (a testutil folder).
func TestScanMethods(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "go.mod", "module example.com/m\n")
	writeFile(t, root, "postgres/store.go", `package postgres

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
	writeFile(t, root, "postgres/store_test.go", "package postgres\n\ntype fake struct{}\n\nfunc (fake) Insert() {}\n")
	writeFile(t, root, "mocks/store.go", "package mocks\n\ntype Store struct{}\n\nfunc (Store) Insert() {}\n")
	writeFile(t, root, "domain/mock_store.go", "package domain\n\ntype Store struct{}\n\nfunc (Store) Insert() {}\n")
	writeFile(t, root, "internal/testutil/store.go", "package testutil\n\ntype InMemoryStore struct{}\n\nfunc (s *InMemoryStore) Insert() {}\n")
	writeFile(t, root, "ent/invoice.go", `package ent

import (
	"context"

	domainInvoice "example.com/m/domain/invoice"
	chi "github.com/go-chi/chi/v5"
)

type invoiceRepository struct{}

func (r *invoiceRepository) Update(ctx context.Context, inv *domainInvoice.Invoice, m chi.Router) error { return nil }
`)
	got := ScanMethods(root)
	want := Methods{Module: "example.com/m", Types: []TypeMethods{
		{Pkg: "example.com/m/ent", Name: "invoiceRepository", Methods: map[string][]string{"Update": {"context.Context", "*invoice.Invoice", "chi.Router"}}},
		{Pkg: "example.com/m/postgres", Name: "Store", Methods: map[string][]string{"Insert": {"context.Context", "*domain.Payment", "[]string"}}},
		{Pkg: "example.com/m/postgres", Name: "Cache", Methods: map[string][]string{"Put": {"K", "map[string][]byte"}}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScanMethods (-want +got):\n%s", diff)
	}
}
