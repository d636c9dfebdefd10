package migrate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// writeTree creates files (path → content) under a new temporary folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// stepNames lists the steps as paths relative to the history's folder.
func stepNames(t *testing.T, h *History) []string {
	t.Helper()
	var out []string
	for _, s := range h.Steps {
		rel, err := filepath.Rel(h.Dir, s.Path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

func discover(t *testing.T, dir string) *History {
	t.Helper()
	h, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestCompareVersions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"9", "10", -1},
		{"10", "100", -1},
		{"010", "9", 1},
		{"007", "7", 0},
		{"20240115180414", "20240115180415", -1},
		{"99999999999999999999", "100000000000000000000", -1}, // beyond uint64
		{"1.1", "1.10", -1},
		{"1.9", "1.10", -1},
		{"1", "1.1", -1},
		{"2", "1.10", 1},
		{"1.0", "1", 0},
	} {
		if got := compareVersions(c.a, c.b); got != c.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := compareVersions(c.b, c.a); got != -c.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", c.b, c.a, got, -c.want)
		}
	}
}

func TestDiscoverOrder(t *testing.T) {
	for _, c := range []struct {
		name    string
		files   map[string]string
		conv    Convention
		want    []string
		skipped int
	}{
		{
			name: "numbered: 10_ after 9_, equal numbers by name",
			files: map[string]string{
				"1_init.sql": "", "9_b.sql": "", "10_c.sql": "", "100_d.sql": "", "10_a.sql": "", "2_x.sql": "",
				"README.md": "", "notes.sql": "",
			},
			conv:    Numbered,
			want:    []string{"1_init.sql", "2_x.sql", "9_b.sql", "10_a.sql", "10_c.sql", "100_d.sql"},
			skipped: 1, // notes.sql has no version
		},
		{
			name: "goose: timestamps and numbers mixed, Go migration skipped",
			files: map[string]string{
				"20240115180414_init.sql": "-- +goose Up\n", "00002_two.sql": "-- +goose Up\n",
				"20231231000000_before.sql": "-- +goose Up\n", "00003_go.go": "package migrations",
			},
			conv:    Goose,
			want:    []string{"00002_two.sql", "20231231000000_before.sql", "20240115180414_init.sql"},
			skipped: 1,
		},
		{
			name: "golang-migrate: down files ignored",
			files: map[string]string{
				"001_a.up.sql": "", "001_a.down.sql": "", "010_c.up.sql": "", "002_b.up.sql": "", "002_b.down.sql": "",
			},
			conv:    GolangMigrate,
			want:    []string{"001_a.up.sql", "002_b.up.sql", "010_c.up.sql"},
			skipped: 2,
		},
		{
			name: "sqlx timestamps",
			files: map[string]string{
				"20220218061228_b.up.sql": "", "20220123205937_a.up.sql": "", "20220123205937_a.down.sql": "",
			},
			conv:    GolangMigrate,
			want:    []string{"20220123205937_a.up.sql", "20220218061228_b.up.sql"},
			skipped: 1,
		},
		{
			name: "dbmate",
			files: map[string]string{
				"20230102000000_b.sql": "-- migrate:up\n-- migrate:down\n", "20230101000000_a.sql": "-- migrate:up transaction:false\n",
			},
			conv: Dbmate,
			want: []string{"20230101000000_a.sql", "20230102000000_b.sql"},
		},
		{
			name: "flyway: dotted versions numerically, undo skipped, repeatable last",
			files: map[string]string{
				"V1__init.sql": "", "V1.1__a.sql": "", "V1_2__b.sql": "", "V1.10__c.sql": "", "V2__d.sql": "",
				"V10__e.sql": "", "U2__d.sql": "", "R__views.sql": "", "R__a_funcs.sql": "",
			},
			conv:    Flyway,
			want:    []string{"V1__init.sql", "V1.1__a.sql", "V1_2__b.sql", "V1.10__c.sql", "V2__d.sql", "V10__e.sql", "R__a_funcs.sql", "R__views.sql"},
			skipped: 1,
		},
		{
			name: "atlas",
			files: map[string]string{
				"20230102000000_b.sql": "", "20230101000000_a.sql": "", "atlas.sum": "h1:x\n",
			},
			conv: Atlas,
			want: []string{"20230101000000_a.sql", "20230102000000_b.sql"},
		},
		{
			name: "prisma migrate",
			files: map[string]string{
				"20221207113401_b/migration.sql": "", "20221206131204_init/migration.sql": "",
				"migration_lock.toml": "# comment\nprovider = \"postgresql\"\n",
			},
			conv: PrismaMigrate,
			want: []string{"20221206131204_init/migration.sql", "20221207113401_b/migration.sql"},
		},
		{
			name: "directory per migration",
			files: map[string]string{
				"0-init/up.sql": "", "10-ten/up.sql": "", "2-two/up.sql": "", "2-two/up_tests_after.sql": "",
				"1-one/up.sql": "", "1-one/notes.yaml": "",
			},
			conv: DirPerMigration,
			want: []string{"0-init/up.sql", "1-one/up.sql", "2-two/up.sql", "10-ten/up.sql"},
		},
		{
			name: "sql-migrate",
			files: map[string]string{
				"2_b.sql": "-- +migrate Up\n-- +migrate Down\n", "1_a.sql": "-- +migrate Up\n",
			},
			conv: SQLMigrate,
			want: []string{"1_a.sql", "2_b.sql"},
		},
		{
			name: "tern",
			files: map[string]string{
				"002_b.sql": "x;\n---- create above / drop below ----\ny;\n", "001_a.sql": "x;\n",
			},
			conv: Tern,
			want: []string{"001_a.sql", "002_b.sql"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := discover(t, writeTree(t, c.files))
			if h.Convention != c.conv {
				t.Errorf("convention = %v, want %v", h.Convention, c.conv)
			}
			if got := stepNames(t, h); !reflect.DeepEqual(got, c.want) {
				t.Errorf("steps =\n  %v\nwant\n  %v", got, c.want)
			}
			if len(h.Skipped) != c.skipped {
				t.Errorf("skipped = %v, want %d", h.Skipped, c.skipped)
			}
		})
	}
}

