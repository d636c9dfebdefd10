package load

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// corpusDir returns ../shared/corpus beside the repository, or skips.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("real-world schema corpus not found at %s; it lives beside the repository, never in it", corpus)
	}
	return corpus
}

// summary is "CODE Table.column" per finding, sorted, for go-cmp.
func summary(t *testing.T, models []*schema.Model, opts schema.Options) []string {
	t.Helper()
	var out []string
	for _, m := range models {
		for _, e := range m.Errors {
			t.Errorf("parse error: %v", e)
		}
		for _, f := range schema.Check(m, opts) {
			name := f.Table.Name
			if f.Table.ModelName != "" {
				name = f.Table.ModelName
			}
			col := f.Column.Name
			if fn := f.Column.FieldName(); fn != "" {
				col = fn
			}
			out = append(out, f.Code+" "+name+"."+col)
		}
	}
	sort.Strings(out)
	return out
}

func TestCorpus(t *testing.T) {
	corpus := corpusDir(t)
	lagoKey := schema.Options{Keys: schema.KeyMatcher{Extra: []string{"transaction_id"}}}
	tests := []struct {
		path string
		opts schema.Options
		want []string
	}{
		// Session.externalId: its doc comment says it is for "idempotent upsert".
		{"trigger.dev/schema.prisma", schema.Options{}, []string{"IDEM101 BatchTaskRun.idempotencyKey", "IDEM101 Session.externalId", "IDEM101 TaskRun.idempotencyKey"}},
		{"trigger.dev", schema.Options{}, []string{"IDEM101 BatchTaskRun.idempotencyKey", "IDEM101 Session.externalId", "IDEM101 TaskRun.idempotencyKey"}},
		// Commission.invoiceId: "// only for sales (idempotency key, …)".
		{"dub/schema", schema.Options{}, []string{"IDEM101 Commission.invoiceId"}},
		{"formance-ledger/migrations", schema.Options{}, []string{"IDEM101 logs.idempotency_key"}},
		{"lago/structure.sql", schema.Options{}, nil},
		{"lago/structure.sql", lagoKey, []string{"IDEM103 events.external_subscription_id"}},
		// Without -key: the child-workflow index (parentId, parentStepRunId,
		// childKey) and the queue's (tenantId, queue, uniqueKey) are closed
		// by a nullable key-named column whose NULLs they let in (once per
		// schema: declarative and migrations). rateLimitKey and eventKey
		// close unique rules too, but are NOT NULL references: no key.
		{"hatchet", schema.Options{}, []string{
			"IDEM101 InternalQueueItem.uniqueKey", "IDEM101 InternalQueueItem.uniqueKey",
			"IDEM101 WorkflowRun.childKey", "IDEM101 WorkflowRun.childKey",
			"IDEM101 WorkflowTriggerScheduledRef.childKey", "IDEM101 WorkflowTriggerScheduledRef.childKey",
		}},
		{"river-pgx/main", schema.Options{}, nil},
		{"river-sqlite/main", schema.Options{}, nil},
		{"svix/migrations", schema.Options{}, nil},
		{"dbos/migrations", schema.Options{}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.path, "/", "_"), func(t *testing.T) {
			models, err := Paths([]string{filepath.Join(corpus, tt.path)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summary(t, models, tt.opts)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTriggerDevMerge checks that the Prisma schema and its 820 migrations
// become one model whose findings point at the Prisma field and cite the
// migrations that made the key nullable.
func TestTriggerDevMerge(t *testing.T) {
	corpus := corpusDir(t)
	models, err := Paths([]string{filepath.Join(corpus, "trigger.dev", "schema.prisma")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1 (schema and migrations merged)", len(models))
	}
	var run *schema.Finding
	for _, f := range schema.Check(models[0], schema.Options{}) {
		if f.Table.ModelName == "TaskRun" {
			run = &f
		}
	}
	if run == nil {
		t.Fatal("no finding for TaskRun")
	}
	if !strings.HasSuffix(run.Span.File.Path, "schema.prisma") {
		t.Errorf("finding at %s, want the Prisma field", run.Span.Position())
	}
	var cites []string
	for _, r := range run.Related {
		cites = append(cites, filepath.Base(filepath.Dir(r.Span.File.Path))+": "+r.Message)
	}
	want := "20240418092931_make_idempotency_key_optional: idempotencyKey was made nullable here"
	if !strings.Contains(strings.Join(cites, "\n"), want) {
		t.Errorf("related information does not cite the DROP NOT NULL migration:\n%s", strings.Join(cites, "\n"))
	}
	if len(run.Fixes) == 0 || len(run.Fixes[0].Edits) == 0 || !strings.HasSuffix(run.Fixes[0].Edits[0].File.Path, "schema.prisma") {
		t.Errorf("the fix should edit the Prisma schema: %+v", run.Fixes)
	}
}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMigrationHistory(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"migrations/1_init.up.sql":     "CREATE TABLE messages (id bigint PRIMARY KEY, session_id uuid NOT NULL, idempotency_key text NOT NULL);\n",
		"migrations/1_init.down.sql":   "DROP TABLE messages;\n",
		"migrations/2_unique.up.sql":   "CREATE UNIQUE INDEX messages_key ON messages (session_id, idempotency_key);\n",
		"migrations/10_relax.up.sql":   "ALTER TABLE messages ALTER COLUMN idempotency_key DROP NOT NULL;\n",
		"migrations/10_relax.down.sql": "ALTER TABLE messages ALTER COLUMN idempotency_key SET NOT NULL;\n",
	})
	// Naming only the newest migration (as a pre-commit hook does) still
	// replays the whole history.
	models, err := Paths([]string{filepath.Join(root, "migrations", "10_relax.up.sql")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 1 || models[0].Dialect != schema.PostgreSQL {
		t.Fatalf("got %d models (dialect %v), want one PostgreSQL model", len(models), models[0].Dialect)
	}
	fs := schema.Check(models[0], schema.Options{})
	if len(fs) != 1 || fs[0].Code != "IDEM101" {
		t.Fatalf("findings = %+v, want one IDEM101", fs)
	}
	f := fs[0]
	if got := filepath.Base(f.Span.File.Path); got != "1_init.up.sql" {
		t.Errorf("finding in %s, want the column's definition in 1_init.up.sql", got)
	}
	if len(f.Fixes) != 2 {
		t.Fatalf("got %d fixes, want 2", len(f.Fixes))
	}
	for _, fix := range f.Fixes {
		if len(fix.Edits) != 0 || len(fix.Creates) != 2 {
			t.Errorf("fix %q: %d edits, %d new files; want a new up and down migration and no edit of a migration that may have run", fix.Message, len(fix.Edits), len(fix.Creates))
			continue
		}
		if got := filepath.Base(fix.Creates[0].Path); !strings.HasPrefix(got, "11_") {
			t.Errorf("new migration %s, want version 11", got)
		}
		if !strings.Contains(string(fix.Creates[0].Content), "SET NOT NULL") {
			t.Errorf("new migration lacks SET NOT NULL:\n%s", fix.Creates[0].Content)
		}
	}
}

func TestDeclarativeAndDialectFromPath(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"db/sqlite/schema.sql": "CREATE TABLE jobs (id INTEGER PRIMARY KEY, queue TEXT NOT NULL, dedup_key TEXT, UNIQUE (queue, dedup_key));\n",
	})
	models, err := Paths([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 1 || models[0].Dialect != schema.SQLite {
		t.Fatalf("want one SQLite model, got %d", len(models))
	}
	fs := schema.Check(models[0], schema.Options{})
	if len(fs) != 1 || len(fs[0].Fixes) == 0 || len(fs[0].Fixes[0].Edits) == 0 {
		t.Fatalf("want one finding with an in-place fix, got %+v", fs)
	}
	// The override wins over the folder name.
	models, err = Paths([]string{root}, Options{Dialect: schema.SQLServer})
	if err != nil {
		t.Fatal(err)
	}
	if fs := schema.Check(models[0], schema.Options{}); len(fs) != 0 {
		t.Errorf("SQL Server allows one NULL per unique column set; got %d findings", len(fs))
	}
}

func TestNotASchemaFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "schema.txt")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Paths([]string{p}, Options{}); err == nil {
		t.Error("want an error for a file that is not .prisma or .sql")
	}
}

func TestPrismaDrift(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"prisma/schema.prisma": `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Message {
  id             Int    @id
  sessionId      String
  idempotencyKey String

  @@unique([sessionId, idempotencyKey])
}
`,
		"prisma/migrations/migration_lock.toml": "provider = \"postgresql\"\n",
		"prisma/migrations/20240101000000_init/migration.sql": `CREATE TABLE "Message" ("id" INTEGER NOT NULL, "sessionId" TEXT NOT NULL, "idempotencyKey" TEXT NOT NULL, CONSTRAINT "Message_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "Message_sessionId_idempotencyKey_key" ON "Message"("sessionId", "idempotencyKey");
`,
		"prisma/migrations/20240201000000_optional/migration.sql": `ALTER TABLE "Message" ALTER COLUMN "idempotencyKey" DROP NOT NULL;
`,
	})
	models, err := Paths([]string{filepath.Join(root, "prisma", "schema.prisma")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"IDEM101 Message.idempotencyKey", "IDEM104 Message.idempotencyKey"}, summary(t, models, schema.Options{})); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestDialectFromSqlcConfig(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"go.mod":            "module x\n",
		"sqlc.yaml":         "version: \"2\"\nsql:\n  - engine: \"mysql\"\n    schema: \"db/schema.sql\"\n    queries: \"db/query.sql\"\n",
		"db/schema.sql":     "CREATE TABLE t (id int PRIMARY KEY, idempotency_key varchar(64), UNIQUE KEY uk (idempotency_key));\n",
		"db/migrations/x.y": "",
	})
	models, err := Paths([]string{filepath.Join(root, "db", "schema.sql")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 1 || models[0].Dialect != schema.MySQL {
		t.Fatalf("dialect = %v, want mysql from sqlc.yaml's engine", models[0].Dialect)
	}
}

// Two fixes applied in one run must not create two migrations with one
// version; the two alternative fixes of one column share theirs.
func TestNextMigrationsGetDistinctVersions(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"migrations/1_init.up.sql": "CREATE TABLE a (id int PRIMARY KEY, s int NOT NULL, idempotency_key text, UNIQUE (s, idempotency_key));\n" +
			"CREATE TABLE b (id int PRIMARY KEY, s int NOT NULL, idempotency_key text, UNIQUE (s, idempotency_key));\n",
	})
	models, err := Paths([]string{filepath.Join(root, "migrations")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	versions := map[string]bool{}
	for i := 0; i < 2; i++ { // checking twice plans nothing new
		for _, f := range schema.Check(models[0], schema.Options{}) {
			first := filepath.Base(f.Fixes[0].Creates[0].Path)
			second := filepath.Base(f.Fixes[1].Creates[0].Path)
			if first != second {
				t.Errorf("%s: alternative fixes create %s and %s; want one version", f.Column.Name, first, second)
			}
			versions[first] = true
		}
	}
	if len(versions) != 2 {
		t.Errorf("new migrations %v; want two distinct files (2_… and 3_…), the same on every check", versions)
	}
}
