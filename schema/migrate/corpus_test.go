package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// corpusDir is the shared real-world corpus, kept outside the repository
// (<repo root>/../shared/corpus).
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s is absent; skipping real-world migration tests", dir)
	}
	return dir
}

// until returns a copy of h holding only the steps before the first whose
// version is at least version.
func until(h *History, version string) *History {
	c := *h
	c.Steps = nil
	for _, s := range h.Steps {
		if compareVersions(s.Version, version) >= 0 {
			break
		}
		c.Steps = append(c.Steps, s)
	}
	return &c
}

func mustTable(t *testing.T, m *schema.Model, name string) *schema.Table {
	t.Helper()
	tb := m.Table(name)
	if tb == nil {
		t.Fatalf("table %s missing", name)
	}
	return tb
}

func mustColumn(t *testing.T, tb *schema.Table, name string) *schema.Column {
	t.Helper()
	c := tb.Column(name)
	if c == nil {
		t.Fatalf("column %s.%s missing", tb.Name, name)
	}
	return c
}

// uniqueOn returns the unique of tb whose plain columns are exactly cols.
func uniqueOn(tb *schema.Table, cols ...string) *schema.Unique {
	for _, u := range tb.Uniques {
		if strings.Join(u.Columns(), ",") == strings.Join(cols, ",") && len(u.Parts) == len(cols) {
			return u
		}
	}
	return nil
}

func uniqueNamed(tb *schema.Table, name string) *schema.Unique {
	for _, u := range tb.Uniques {
		if u.Name == name {
			return u
		}
	}
	return nil
}

type corpusCase struct {
	dir     string
	conv    Convention
	dialect schema.Dialect
	steps   int // counted by listing the folder
	skipped int
	check   func(t *testing.T, h *History, m *schema.Model)
}

