package load

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

func TestFileDialect(t *testing.T) {
	for _, tc := range []struct {
		path        string
		src         string
		declarative bool
		want        schema.Dialect
	}{
		{"m/001_shard_mappings.up.spanner.sql", "CREATE TABLE t (a STRING(50) NOT NULL) PRIMARY KEY (a);", false, schema.Spanner},
		{"m/001_shard_mappings.up.mysql.sql", "CREATE TABLE t (a int);", false, schema.MySQL},
		{"m/002_x.sqlite.up.sql", "", false, schema.SQLite},
		{"m/events.clickhouse.sql", "", false, schema.ClickHouse},
		{"baseline/clickhouse_baseline_20260819.sql", "", true, schema.ClickHouse},
		{"baseline/postgres_baseline_20260819.sql", "", true, schema.PostgreSQL},
		// In a history, a modelled engine's word in a name is no proof (a
		// postgres step may be named after what it migrates from).
		{"m/003_copy_from_mysql.sql", "", false, schema.DialectUnknown},
		{"m/003_fix_mysql.sql", "", false, schema.DialectUnknown},
		{"m/003_drop_sqlite_tables.sql", "", true, schema.DialectUnknown},
		{"m/004_events.up.sql", "CREATE TABLE events (id UUID) ENGINE = MergeTree ORDER BY id;", false, schema.ClickHouse},
		{"m/004_events.up.sql", "create table events (id UUID)\nengine = ReplicatedReplacingMergeTree('/p', '{r}', v)\norder by id;", false, schema.ClickHouse},
		{"m/005_idx.up.sql", "ALTER TABLE profiles ADD INDEX IF NOT EXISTS expired_index expired TYPE minmax GRANULARITY 1", false, schema.ClickHouse},
		{"m/005_idx.up.sql", "ALTER TABLE e ADD INDEX i x TYPE bloom_filter GRANULARITY 8192;", false, schema.ClickHouse},
		{"m/006_col.up.sql", "ALTER TABLE p ADD COLUMN envs Array(LowCardinality(String));", false, schema.ClickHouse},
		{"m/007_spanner.up.sql", "CREATE TABLE files (\n  id STRING(MAX) NOT NULL,\n) PRIMARY KEY (id);", false, schema.Spanner},
		{"m/007_spanner.up.sql", "ALTER TABLE files ADD COLUMN name STRING(MAX);", false, schema.Spanner},
		// CockroachDB writes STRING(n) too, with its keys inside the table.
		{"db/schema.sql", "CREATE TABLE IF NOT EXISTS payouts (\n  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n  currency STRING(3) NOT NULL,\n  idempotency_key STRING,\n  UNIQUE INDEX payouts_key (idempotency_key)\n);", true, schema.DialectUnknown},
		// MySQL and PostgreSQL that only look alike.
		{"m/008_mysql.up.sql", "CREATE TABLE t (id int PRIMARY KEY) ENGINE=InnoDB;", false, schema.DialectUnknown},
		{"m/009_pg.up.sql", "CREATE TABLE t (id int, CONSTRAINT t_pk PRIMARY KEY (id));\nCREATE INDEX t_i ON t USING brin (id);", false, schema.DialectUnknown},
		{"m/010_pg.up.sql", "-- like ClickHouse's ENGINE = MergeTree, but not\nCREATE TABLE t (id int);", false, schema.DialectUnknown},
	} {
		got, from := FileDialect(tc.path, []byte(tc.src), tc.declarative)
		if got != tc.want {
			t.Errorf("FileDialect(%s, %q) = %v (%s), want %v", tc.path, tc.src, got, from, tc.want)
		}
	}
}

func FuzzFileDialect(f *testing.F) {
	f.Add("x.up.mysql.sql", "CREATE TABLE t (a STRING(MAX)) PRIMARY KEY (a);")
	f.Add("clickhouse_x.sql", "ENGINE = MergeTree\n-- ENGINE = Log")
	f.Fuzz(func(t *testing.T, name, src string) {
		FileDialect(name, []byte(src), true)
		FileDialect(name, []byte(src), false)
	})
}

// notes returns "base: message" for each note of models and res.
func notes(models []*schema.Model, extra []schema.Note) []string {
	var out []string
	for _, m := range models {
		for _, n := range m.Notes {
			out = append(out, filepath.Base(n.Path)+": "+n.Message)
		}
	}
	for _, n := range extra {
		out = append(out, filepath.Base(n.Path)+": "+n.Message)
	}
	slices.Sort(out)
	return out
}