func TestDiscoverPrismaLockDialect(t *testing.T) {
	h := discover(t, writeTree(t, map[string]string{
		"20221206131204_init/migration.sql": "CREATE TABLE a (id int);",
		"migration_lock.toml":               "provider = \"mysql\"\n",
	}))
	if h.Dialect != schema.MySQL {
		t.Errorf("dialect = %v, want mysql", h.Dialect)
	}
	if m := h.Replay(schema.DialectUnknown); m.Dialect != schema.MySQL {
		t.Errorf("replay dialect = %v, want the lock's mysql", m.Dialect)
	}
}

func TestDiscoverEmpty(t *testing.T) {
	if _, err := Discover(writeTree(t, map[string]string{"schema.sql": "", "README.md": ""})); err == nil {
		t.Fatal("Discover on a folder without migrations succeeded")
	}
}

// lineOf returns the 1-based line of the first occurrence of needle in src.
func lineOf(t *testing.T, src, needle string) int {
	t.Helper()
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%q not in source", needle)
	}
	return strings.Count(src[:i], "\n") + 1
}

// The Down part is blanked, not cut: spans in the replayed model point at the
// original file's lines, and nothing from Down is applied.
func TestGooseDownIgnoredOffsetsKept(t *testing.T) {
	const f1 = `-- +goose Up
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    idempotency_key text
);

-- +goose Down
DROP TABLE orders;
CREATE TABLE from_down (x int);
`
	const f2 = `-- leading comment
-- +goose Up
-- +goose StatementBegin
ALTER TABLE orders ADD COLUMN note text;
CREATE UNIQUE INDEX orders_ik ON orders (idempotency_key);
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP INDEX orders_ik;
ALTER TABLE orders DROP COLUMN note;
-- +goose StatementEnd
`
	dir := writeTree(t, map[string]string{"00001_orders.sql": f1, "00002_ik.sql": f2})
	h := discover(t, dir)
	if h.Convention != Goose {
		t.Fatalf("convention = %v", h.Convention)
	}
	s := h.Steps[0]
	if len(s.Src()) != len(f1) {
		t.Fatalf("blanked source has %d bytes, original %d", len(s.Src()), len(f1))
	}
	if want := []Range{{0, strings.Index(f1, "-- +goose Down")}}; !reflect.DeepEqual(s.Up, want) {
		t.Errorf("Up = %v, want %v", s.Up, want)
	}
	if strings.Count(string(s.Src()), "\n") != strings.Count(f1, "\n") {
		t.Error("blanking changed the number of lines")
	}

	m := h.Replay(schema.PostgreSQL)
	if len(m.Errors) > 0 {
		t.Fatalf("errors: %v", m.Errors)
	}
	if len(m.Files) != 2 {
		t.Errorf("model records %d files, want 2", len(m.Files))
	}
	if m.Table("from_down") != nil {
		t.Error("a table created in the Down section was applied")
	}
	orders := m.Table("orders")
	if orders == nil {
		t.Fatal("orders missing: the Down section's DROP TABLE was applied?")
	}
	ik := orders.Column("idempotency_key")
	if ik == nil || orders.Column("note") == nil {
		t.Fatalf("columns = %v", orders.Columns)
	}
	pos := ik.Span.Position()
	if pos.Path != s.Path || pos.Line != lineOf(t, f1, "idempotency_key") || pos.Column != 5 {
		t.Errorf("idempotency_key at %v, want %s:%d:5", pos, s.Path, lineOf(t, f1, "idempotency_key"))
	}
	if got := ik.NameSpan().Text(); got != "idempotency_key" {
		t.Errorf("name span text = %q", got)
	}
	var idx *schema.Unique
	for _, u := range orders.Uniques {
		if u.Name == "orders_ik" {
			idx = u
		}
	}
	if idx == nil {
		t.Fatal("orders_ik missing: the Down section's DROP INDEX was applied?")
	}
	if p := idx.Span.Position(); p.Line != lineOf(t, f2, "CREATE UNIQUE") || filepath.Base(p.Path) != "00002_ik.sql" {
		t.Errorf("orders_ik at %v", p)
	}
}

