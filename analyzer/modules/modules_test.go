package modules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/analyzer/keyuse"
	"github.com/idemlint/idemlint/config"
)

// TestConflictsShared checks that the ON CONFLICT targets (and the columns
// each INSERT … ON CONFLICT writes) one process of a
// go vet run found reach the others whole (every field survives the
// scratch folder's JSON), and that those processes do not scan again.
func TestConflictsShared(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "go.mod", "module example.com/m\n")
	writeFile(t, root, "store/runs.go", "package store\n\nconst q = `INSERT INTO runs (parent_id, child_ref) VALUES ($1, $2) ON CONFLICT (parent_id, child_ref) DO NOTHING`\n\n"+
		"const r = `INSERT INTO jobs (queue, ref) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT jobs_queue_ref DO NOTHING`\n")
	want := keyuse.Scan(root)
	if len(want) != 4 {
		t.Fatalf("keyuse.Scan: %v, want two targets and the two INSERTs' written columns", want)
	}
	work := filepath.Join(t.TempDir(), "go-build1")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	first := NewCache(&config.Options{}).Conflicts(root, work)
	// A target added now is seen only by a process that scans.
	writeFile(t, root, "store/more.go", "package store\n\nconst s = `INSERT INTO logs (a, b) VALUES ($1, $2) ON CONFLICT (a, b) DO NOTHING`\n")
	second := NewCache(&config.Options{}).Conflicts(root, work)
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("first process (-scan +shared):\n%s", diff)
	}
	if diff := cmp.Diff(want, second); diff != "" {
		t.Errorf("second process of the run (-first +second):\n%s", diff)
	}
	if fresh := NewCache(&config.Options{}).Conflicts(root, ""); len(fresh) != 6 {
		t.Errorf("outside a go vet run: %v, want a fresh scan's three targets and three INSERTs", fresh)
	}
}

// writeFile writes text to name below root, making its folders.
func writeFile(t *testing.T, root, name, text string) {
	t.Helper()
	p := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