var corpusCases = []corpusCase{
	{
		dir: "hatchet/migrations", conv: Goose, dialect: schema.PostgreSQL, steps: 224,
		check: func(t *testing.T, h *History, m *schema.Model) {
			// v0_18_0 adds a nullable childKey to a 3-column unique index.
			at := until(h, "20240326151031").Replay(schema.PostgreSQL)
			wr := mustTable(t, at, "WorkflowRun")
			if !mustColumn(t, wr, "childKey").Nullable {
				t.Error("WorkflowRun.childKey is NOT NULL after v0_18_0")
			}
			if uniqueOn(wr, "parentId", "parentStepRunId", "childKey") == nil {
				t.Error("WorkflowRun has no unique (parentId, parentStepRunId, childKey)")
			}
		},
	},
	{
		dir: "dbos/migrations", conv: Numbered, dialect: schema.PostgreSQL, steps: 61,
		check: func(t *testing.T, h *History, m *schema.Model) {
			var variants []string
			for _, s := range h.Steps {
				if s.Variant != schema.DialectUnknown {
					variants = append(variants, filepath.Base(s.Path))
				}
			}
			if want := "10_add_notifications_pkey_cockroach.sql 10_check_notifications_pkey_cockroach.sql 28_drop_dedup_id_constraint_cockroach.sql"; strings.Join(variants, " ") != want {
				t.Errorf("CockroachDB-only steps = %v", variants)
			}
			before := mustTable(t, until(h, "27").Replay(schema.PostgreSQL), "workflow_status")
			if u := uniqueOn(before, "queue_name", "deduplication_id"); u == nil || u.Where != "" {
				t.Errorf("before 27_: want a full unique on (queue_name, deduplication_id), got %+v", u)
			}
			ws := mustTable(t, m, "workflow_status")
			if !mustColumn(t, ws, "deduplication_id").Nullable {
				t.Error("deduplication_id is NOT NULL")
			}
			if u := uniqueNamed(ws, "uq_workflow_status_queue_name_dedup_id"); u != nil {
				t.Errorf("the full unique constraint survived 28_: %+v", u)
			}
			u := uniqueOn(ws, "queue_name", "deduplication_id")
			if u == nil || u.Name != "uq_workflow_status_dedup_id" || !strings.Contains(u.Where, "IS NOT NULL") {
				t.Errorf("want partial unique index uq_workflow_status_dedup_id, got %+v", u)
			}
		},
	},
	{
		dir: "dbos/migrations/sqlite", conv: Numbered, dialect: schema.SQLite, steps: 47,
		check: func(t *testing.T, h *History, m *schema.Model) {
			ws := mustTable(t, m, "workflow_status")
			if u := uniqueOn(ws, "queue_name", "deduplication_id"); u == nil || u.Where == "" {
				t.Errorf("want a partial unique on (queue_name, deduplication_id), got %+v", u)
			}
		},
	},
	{
		dir: "river-pgx/main", conv: GolangMigrate, dialect: schema.PostgreSQL, steps: 7, skipped: 7,
		check: checkRiver,
	},
	{
		dir: "river-sqlite/main", conv: GolangMigrate, dialect: schema.SQLite, steps: 7, skipped: 7,
		check: checkRiver,
	},
	{
		dir: "svix/migrations", conv: GolangMigrate, dialect: schema.PostgreSQL, steps: 16, skipped: 16,
		check: func(t *testing.T, h *History, m *schema.Model) {
			msg := mustTable(t, m, "message")
			if u := uniqueOn(msg, "app_id", "uid"); u == nil || !strings.Contains(u.Where, "uid IS NOT NULL") {
				t.Errorf("message (app_id, uid): want a partial unique, got %+v", u)
			}
		},
	},
	{
		dir: "formance-ledger/migrations", conv: DirPerMigration, dialect: schema.PostgreSQL, steps: 54,
		check: func(t *testing.T, h *History, m *schema.Model) {
			logs := mustTable(t, m, "logs")
			if !mustColumn(t, logs, "idempotency_key").Nullable {
				t.Error("logs.idempotency_key is NOT NULL")
			}
			u := uniqueNamed(logs, "logs_idempotency_key")
			if u == nil || strings.Join(u.Columns(), ",") != "ledger,idempotency_key" || u.Where != "" {
				t.Errorf("logs_idempotency_key = %+v, want unique index (ledger, idempotency_key)", u)
			}
			if u != nil && !strings.Contains(u.Span.File.Path, "8-ik-ledger-unique-index") {
				t.Errorf("logs_idempotency_key defined at %v, want 8-ik-ledger-unique-index", u.Span)
			}
			tx := mustTable(t, m, "transactions")
			knownGap(t, !mustColumn(t, tx, "sources").Nullable,
				"40-refine-columns-types sets transactions.sources NOT NULL inside do $$ begin … end $$")
			knownGap(t, tx.Column("template") != nil,
				"48-add-transaction-templates adds transactions.template inside do $$ begin … end $$")
		},
	},
	{
		dir: "trigger.dev/migrations", conv: PrismaMigrate, dialect: schema.PostgreSQL, steps: 820,
		check: func(t *testing.T, h *History, m *schema.Model) {
			before := mustTable(t, until(h, "20240418092931").Replay(schema.PostgreSQL), "TaskRun")
			if mustColumn(t, before, "idempotencyKey").Nullable {
				t.Error("TaskRun.idempotencyKey nullable before 20240418092931_make_idempotency_key_optional")
			}
			tr := mustTable(t, m, "TaskRun")
			ik := mustColumn(t, tr, "idempotencyKey")
			if !ik.Nullable {
				t.Error("TaskRun.idempotencyKey is NOT NULL after replay")
			}
			if by := sqlddl.NullabilityChangedBy(ik); !strings.Contains(by.String(), "20240418092931_make_idempotency_key_optional/migration.sql:2:") {
				t.Errorf("nullability of TaskRun.idempotencyKey changed by %v, want the DROP NOT NULL of 20240418092931", by)
			}
			t.Logf("TaskRun.idempotencyKey defined at %v, made optional at %v", ik.Span, sqlddl.NullabilityChangedBy(ik))
			if u := uniqueOn(tr, "runtimeEnvironmentId", "taskIdentifier", "idempotencyKey"); u == nil {
				t.Error("TaskRun has no unique (runtimeEnvironmentId, taskIdentifier, idempotencyKey)")
			}
			if u := uniqueOn(tr, "runtimeEnvironmentId", "idempotencyKey"); u != nil {
				t.Errorf("the superseded unique (runtimeEnvironmentId, idempotencyKey) survived: %v", u.Span)
			}
			if wp := mustColumn(t, mustTable(t, m, "Waitpoint"), "idempotencyKey"); wp.Nullable {
				t.Error("Waitpoint.idempotencyKey is nullable")
			}
		},
	},
}

func checkRiver(t *testing.T, h *History, m *schema.Model) {
	job := mustTable(t, m, "river_job")
	if !mustColumn(t, job, "unique_key").Nullable {
		t.Error("river_job.unique_key is NOT NULL")
	}
	u := uniqueNamed(job, "river_job_unique_idx")
	if u == nil || strings.Join(u.Columns(), ",") != "unique_key" || !strings.Contains(u.Where, "unique_key IS NOT NULL") {
		t.Errorf("river_job_unique_idx = %+v, want a partial unique index on unique_key", u)
	}
	if old := uniqueNamed(job, "river_job_kind_unique_key_idx"); old != nil {
		t.Errorf("river_job_kind_unique_key_idx survived 006_bulk_unique: %v", old.Span)
	}
	if strings.Contains(h.Dir, "river-pgx") {
		mig := mustTable(t, m, "river_migration")
		knownGap(t, mig.Column("line") != nil,
			"005_migration_unique_client rebuilds river_migration with a line column inside DO $body$ … $body$")
	}
}