func TestDbmateDownIgnored(t *testing.T) {
	const f = "-- migrate:up\nCREATE TABLE a (k text);\n\n-- migrate:down\nDROP TABLE a;\n"
	h := discover(t, writeTree(t, map[string]string{"20230101000000_a.sql": f}))
	m := h.Replay(schema.PostgreSQL)
	if a := m.Table("a"); a == nil || a.Column("k").Span.Position().Line != 2 {
		t.Fatalf("table a = %+v", a)
	}
}

func TestGooseDownBeforeUp(t *testing.T) {
	const f = "-- +goose Down\nDROP TABLE a;\n-- +goose Up\nCREATE TABLE a (k text);\n"
	h := discover(t, writeTree(t, map[string]string{"1_a.sql": f}))
	if a := h.Replay(schema.PostgreSQL).Table("a"); a == nil {
		t.Fatal("table a missing")
	}
	if !strings.HasPrefix(string(h.Steps[0].Src()), "              \n             \n-- +goose Up") {
		t.Errorf("src = %q", h.Steps[0].Src())
	}
}

// dbos keeps dialect variants of one version side by side; only the
// matching one runs.
func TestDialectVariants(t *testing.T) {
	h := discover(t, writeTree(t, map[string]string{
		"1_init.sql":           "CREATE TABLE t (k text, CONSTRAINT t_k UNIQUE (k));",
		"2_drop.sql":           "ALTER TABLE t DROP CONSTRAINT t_k;",
		"2_drop_cockroach.sql": "CREATE TABLE only_on_crdb (x int);",
		"3_sqlite_notes.sql":   "CREATE TABLE notes (x int);", // names a dialect but has no sibling
	}))
	if v := h.Steps[2].Variant; v != schema.CockroachDB {
		t.Fatalf("variant of %s = %v", h.Steps[2].Path, v)
	}
	pg := h.Replay(schema.PostgreSQL)
	if pg.Table("only_on_crdb") != nil || pg.Table("notes") == nil {
		t.Error("PostgreSQL replay applied the CockroachDB variant or skipped a plain step")
	}
	if len(pg.Files) != 3 {
		t.Errorf("PostgreSQL replay recorded %d files, want 3", len(pg.Files))
	}
	if h.Replay(schema.CockroachDB).Table("only_on_crdb") == nil {
		t.Error("CockroachDB replay skipped its variant")
	}
}

// Replaying twice gives two independent models.
func TestReplayTwice(t *testing.T) {
	h := discover(t, writeTree(t, map[string]string{"1_a.sql": "CREATE TABLE a (k text);"}))
	m1, m2 := h.Replay(schema.PostgreSQL), h.Replay(schema.PostgreSQL)
	if m1.Files[0] == m2.Files[0] || m1.Tables[0] == m2.Tables[0] {
		t.Error("replays share state")
	}
}

// TestDiscoverDrizzleJournal: in a drizzle-kit folder, the steps are the
// journal's entries; a .sql file it does not list (unkey's stale
// 0001_workable_wildside.sql, which adds a column 0000 already creates) is
// skipped with the reason, not replayed into an error. Without a journal,
// or with one that lists it, it is a step.
func TestDiscoverDrizzleJournal(t *testing.T) {
	files := map[string]string{
		"0000_dazzling.sql":       "CREATE TABLE `workspaces` (`id` varchar(256) NOT NULL, `slug` varchar(64));",
		"0001_wildside.sql":       "ALTER TABLE `workspaces` ADD `slug` varchar(64);",
		"meta/_journal.json":      `{"version": "7", "dialect": "mysql", "entries": [{"idx": 0, "tag": "0000_dazzling", "breakpoints": true}]}`,
		"meta/0000_snapshot.json": "{}",
	}
	h := discover(t, writeTree(t, files))
	if got, want := stepNames(t, h), []string{"0000_dazzling.sql"}; !reflect.DeepEqual(got, want) {
		t.Errorf("steps = %v, want %v", got, want)
	}
	if len(h.Skipped) != 1 || filepath.Base(h.Skipped[0].Path) != "0001_wildside.sql" || !strings.Contains(h.Skipped[0].Reason, "_journal.json does not list it") {
		t.Errorf("skipped = %v, want 0001_wildside.sql, not in the journal", h.Skipped)
	}
	if m := h.Replay(schema.MySQL); len(m.Errors) != 0 {
		t.Errorf("replay errors: %v", m.Errors)
	}

	files["meta/_journal.json"] = `{"entries": [{"tag": "0000_dazzling"}, {"tag": "0001_wildside"}]}`
	if got := stepNames(t, discover(t, writeTree(t, files))); len(got) != 2 {
		t.Errorf("journal listing both: steps = %v, want both", got)
	}
	delete(files, "meta/_journal.json")
	if got := stepNames(t, discover(t, writeTree(t, files))); len(got) != 2 {
		t.Errorf("no journal: steps = %v, want both", got)
	}
}
