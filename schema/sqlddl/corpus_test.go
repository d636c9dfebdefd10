package sqlddl

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// corpusDir is the shared real-world corpus, kept outside the repository.
func corpusDir(t testing.TB) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s is absent; skipping real-world corpus test", dir)
	}
	return dir
}

var leadingNum = regexp.MustCompile(`^(\d+)`)

// numericSort orders migration files by their leading number (10_ after 9_).
func numericSort(paths []string) {
	num := func(p string) int {
		rel := filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p)
		if m := leadingNum.FindString(filepath.Base(p)); m != "" {
			n, _ := strconv.Atoi(m)
			return n
		}
		if m := leadingNum.FindString(rel); m != "" {
			n, _ := strconv.Atoi(m)
			return n
		}
		return 0
	}
	sort.SliceStable(paths, func(i, j int) bool {
		a, b := num(paths[i]), num(paths[j])
		if a != b {
			return a < b
		}
		return paths[i] < paths[j]
	})
}

// replay applies files in order to a fresh model of dialect d.
func replay(t *testing.T, d schema.Dialect, paths []string, cut func([]byte) []byte) *schema.Model {
	t.Helper()
	m := &schema.Model{Dialect: d}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if cut != nil {
			src = cut(src)
		}
		Apply(m, schema.NewFile(p, src))
	}
	for _, e := range m.Errors {
		t.Errorf("parse error: %v", e)
	}
	return m
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	ps, err := filepath.Glob(pattern)
	if err != nil || len(ps) == 0 {
		t.Fatalf("no files match %s (%v)", pattern, err)
	}
	return ps
}

func gooseUp(src []byte) []byte {
	if i := strings.Index(string(src), "-- +goose Down"); i >= 0 {
		return src[:i]
	}
	return src
}

func findTableT(t *testing.T, m *schema.Model, name string) *schema.Table {
	t.Helper()
	tb := m.Table(name)
	if tb == nil {
		t.Fatalf("table %s missing", name)
	}
	return tb
}

func findUnique(t *testing.T, tb *schema.Table, name string) *schema.Unique {
	t.Helper()
	for _, u := range tb.Uniques {
		if u.Name == name {
			return u
		}
	}
	var names []string
	for _, u := range tb.Uniques {
		names = append(names, u.Name)
	}
	t.Fatalf("table %s has no unique %s (has %v)", tb.Name, name, names)
	return nil
}

func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	pg := schema.PostgreSQL
	t.Run("lago", func(t *testing.T) {
		m := replay(t, pg, []string{filepath.Join(dir, "lago/structure.sql")}, nil)
		ev := findTableT(t, m, "events")
		u := findUnique(t, ev, "index_unique_transaction_id")
		if got := strings.Join(u.Columns(), ","); got != "organization_id,external_subscription_id,transaction_id" || u.Kind != schema.UniqueIndex {
			t.Errorf("index_unique_transaction_id = %s %v", got, u.Kind)
		}
		if c := ev.Column("external_subscription_id"); c == nil || !c.Nullable {
			t.Errorf("events.external_subscription_id should be nullable: %+v", c)
		}
		if c := ev.Column("organization_id"); c == nil || c.Nullable {
			t.Errorf("events.organization_id should be NOT NULL: %+v", c)
		}
		if len(m.Tables) < 50 {
			t.Errorf("only %d tables", len(m.Tables))
		}
	})
	t.Run("hatchet-schema", func(t *testing.T) {
		for _, p := range glob(t, filepath.Join(dir, "hatchet/schema/*.sql")) {
			replay(t, pg, []string{p}, nil)
		}
	})
	t.Run("hatchet-migrations", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "hatchet/migrations/*.sql"))
		sort.Strings(ps)
		replay(t, pg, ps, gooseUp)
	})
	t.Run("formance", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "formance-ledger/migrations/*/up.sql"))
		numericSort(ps)
		m := replay(t, pg, ps, nil)
		logs := findTableT(t, m, "logs")
		if c := logs.Column("idempotency_key"); c == nil || !c.Nullable {
			t.Errorf("logs.idempotency_key should be nullable: %+v", c)
		}
		u := findUnique(t, logs, "logs_idempotency_key")
		if got := strings.Join(u.Columns(), ","); got != "ledger,idempotency_key" {
			t.Errorf("logs_idempotency_key on %s", got)
		}
	})
	t.Run("river-pgx", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "river-pgx/main/*.up.sql"))
		sort.Strings(ps)
		m := replay(t, pg, ps, nil)
		job := findTableT(t, m, "river_job")
		if c := job.Column("unique_key"); c == nil || !c.Nullable {
			t.Errorf("river_job.unique_key should be nullable: %+v", c)
		}
		u := findUnique(t, job, "river_job_unique_idx")
		if !strings.Contains(u.Where, "unique_key IS NOT NULL") || !u.HasColumn("unique_key") {
			t.Errorf("river_job_unique_idx = %+v", u)
		}
	})
	t.Run("river-sqlite", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "river-sqlite/main/*.up.sql"))
		sort.Strings(ps)
		m := replay(t, schema.SQLite, ps, nil)
		job := findTableT(t, m, "river_job")
		if c := job.Column("unique_key"); c == nil || !c.Nullable {
			t.Errorf("river_job.unique_key should be nullable: %+v", c)
		}
	})
	t.Run("svix", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "svix/migrations/*.up.sql"))
		sort.Strings(ps)
		m := replay(t, pg, ps, nil)
		msg := findTableT(t, m, "message")
		found := false
		for _, u := range msg.Uniques {
			if strings.Join(u.Columns(), ",") == "app_id,uid" && strings.Contains(u.Where, "uid IS NOT NULL") {
				found = true
			}
		}
		if !found {
			t.Errorf("message has no partial unique (app_id, uid): %+v", msg.Uniques)
		}
	})
	t.Run("dbos", func(t *testing.T) {
		var ps []string
		for _, p := range glob(t, filepath.Join(dir, "dbos/migrations/*.sql")) {
			if !strings.Contains(p, "cockroach") {
				ps = append(ps, p)
			}
		}
		numericSort(ps)
		m := replay(t, pg, ps, nil)
		ws := findTableT(t, m, "workflow_status")
		u := findUnique(t, ws, "uq_workflow_status_dedup_id")
		if u.Where == "" {
			t.Errorf("uq_workflow_status_dedup_id should be partial")
		}
		for _, u := range ws.Uniques {
			if u.Name == "uq_workflow_status_queue_name_dedup_id" {
				t.Errorf("dropped constraint still present")
			}
		}
	})
	t.Run("dbos-sqlite", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "dbos/migrations/sqlite/*.sql"))
		numericSort(ps)
		replay(t, schema.SQLite, ps, nil)
	})
	t.Run("trigger.dev", func(t *testing.T) {
		ps := glob(t, filepath.Join(dir, "trigger.dev/migrations/*/migration.sql"))
		sort.Strings(ps)
		m := replay(t, pg, ps, nil)
		tr := findTableT(t, m, "TaskRun")
		if c := tr.Column("idempotencyKey"); c == nil || !c.Nullable {
			t.Errorf("TaskRun.idempotencyKey should be nullable: %+v", c)
		}
	})
}