// knownGap logs a state the replay does not reach yet because of an sqlddl
// limitation reported to its owner, so the test records it without failing;
// once sqlddl reads it, the log says to turn it into an assertion.
func knownGap(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		t.Logf("known sqlddl gap now handled, make this an assertion: %s", what)
		return
	}
	t.Logf("known sqlddl gap: %s", what)
}

func TestCorpus(t *testing.T) {
	root := corpusDir(t)
	for _, c := range corpusCases {
		t.Run(c.dir, func(t *testing.T) {
			h, err := Discover(filepath.Join(root, c.dir))
			if err != nil {
				t.Fatal(err)
			}
			if h.Convention != c.conv {
				t.Errorf("convention = %v, want %v", h.Convention, c.conv)
			}
			if len(h.Steps) != c.steps || len(h.Skipped) != c.skipped {
				t.Errorf("%d steps, %d skipped; want %d and %d", len(h.Steps), len(h.Skipped), c.steps, c.skipped)
			}
			for i := 1; i < len(h.Steps); i++ {
				a, b := h.Steps[i-1], h.Steps[i]
				if compareVersions(a.Version, b.Version) > 0 || a.Version == b.Version && a.Name > b.Name {
					t.Errorf("out of order: %s before %s", a.Path, b.Path)
				}
			}
			m := h.Replay(c.dialect)
			for _, e := range m.Errors {
				t.Errorf("parse error: %v", e)
			}
			applied := 0
			for _, s := range h.Steps {
				if s.AppliesTo(c.dialect) {
					applied++
				}
			}
			if len(m.Files) != applied {
				t.Errorf("model records %d files, want %d", len(m.Files), applied)
			}
			c.check(t, h, m)
		})
	}
}

// The dbos folder orders 10_ after 9_ and 100_ after 47_, which a lexical
// sort gets wrong.
func TestCorpusDbosNumericOrder(t *testing.T) {
	h, err := Discover(filepath.Join(corpusDir(t), "dbos", "migrations"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range h.Steps {
		got = append(got, filepath.Base(s.Path))
	}
	idx := func(name string) int {
		for i, g := range got {
			if g == name {
				return i
			}
		}
		t.Fatalf("%s missing", name)
		return -1
	}
	if !(idx("9_add_workflow_schedules.sql") < idx("10_add_notifications_pkey.sql") &&
		idx("47_drop_partition_dequeue_index.sql") < idx("100_add_workflow_status_application_name.sql") &&
		idx("105_set_enqueue_workflow_search_path.sql")+1 == idx("105_update_enqueue_workflow.sql")) {
		t.Errorf("order = %v", got)
	}
	if got[0] != "1_initial_dbos_schema.sql" || got[len(got)-1] != "107_create_application_versions_unclaimed_index.sql" {
		t.Errorf("first %s, last %s", got[0], got[len(got)-1])
	}
}

func TestCorpusFindSchemas(t *testing.T) {
	root := corpusDir(t)
	srcs, err := FindSchemas(root)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Source{}
	for _, s := range srcs {
		rel, _ := filepath.Rel(root, s.Paths[0])
		got[filepath.ToSlash(rel)] = s
	}
	for path, kind := range map[string]Kind{
		"hatchet/migrations":         MigrationDir,
		"dbos/migrations":            MigrationDir,
		"dbos/migrations/sqlite":     MigrationDir,
		"svix/migrations":            MigrationDir,
		"formance-ledger/migrations": MigrationDir,
		"trigger.dev/migrations":     MigrationDir,
		"trigger.dev/schema.prisma":  Prisma,
		"lago/structure.sql":         Declarative,
	} {
		if s, ok := got[path]; !ok || s.Kind != kind {
			t.Errorf("%s: got %+v, want a %v source", path, s, kind)
		}
	}
	if s := got["dbos/migrations/sqlite"]; s.Dialect != schema.SQLite {
		t.Errorf("dbos sqlite dialect = %v", s.Dialect)
	}
	if s := got["trigger.dev/migrations"]; s.Dialect != schema.PostgreSQL || filepath.Base(s.Mirrors) != "schema.prisma" {
		t.Errorf("trigger.dev migrations = %+v", s)
	}
	for p := range got {
		if strings.Contains(p, "trigger.dev/migrations/") || strings.Contains(p, "formance-ledger/migrations/") {
			t.Errorf("a step folder was reported as a source: %s", p)
		}
	}
}

func BenchmarkReplayTriggerDev(b *testing.B) {
	h, err := Discover(filepath.Join(corpusDir(b), "trigger.dev", "migrations"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(h.Size())
	b.ReportAllocs()
	for b.Loop() {
		if m := h.Replay(schema.PostgreSQL); len(m.Tables) == 0 {
			b.Fatal("no tables")
		}
	}
}

// Discover reads every file; its cost matters for FindSchemas on big repos.
func BenchmarkDiscoverTriggerDev(b *testing.B) {
	dir := filepath.Join(corpusDir(b), "trigger.dev", "migrations")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Discover(dir); err != nil {
			b.Fatal(err)
		}
	}
}