// TestClickHouseBesidePostgres: a ClickHouse step in a PostgreSQL history
// is left unread with a note, never read as PostgreSQL (no IDEM001), and
// the PostgreSQL steps are still checked.
func TestClickHouseBesidePostgres(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"migrations/001_init.up.sql":   "CREATE TABLE runs (id bigserial PRIMARY KEY, idempotency_key text);\nCREATE UNIQUE INDEX runs_key ON runs (idempotency_key);\n",
		"migrations/002_events.up.sql": "CREATE TABLE events (\n    `id` UUID CODEC(ZSTD(1)),\n    name LowCardinality(String),\n    INDEX name_idx name TYPE bloom_filter GRANULARITY 1\n)\nENGINE = MergeTree\nORDER BY id;\n",
		"migrations/003_more.up.sql":   "ALTER TABLE runs ADD COLUMN note text;\n",
	})
	res := Check([]string{root}, Config{})
	if diff := cmp.Diff([]string{"IDEM101 001_init.up.sql"}, codes(res)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	want := []string{`002_events.up.sql: not read: written for ClickHouse ("ENGINE = MergeTree" at line 6), an engine idemlint does not model`}
	if diff := cmp.Diff(want, notes(res.Models, res.Notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if len(res.Models) != 1 || res.Models[0].Dialect != schema.PostgreSQL || len(res.Models[0].Files) != 2 {
		t.Errorf("want one PostgreSQL model of two files, got %d models", len(res.Models))
	}
}

// TestEngineSuffixes is achgateway's layout: every step names its engine,
// MySQL and Spanner side by side. The MySQL steps form a MySQL history (the
// Spanner table must not replace the MySQL one), the Spanner ones are
// noted.
func TestEngineSuffixes(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"migrations/000_noop.up.mysql.sql":             "SELECT 1;",
		"migrations/001_shard_mappings.up.mysql.sql":   "CREATE TABLE shard_mappings(\n  shard_key VARCHAR(50) PRIMARY KEY,\n  dedup_key VARCHAR(50),\n  CONSTRAINT u UNIQUE (shard_key, dedup_key)\n);\n",
		"migrations/001_shard_mappings.up.spanner.sql": "CREATE TABLE shard_mappings (\n  shard_key STRING(50) NOT NULL,\n  dedup_key STRING(50) NOT NULL,\n) PRIMARY KEY (shard_key);\n",
	})
	res := Check([]string{root}, Config{})
	if len(res.Models) != 1 {
		t.Fatalf("got %d models, want one MySQL model", len(res.Models))
	}
	m := res.Models[0]
	if m.Dialect != schema.MySQL || !strings.HasPrefix(m.DialectFrom, "file name") {
		t.Errorf("dialect %v from %q, want mysql from a file name", m.Dialect, m.DialectFrom)
	}
	if diff := cmp.Diff([]string{"IDEM101 001_shard_mappings.up.mysql.sql"}, codes(res)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	want := []string{"001_shard_mappings.up.spanner.sql: not read: written for Spanner (file name), an engine idemlint does not model"}
	if diff := cmp.Diff(want, notes(res.Models, res.Notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestTwoModelledEnginesNeverMix: steps for two modelled engines and none
// common become two histories, each replayed as its own engine.
func TestTwoModelledEnginesNeverMix(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"migrations/1_jobs.up.postgres.sql": "CREATE TABLE jobs (id bigserial PRIMARY KEY, dedup_key text NOT NULL UNIQUE);\n",
		"migrations/1_jobs.up.sqlite.sql":   "CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, dedup_key TEXT UNIQUE);\n",
	})
	res := Check([]string{root}, Config{})
	var got []string
	for _, m := range res.Models {
		for _, f := range m.Files {
			got = append(got, m.Dialect.String()+" "+filepath.Base(f.Path))
		}
	}
	slices.Sort(got)
	if diff := cmp.Diff([]string{"postgresql 1_jobs.up.postgres.sql", "sqlite 1_jobs.up.sqlite.sql"}, got); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"IDEM101 1_jobs.up.sqlite.sql"}, codes(res)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestVariantOfAnotherEngineNoted: with common steps, a step written for
// another modelled engine is an alternative the history does not run, and
// says so.
func TestVariantOfAnotherEngineNoted(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"migrations/1_init.up.sql":           "CREATE TABLE jobs (id bigserial PRIMARY KEY, dedup_key text);\n",
		"migrations/2_uniq.up.sql":           "CREATE UNIQUE INDEX jobs_dedup ON jobs (dedup_key);\n",
		"migrations/3_fix.up.mysql.sql":      "ALTER TABLE jobs MODIFY dedup_key varchar(64) NOT NULL;\n",
		"migrations/3_fix.up.postgresql.sql": "ALTER TABLE jobs ALTER COLUMN dedup_key SET NOT NULL;\n",
	})
	res := Check([]string{root}, Config{})
	if len(codes(res)) != 0 {
		t.Errorf("findings %v, want none: the PostgreSQL variant makes the key NOT NULL", codes(res))
	}
	want := []string{"3_fix.up.mysql.sql: not read: a step written for MySQL, in a history read as PostgreSQL (SQL text)"}
	if diff := cmp.Diff(want, notes(res.Models, res.Notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestClickHouseFolder: a history in a folder named for ClickHouse, and a
// file beside its steps that is not one, are noted, not read.
func TestClickHouseFolder(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"go.mod":                                   "module x\n",
		"migrations/clickhouse/001_init.up.sql":    "CREATE TABLE t (id String, dedup_key Nullable(String)) ENGINE = MergeTree ORDER BY id;\n",
		"migrations/clickhouse/002_ttl.up.sql":     "ALTER TABLE t MODIFY TTL toDateTime(ts) + INTERVAL 7 DAY;\n",
		"migrations/clickhouse/003_raw_events.sql": "CREATE TABLE raw (id String) ENGINE = MergeTree ORDER BY id;\n",
		"migrations/baseline/clickhouse_base.sql":  "CREATE TABLE t (`id` String) ENGINE = MergeTree ORDER BY id;\n",
		"migrations/baseline/postgres_base.sql":    "CREATE TABLE jobs (id bigserial PRIMARY KEY, dedup_key text, UNIQUE (dedup_key));\n",
	})
	res := Check([]string{filepath.Join(root, "migrations")}, Config{})
	if diff := cmp.Diff([]string{"IDEM101 postgres_base.sql"}, codes(res)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(res.Beside) != 0 {
		t.Errorf("warnings %v, want notes: a ClickHouse file is not read either way", res.Beside)
	}
	want := []string{
		"001_init.up.sql: not read: written for ClickHouse (\"ENGINE = MergeTree\" at line 1), an engine idemlint does not model",
		"002_ttl.up.sql: not read: written for ClickHouse (folder name), an engine idemlint does not model",
		"003_raw_events.sql: not read: written for ClickHouse (folder name), an engine idemlint does not model",
		"clickhouse_base.sql: not read: written for ClickHouse (file name), an engine idemlint does not model",
	}
	if diff := cmp.Diff(want, notes(res.Models, res.Notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestEngineSyntaxPrefilter checks that each expression's cheap test holds
// wherever the expression matches (so skipping it on a failed test never
// loses a match), on constructs spelled many ways, near misses, and every
// SQL file of the shared corpus.
func TestEngineSyntaxPrefilter(t *testing.T) {
	inputs := []string{
		"CREATE TABLE t (a UInt8) ENGINE = MergeTree ORDER BY a;",
		"create table t (a int) engine=replacingmergetree() order by a",
		"ENGINE\n=\n\tReplicatedMergeTree('/x', '{r}')",
		"ENGINE = Log", "engine=log;", "ENGINE = Kafka SETTINGS x", "ENGINE=Distributed(c, db, t)",
		"ENGINE = MaterializedPostgreSQL('h:5432')", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", "ENGINE = Logs",
		"INDEX i a TYPE bloom_filter GRANULARITY 1", "index i a type set(100) granularity 4", "Granularity",
		"a LowCardinality(String)", "a LowCardinality (String)", "b String CODEC(ZSTD(1))", "CODEC ( Delta, LZ4)",
		") INTERLEAVE IN PARENT p ON DELETE CASCADE", "interleave\nin\nparent p", "Name STRING(MAX)", "name string ( 64 )",
		"data BYTES(MAX)", "data bytes ( max )", "STRING (x)", "bytes",
		"CREATE TABLE t (\n  id INT64,\n) PRIMARY KEY (id)", ")\n\n  primary key(id)", ") Primary Key (a, b)",
		"CONSTRAINT t_pkey PRIMARY KEY (id)", "id int, PRIMARY KEY (id)", "-- ) PRIMARY KEY (id)\n",
	}
	{
		root := filepath.Join("..", "..", "..", "shared", "corpus")
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sql") {
				if b, err := os.ReadFile(p); err == nil {
					inputs = append(inputs, string(b))
				}
			}
			return nil
		})
	}
	matched := 0
	for _, in := range inputs {
		for i, e := range engineSyntax() {
			if e.re.MatchString(in) {
				matched++
				if !e.may([]byte(in), scanEngineWords([]byte(in))) {
					t.Errorf("expression %d matches %.80q, but its cheap test fails", i, in)
				}
			}
		}
	}
	if matched < 20 {
		t.Errorf("only %d matches: the inputs no longer exercise the expressions", matched)
	}
}

func FuzzEngineSyntaxPrefilter(f *testing.F) {
	for _, s := range []string{"ENGINE = MergeTree", ") PRIMARY KEY (id)", "STRING(MAX)", "TYPE minmax GRANULARITY 1", "CODEC(ZSTD)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for i, e := range engineSyntax() {
			if e.re.MatchString(in) && !e.may([]byte(in), scanEngineWords([]byte(in))) {
				t.Errorf("expression %d matches %q, but its cheap test fails", i, in)
			}
		}
	})
}
