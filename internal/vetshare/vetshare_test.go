package vetshare

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema/migrate"
)

func TestWorkDir(t *testing.T) {
	for _, tc := range []struct{ cfg, want string }{
		{"/tmp/go-build123/b001/vet.cfg", "/tmp/go-build123"},
		{"/tmp/go-build123/b1234/vet.cfg", "/tmp/go-build123"},
		{"/tmp/go-build123/b001/other.cfg", ""},
		{"/tmp/go-build123/x001/vet.cfg", ""},
		{"/tmp/go-build123/b/vet.cfg", ""},
		{"/tmp/work/b001/vet.cfg", ""},
		{"vet.cfg", ""},
		{"", ""},
	} {
		if got := WorkDir(tc.cfg); got != tc.want {
			t.Errorf("WorkDir(%q) = %q, want %q", tc.cfg, got, tc.want)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFindSchemasShared checks that the second process of a run reads the
// first one's answer instead of walking (a schema added in between is not
// seen, which is how the test tells), that another run walks afresh, and
// that a damaged file is walked around.
func TestFindSchemasShared(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "module m\n")
	writeFile(t, filepath.Join(root, "db", "schema.sql"), "CREATE TABLE a (id int);\n")
	work := filepath.Join(t.TempDir(), "go-build1")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}

	first, err := FindSchemas(work, root)
	if err != nil || len(first) != 1 {
		t.Fatalf("first: %v, %v; want one source", first, err)
	}
	writeFile(t, filepath.Join(root, "other", "schema.sql"), "CREATE TABLE b (id int);\n")
	second, err := FindSchemas(work, root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("second process of the run (-walked +shared):\n%s", diff)
	}

	walked, err := migrate.FindSchemas(root)
	if err != nil || len(walked) != 2 {
		t.Fatalf("walk: %v, %v; want two sources", walked, err)
	}
	if fresh, _ := FindSchemas("", root); !cmp.Equal(fresh, walked) {
		t.Errorf("outside a run: %v, want %v", fresh, walked)
	}
	otherRun := filepath.Join(t.TempDir(), "go-build2")
	if err := os.Mkdir(otherRun, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, _ := FindSchemas(otherRun, root); !cmp.Equal(got, walked) {
		t.Errorf("another run: %v, want %v", got, walked)
	}

	entries, _ := filepath.Glob(filepath.Join(work, "idemlint-schemas-*.json"))
	if len(entries) != 1 {
		t.Fatalf("entries in the run's folder: %v, want one", entries)
	}
	if err := os.WriteFile(entries[0], []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := FindSchemas(work, root); !cmp.Equal(got, walked) {
		t.Errorf("damaged entry: %v, want a walk's %v", got, walked)
	}
	if left, _ := filepath.Glob(filepath.Join(work, "*.json.*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestOnceKinds checks that walks of different kinds over the same module
// keep their answers apart, and that an answer computed with an error is
// not shared.
func TestOnceKinds(t *testing.T) {
	work := filepath.Join(t.TempDir(), "go-build1")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	calls := 0
	count := func(v []string) func() ([]string, error) {
		return func() ([]string, error) { calls++; return v, nil }
	}
	a1, _ := Once(work, "a-v1", "/m", count([]string{"a"}))
	b1, _ := Once(work, "b-v1", "/m", count([]string{"b"}))
	a2, _ := Once(work, "a-v1", "/m", count([]string{"other"}))
	if !cmp.Equal(a1, []string{"a"}) || !cmp.Equal(b1, []string{"b"}) || !cmp.Equal(a2, a1) || calls != 2 {
		t.Errorf("a1 %v, b1 %v, a2 %v after %d computations; want [a] [b] [a] after 2", a1, b1, a2, calls)
	}
	failed := func() ([]string, error) { calls++; return []string{"partial"}, os.ErrNotExist }
	if _, err := Once(work, "c-v1", "/m", failed); err == nil {
		t.Fatal("error not returned")
	}
	if got, err := Once(work, "c-v1", "/m", count([]string{"c"})); err != nil || !cmp.Equal(got, []string{"c"}) {
		t.Errorf("after a failed walk: %v, %v; want a fresh walk's [c]", got, err)
	}
}

// TestFactsOnly reads VetxOnly from a configuration spelled as the go
// command writes it (json.MarshalIndent with tabs).
func TestFactsOnly(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		cfg  any
		want bool
	}{
		{"b001/vet.cfg", struct {
			ID         string
			ImportMap  map[string]string
			VetxOnly   bool
			VetxOutput string
		}{"example.com/m/store", map[string]string{"fmt": "fmt"}, true, "vet.out"}, true},
		{"b002/vet.cfg", struct {
			ID       string
			VetxOnly bool
		}{"example.com/m/store [example.com/m/store.test]", false}, false},
		{"b003/vet.cfg", struct{ ID string }{"example.com/m/api"}, false},
	} {
		data, err := json.MarshalIndent(tc.cfg, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, tc.name)
		writeFile(t, path, string(data))
		if got := FactsOnly(path); got != tc.want {
			t.Errorf("FactsOnly(%s) = %v, want %v:\n%s", tc.name, got, tc.want, data)
		}
	}
	if FactsOnly(filepath.Join(dir, "b009/vet.cfg")) {
		t.Error("FactsOnly of a missing file = true")
	}
}

// TestTestFiles reads GoFiles from a configuration spelled as the go
// command writes it: a test file among them, not elsewhere in the file.
func TestTestFiles(t *testing.T) {
	dir := t.TempDir()
	type cfg struct {
		ID           string
		GoFiles      []string
		IgnoredFiles []string
	}
	for i, tc := range []struct {
		cfg  cfg
		want bool
	}{
		{cfg{"example.com/m/store", []string{"/m/store/a.go", "/m/store/a_test.go"}, nil}, true},
		{cfg{"example.com/m/store_test", []string{"/m/store/x_test.go"}, nil}, true},
		{cfg{"example.com/m/store", []string{"/m/store/a.go", "/m/store/test.go"}, []string{"/m/store/b_windows_test.go"}}, false},
		{cfg{"example.com/m/store", []string{`/m/st"]ore/a.go`, `/m/st"]ore/a_test.go`}, nil}, true},
		{cfg{"example.com/m/store", []string{`/m/store/a_test.go/b.go`}, nil}, false},
		{cfg{"example.com/m/store", nil, nil}, false},
	} {
		data, err := json.MarshalIndent(tc.cfg, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("b%03d", i+1), "vet.cfg")
		writeFile(t, path, string(data))
		if got := TestFiles(path); got != tc.want {
			t.Errorf("TestFiles(%d) = %v, want %v:\n%s", i, got, tc.want, data)
		}
	}
	if TestFiles(filepath.Join(dir, "b099/vet.cfg")) {
		t.Error("TestFiles of a missing file = true")
	}
}
