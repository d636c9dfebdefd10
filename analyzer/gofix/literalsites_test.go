package gofix

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLiteralSitesShared: the walk's answer, shared by the tool processes
// of a go vet run through its scratch folder, reads back as computed (a
// minted value, a copied field with its offset), and a later process
// reads it instead of walking.
func TestLiteralSitesShared(t *testing.T) {
	root := t.TempDir()
	write := func(rel, src string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n")
	write("store/store.go", `package store

import "github.com/google/uuid"

type Row struct{ Trace string }

type In struct{ ID string }

func minted() Row     { return Row{Trace: uuid.NewString()} }
func copied(in In) Row { return Row{Trace: in.ID} }
`)
	work := t.TempDir()
	SetVetWorkDir(work)
	defer SetVetWorkDir("")
	ask := func() []literalSite {
		literalCache.Clear() // as in a new process
		return literalSites(root, "example.com/m/store", "store", "Row", "Trace")
	}
	first := ask()
	if len(first) != 2 || first[0].Mint == "" || !first[1].Copies || first[1].CopyOff == 0 {
		t.Fatalf("literal sites = %+v, want a minted one and a copy", first)
	}
	shared, _ := filepath.Glob(filepath.Join(work, "idemlint-literalsites-v2-*.json"))
	if len(shared) != 1 {
		t.Fatalf("shared answers in the run's folder: %v, want one", shared)
	}
	// A later process reads the answer: the module is no longer walked.
	if err := os.RemoveAll(filepath.Join(root, "store")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, ask()); diff != "" {
		t.Errorf("literal sites read back (-walked +read):\n%s", diff)
	}
}
