package load

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema/migrate"
)

// TestCheckBesideHistory checks the .sql files inside a migration history
// that are not its steps: found in a folder they are listed, not read (the
// migration tool does not run them); named, they are read on their own, so
// a finding in them is never dropped in silence; a down migration is the
// history's own and neither.
func TestCheckBesideHistory(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"migrations/0001_init.up.sql":   "CREATE TABLE a (id int PRIMARY KEY);\n",
		"migrations/0001_init.down.sql": "DROP TABLE a;\n",
		"migrations/extra.sql":          "CREATE TABLE b (id int, idempotency_key text, UNIQUE (id, idempotency_key));\n",
	})
	dir := filepath.Join(root, "migrations")
	extra := filepath.Join(dir, "extra.sql")
	codes := func(r Result) map[string][]checks.Code {
		out := map[string][]checks.Code{}
		for _, f := range r.Findings {
			out[filepath.Base(f.Span.File.Path)] = append(out[filepath.Base(f.Span.File.Path)], f.Code)
		}
		return out
	}

	folder := Check([]string{dir}, Config{})
	if diff := cmp.Diff([]migrate.Skip{{Path: extra, Reason: "neither .up.sql nor .down.sql"}}, folder.Beside); diff != "" {
		t.Errorf("folder: Beside (-want +got):\n%s", diff)
	}
	if got := codes(folder); len(got) != 0 {
		t.Errorf("folder: findings %v, want none (extra.sql is not run by the tool)", got)
	}

	named := Check([]string{extra}, Config{})
	if diff := cmp.Diff(map[string][]checks.Code{"extra.sql": {checks.NullableKey}}, codes(named)); diff != "" {
		t.Errorf("named: findings (-want +got):\n%s", diff)
	}
	if len(named.Beside) != 0 {
		t.Errorf("named: Beside = %v, want none", named.Beside)
	}

	down := Check([]string{filepath.Join(dir, "0001_init.down.sql")}, Config{})
	if len(down.Beside) != 0 || len(down.Findings) != 0 {
		t.Errorf("down file named: Beside %v, findings %v; want neither", down.Beside, down.Findings)
	}
}
