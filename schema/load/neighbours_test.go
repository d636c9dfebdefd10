package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// neighbourhood writes an empty dir/empty.sql next to size bytes of other
// SQL, half beside it and half one folder up (where a migration history
// would be), and returns the named file.
func neighbourhood(tb testing.TB, size int) string {
	tb.Helper()
	root := tb.TempDir()
	var sb strings.Builder
	for i := 0; sb.Len() < size/2; i++ {
		fmt.Fprintf(&sb, "CREATE TABLE t%d (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n", i)
	}
	if err := os.MkdirAll(filepath.Join(root, "dir"), 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, p := range []string{"dir/big.sql", "other.sql"} {
		if err := os.WriteFile(filepath.Join(root, p), []byte(sb.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	named := filepath.Join(root, "dir", "empty.sql")
	if err := os.WriteFile(named, nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return named
}

// A named file that belongs to no history is loaded alone: its neighbours
// are not read, so they cost nothing.
func TestNamedFileLoadsAlone(t *testing.T) {
	named := neighbourhood(t, 1<<16)
	models, err := Files([]string{named}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 1 || len(models[0].Files) != 1 || models[0].Files[0].Path != named || len(models[0].Tables) != 0 {
		t.Errorf("models = %+v, want one model of the named file alone", models)
	}
}

// BenchmarkNamedFileBesideLargeNeighbours loads an empty file beside 20 MB
// of other SQL, as `idemlint schema dir/empty.sql` does.
func BenchmarkNamedFileBesideLargeNeighbours(b *testing.B) {
	named := neighbourhood(b, 20<<20)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Files([]string{named}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
