package load

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writePairs writes a golang-migrate history of n up/down pairs: each step
// creates a table and adds a column to the one before; the last adds a key
// in a unique index.
func writePairs(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "migrations")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		up := fmt.Sprintf("CREATE TABLE t%d (id bigint PRIMARY KEY, name text NOT NULL);\nALTER TABLE t%d ADD COLUMN note text;\n", i, i-1)
		switch i {
		case 1:
			up = "CREATE TABLE t0 (id bigint PRIMARY KEY);\n"
		case n:
			up = fmt.Sprintf("ALTER TABLE t%d ADD COLUMN idempotency_key text;\nCREATE UNIQUE INDEX t_key ON t%d (idempotency_key);\n", i-1, i-1)
		}
		for name, src := range map[string]string{
			fmt.Sprintf("%06d_step.up.sql", i):   up,
			fmt.Sprintf("%06d_step.down.sql", i): "SELECT 1;\n",
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return dir
}

// BenchmarkLongHistory checks a golang-migrate history of n up/down pairs
// (idemlint schema migrations/): it costs O(n), once it was O(n²), with a
// scan of the folder per down file.
func BenchmarkLongHistory(b *testing.B) {
	for _, n := range []int{250, 1000, 20000} {
		b.Run(fmt.Sprintf("pairs=%d", n), func(b *testing.B) {
			dir := writePairs(b, n)
			for b.Loop() {
				res := Check([]string{dir}, Config{})
				if len(res.Findings) != 1 {
					b.Fatalf("findings: %d, want the one IDEM101", len(res.Findings))
				}
			}
		})
	}
}

// TestLongHistoryFindings: the history the benchmark reads has its one
// finding, and every down file is the history's (no note about files
// beside it).
func TestLongHistoryFindings(t *testing.T) {
	dir := writePairs(t, 50)
	res := Check([]string{dir}, Config{})
	if got := codes(res); len(got) != 1 || got[0] != "IDEM101 000050_step.up.sql" || len(res.Beside) != 0 {
		t.Errorf("findings %q, beside %v", got, res.Beside)
	}
}
