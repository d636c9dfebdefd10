package sqlddl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/idemlint/idemlint/schema"
)

// summary renders a model compactly: one line per column and per unique.
func summary(m *schema.Model) []string {
	var out []string
	for _, t := range m.Tables {
		ns := ""
		if t.Namespace != "" {
			ns = t.Namespace + "."
		}
		out = append(out, "table "+ns+t.Name)
		for _, c := range t.Columns {
			s := fmt.Sprintf("  col %s %q", c.Name, c.Type)
			if !c.Nullable {
				s += " notnull"
			}
			if c.Default != nil {
				s += " default=" + c.Default.Expr
			}
			out = append(out, s)
		}
		for _, u := range t.Uniques {
			var parts []string
			for _, p := range u.Parts {
				if p.Column != "" {
					parts = append(parts, p.Column)
				} else {
					parts = append(parts, p.Expr+"{"+strings.Join(p.Refs, ",")+"}")
				}
			}
			s := fmt.Sprintf("  %s %s (%s)", u.Kind, u.Name, strings.Join(parts, ", "))
			if u.Where != "" {
				s += " where " + u.Where
			}
			if u.NullsNotDistinct {
				s += " nnd"
			}
			out = append(out, s)
		}
	}
	for _, e := range m.Errors {
		out = append(out, "error "+e.Error())
	}
	return out
}

func TestParse(t *testing.T) {
	pg, my, lite, ms := schema.PostgreSQL, schema.MySQL, schema.SQLite, schema.SQLServer
	tests := []struct {
		name string
		d    schema.Dialect
		src  string
		want []string
	}{
		{"create table column constraints", pg, `
CREATE TABLE IF NOT EXISTS public."Runs" (
  id bigserial PRIMARY KEY,
  Key varchar(64)[] NULL UNIQUE NULLS NOT DISTINCT,
  tenant uuid CONSTRAINT t_nn NOT NULL DEFAULT gen_random_uuid() REFERENCES tenants(id) ON DELETE SET NULL,
  n int GENERATED ALWAYS AS IDENTITY,
  g text GENERATED ALWAYS AS (lower(key)) STORED,
  at timestamp with time zone DEFAULT now() NOT NULL CHECK (at > '2000-01-01') COLLATE "C",
  UNIQUE (tenant, key),
  CONSTRAINT runs_t UNIQUE NULLS NOT DISTINCT (tenant),
  FOREIGN KEY (tenant) REFERENCES x(id), CHECK (n > 0), EXCLUDE USING gist (tenant WITH =)
) PARTITION BY RANGE (at);`, []string{
			"table public.Runs",
			`  col id "bigserial" notnull default=bigserial`,
			`  col key "varchar(64)[]"`,
			`  col tenant "uuid" notnull default=gen_random_uuid()`,
			`  col n "int" notnull default=GENERATED ALWAYS AS IDENTITY`,
			`  col g "text" default=lower(key)`,
			`  col at "timestamp with time zone" notnull default=now()`,
			"  primary key Runs_pkey (id)",
			"  unique constraint Runs_key_key (key) nnd",
			"  unique constraint Runs_tenant_key_key (tenant, key)",
			"  unique constraint runs_t (tenant) nnd",
		}},
		{"create table as a query, options before AS", pg, `
CREATE TABLE t (a text UNIQUE);
CREATE TEMPORARY TABLE r ON COMMIT DROP AS SELECT a FROM t;
CREATE TABLE s WITH (fillfactor=70) AS SELECT 1;
CREATE UNLOGGED TABLE u TABLESPACE x AS TABLE t;`, []string{
			"table t", `  col a "text"`, "  unique constraint t_a_key (a)",
		}},
		{"table primary key makes columns not null", pg, `CREATE TABLE t (a text, b text, c text NULL, CONSTRAINT pk PRIMARY KEY (a, b));`, []string{
			"table t", `  col a "text" notnull`, `  col b "text" notnull`, `  col c "text"`, "  primary key pk (a, b)",
		}},
		{"unique indexes", pg, `
CREATE TABLE logs (ledger text NOT NULL, idempotency_key varchar(255), data jsonb, email text);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS logs_ik ON ONLY public.logs USING btree (ledger, idempotency_key DESC NULLS LAST) INCLUDE (data) NULLS NOT DISTINCT WITH (fillfactor=70) TABLESPACE x WHERE idempotency_key IS NOT NULL AND ledger <> '';
CREATE UNIQUE INDEX logs_expr ON logs (COALESCE(idempotency_key, ''), lower(email) text_pattern_ops, (data->>'x'), email COLLATE "C");
CREATE INDEX logs_plain ON logs (ledger);
CREATE UNIQUE INDEX ON logs (email);`, []string{
			"table logs", `  col ledger "text" notnull`, `  col idempotency_key "varchar(255)"`, `  col data "jsonb"`, `  col email "text"`,
			"  unique index logs_ik (ledger, idempotency_key) where idempotency_key IS NOT NULL AND ledger <> '' nnd",
			"  unique index logs_expr (COALESCE(idempotency_key, ''){idempotency_key}, lower(email){email}, (data->>'x'){data}, email)",
			"  unique index logs_email_idx (email)",
		}},
		{"alter table", pg, `
CREATE TABLE t (a text NOT NULL, b text, c text, d int);
ALTER TABLE IF EXISTS ONLY t ADD COLUMN IF NOT EXISTS e text DEFAULT 'x', ALTER COLUMN a DROP NOT NULL, ALTER b SET NOT NULL;
ALTER TABLE t ALTER COLUMN c SET DEFAULT 'y', ALTER COLUMN d SET DATA TYPE bigint USING d::bigint, DROP COLUMN IF EXISTS x CASCADE;
ALTER TABLE t ADD CONSTRAINT t_bc UNIQUE NULLS NOT DISTINCT (b, c), ADD UNIQUE (c), ADD PRIMARY KEY (d);
ALTER TABLE t RENAME COLUMN c TO cc;
ALTER TABLE t RENAME CONSTRAINT t_bc TO t_bcc;
ALTER TABLE t DROP CONSTRAINT IF EXISTS t_c_key;
ALTER TABLE t ALTER COLUMN e DROP DEFAULT;
CREATE UNIQUE INDEX t_e ON t (e);
ALTER TABLE t ADD CONSTRAINT t_e_uq UNIQUE USING INDEX t_e;
ALTER TABLE t RENAME TO u;`, []string{
			"table u", `  col a "text"`, `  col b "text" notnull`, `  col cc "text" default='y'`, `  col d "bigint" notnull`, `  col e "text"`,
			"  unique constraint t_bcc (b, cc) nnd", "  primary key t_pkey (d)", "  unique constraint t_e_uq (e)",
		}},
		{"drop and rename", pg, `
CREATE TABLE a (x text); CREATE TABLE b (y text); CREATE TABLE c (z text);
CREATE UNIQUE INDEX ax ON a (x); CREATE UNIQUE INDEX "By" ON b (y); CREATE UNIQUE INDEX cz ON c (z);
DROP INDEX CONCURRENTLY IF EXISTS public.ax, "By" CASCADE;
ALTER INDEX cz RENAME TO cz2;
ALTER TABLE c DROP COLUMN z;
DROP TABLE IF EXISTS b, nothere CASCADE;`, []string{
			"table a", `  col x "text"`, "table c",
		}},
		{"like", pg, `
CREATE TABLE a (x text NOT NULL DEFAULT 'v', y text, UNIQUE (x));
CREATE TABLE b (LIKE a);
CREATE TABLE c (LIKE a INCLUDING ALL, z int);`, []string{
			"table a", `  col x "text" notnull default='v'`, `  col y "text"`, "  unique constraint a_x_key (x)",
			"table b", `  col x "text" notnull`, `  col y "text"`,
			"table c", `  col x "text" notnull default='v'`, `  col y "text"`, `  col z "int"`, "  unique constraint c_x_key (x)",
		}},
		{"templates and case folding", pg, `
CREATE TABLE "{{.Schema}}".Logs (ID int, "Key" text);
CREATE UNIQUE INDEX lk ON logs ("Key", id);
ALTER TABLE {{.Schema}}.LOGS ALTER COLUMN "Key" SET NOT NULL;
CREATE TABLE %s.wf (q text);
CREATE UNIQUE INDEX %s IF NOT EXISTS "uq" ON %s."wf" ("q");`, []string{
			"table {{.Schema}}.logs", `  col id "int"`, `  col Key "text" notnull`, "  unique index lk (Key, id)",
			"table %s.wf", `  col q "text"`, "  unique index uq (q)",
		}},
		{"skips other statements", pg, `
\restrict abc
SET search_path = public;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE nope (x int); RETURN NEW; END $$;
DO $body$ BEGIN ALTER TABLE t ADD x int; END $body$;
CREATE TYPE e AS ENUM ('a', 'b');
COMMENT ON TABLE t IS 'x';
BEGIN; INSERT INTO t VALUES (1, 'a;b'); COMMIT;
COPY public.t (x) FROM stdin;
1	CREATE TABLE no (x int);
\.
CREATE TABLE t (x int NOT NULL);
GRANT ALL ON t TO u;`, []string{"table t", `  col x "int" notnull`}},
		{"error recovery", pg, `
CREATE TABLE a (x int);
CREATE TABLE broken x int;
CREATE UNIQUE INDEX bad ON a x;
CREATE TABLE b (y int UNIQUE);`, []string{
			"table a", `  col x "int"`, "table b", `  col y "int"`, "  unique constraint b_y_key (y)",
			"error t.sql:3:21: expected ( after CREATE TABLE broken",
			"error t.sql:4:30: expected ( after CREATE UNIQUE INDEX ... ON a",
		}},
		{"mysql", my, "CREATE TABLE `Orders` (\n" +
			"  id bigint unsigned NOT NULL AUTO_INCREMENT,\n" +
			"  `key` varchar(64) CHARACTER SET utf8mb4 DEFAULT NULL COMMENT 'k',\n" +
			"  updated timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" +
			"  PRIMARY KEY (`id`), UNIQUE KEY `uk` (`key`(32), id), KEY idx (updated), FULLTEXT KEY ft (`key`)\n" +
			") ENGINE=InnoDB /*!50100 PARTITION BY HASH (id) */;\n" +
			"ALTER TABLE orders MODIFY COLUMN `key` varchar(64) NOT NULL, ADD UNIQUE INDEX u2 (updated), CHANGE updated upd timestamp NULL;\n" +
			"DELIMITER $$\nCREATE TRIGGER tr BEFORE INSERT ON orders FOR EACH ROW BEGIN SET NEW.id = 1; END$$\nDELIMITER ;\n" +
			"CREATE UNIQUE INDEX u3 USING BTREE ON ORDERS (id);\nDROP INDEX u2 ON orders;", []string{
			"table Orders", `  col id "bigint unsigned" notnull default=AUTO_INCREMENT`, `  col key "varchar(64)" notnull`, `  col upd "timestamp"`,
			"  primary key  (id)", "  unique constraint uk (key, id)", "  unique index u3 (id)",
		}},
		{"sqlite", lite, `
CREATE TABLE IF NOT EXISTS [jobs] (id INTEGER PRIMARY KEY AUTOINCREMENT, "key" TEXT, kind, UNIQUE (kind, "key") ON CONFLICT REPLACE) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS jobs_k ON jobs (KEY) WHERE key IS NOT NULL;
CREATE TABLE jobs_new (id INTEGER PRIMARY KEY, key TEXT NOT NULL);
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;`, []string{
			"table jobs", `  col id "INTEGER" notnull default=rowid`, `  col key "TEXT" notnull`, "  primary key  (id)",
		}},
		{"sqlserver", ms, "CREATE TABLE [dbo].[T] ([Id] INT IDENTITY(1,1) NOT NULL, [Key] NVARCHAR(50) NULL, CONSTRAINT PK_T PRIMARY KEY CLUSTERED ([Id] ASC))\nGO\n" +
			"CREATE UNIQUE NONCLUSTERED INDEX UX_T_Key ON dbo.T ([Key]) WHERE [Key] IS NOT NULL\nGO\nALTER TABLE T ALTER COLUMN [Key] NVARCHAR(50) NOT NULL\nGO\n", []string{
			"table dbo.T", `  col Id "INT" notnull default=IDENTITY`, `  col Key "NVARCHAR(50)" notnull`, "  primary key PK_T (Id)",
			"  unique index UX_T_Key (Key) where [Key] IS NOT NULL",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse("t.sql", []byte(tt.src), tt.d)
			if diff := cmp.Diff(tt.want, summary(m)); diff != "" {
				t.Errorf("model (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSpans compares a whole model with go-cmp, spans as their text.
func TestSpans(t *testing.T) {
	src := "CREATE TABLE t (\n  k text NULL,\n  CONSTRAINT u UNIQUE (k)\n);\nCREATE UNIQUE INDEX i ON t (lower(k)) WHERE k <> '';"
	m := Parse("t.sql", []byte(src), schema.PostgreSQL)
	want := []*schema.Table{{
		Name: "t", Span: spanOf(src, "CREATE TABLE t (\n  k text NULL,\n  CONSTRAINT u UNIQUE (k)\n)"), NameSpan: spanOf(src, "t"),
		Columns: []*schema.Column{{Name: "k", Type: "text", Nullable: true}},
		Uniques: []*schema.Unique{
			{Name: "u", Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: "k"}}, Span: spanOf(src, "CONSTRAINT u UNIQUE (k)")},
			{Name: "i", Kind: schema.UniqueIndex, Parts: []schema.IndexPart{{Expr: "lower(k)", Refs: []string{"k"}}}, Where: "k <> ''",
				Span: spanOf(src, "CREATE UNIQUE INDEX i ON t (lower(k)) WHERE k <> ''")},
		},
	}}
	want[0].Columns[0].SetSpans(spanOf(src, "k text NULL"), spanOf(src, "k"), spanOf(src, "text"))
	spanText := cmp.Transformer("span", func(s schema.Span) string { return s.Text() })
	// A Column keeps its rarely set fields unexported, and its name's and
	// type's spans as offsets: compare what its methods return.
	if diff := cmp.Diff(want, m.Tables, spanText, cmp.Transformer("column", viewColumn)); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	if len(m.Errors) != 0 {
		t.Errorf("errors: %v", m.Errors)
	}
}

// columnView is what a Column says, its methods included.
type columnView struct {
	Name, Type, FieldName, NativeType, Comment    string
	Nullable                                      bool
	Default                                       *schema.Default
	Span, NameSpan, TypeSpan, NullSpan, DefinedBy schema.Span
}

func viewColumn(c schema.Column) columnView {
	return columnView{Name: c.Name, Type: c.Type, FieldName: c.FieldName(), NativeType: c.NativeType(), Comment: c.Comment(),
		Nullable: c.Nullable, Default: c.Default, Span: c.Span, NameSpan: c.NameSpan(), TypeSpan: c.TypeSpan(),
		NullSpan: c.NullSpan(), DefinedBy: c.DefinedBy()}
}

// spanOf is a detached span whose text is s; the transformer compares text.
func spanOf(src, s string) schema.Span {
	f := schema.NewFile("want", []byte(s))
	return f.Span(0, len(s))
}

func TestRequireColumn(t *testing.T) {
	src := "CREATE TABLE t (\n  a text NULL,\n  b varchar(10) DEFAULT NULL,\n  c int,\n  d text NOT NULL\n);\nALTER TABLE t ADD COLUMN e text;\nALTER TABLE t ALTER COLUMN d DROP NOT NULL;\n"
	m := Parse("t.sql", []byte(src), schema.PostgreSQL)
	tb := m.Table("t")
	f := m.Files[0]
	apply := func(es []schema.Edit) string {
		out := []byte(src)
		for i := len(es) - 1; i >= 0; i-- {
			e := es[i]
			out = append(out[:e.Start:e.Start], append([]byte(e.New), out[e.End:]...)...)
		}
		return string(out)
	}
	line := func(s, prefix string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				return strings.TrimSpace(l)
			}
		}
		return ""
	}
	for _, tc := range []struct{ col, def, want string }{
		{"a", "", "a text NOT NULL,"},
		{"b", "''", "b varchar(10) NOT NULL DEFAULT '',"},
		{"c", "0", "c int NOT NULL DEFAULT 0,"},
	} {
		es, err := f.Syntax.RequireColumn(tb.Column(tc.col), tc.def)
		if err != nil {
			t.Fatalf("%s: %v", tc.col, err)
		}
		if got := line(apply(es), tc.col+" "); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.col, got, tc.want)
		}
		m2 := Parse("t2.sql", []byte(apply(es)), schema.PostgreSQL)
		if c := m2.Table("t").Column(tc.col); c.Nullable || len(m2.Errors) > 0 {
			t.Errorf("%s: fixed column still nullable or errors %v", tc.col, m2.Errors)
		}
	}
	for _, col := range []string{"d", "e"} {
		if _, err := f.Syntax.RequireColumn(tb.Column(col), ""); err == nil || !strings.Contains(err.Error(), "migration") {
			t.Errorf("%s: want a new-migration error, got %v", col, err)
		}
	}
	if s := NullabilityChangedBy(tb.Column("d")); s.Text() != "ALTER TABLE t ALTER COLUMN d DROP NOT NULL" {
		t.Errorf("NullabilityChangedBy(d) = %q", s.Text())
	}
	// Migration files never get in-place edits.
	mm := &schema.Model{Dialect: schema.PostgreSQL}
	mf := schema.NewFile("001.sql", []byte("CREATE TABLE t (a text);"))
	Apply(mm, mf)
	if _, err := mf.Syntax.RequireColumn(mm.Table("t").Column("a"), ""); err == nil || !strings.Contains(err.Error(), "SET NOT NULL") {
		t.Errorf("migration column: got %v", err)
	}
}

// FuzzParse keeps its seeds in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	// Texts that once swallowed the statement after them (see
	// plantedTableRead), for every dialect.
	for _, src := range []string{"COPY x FROM stdin", "DELIMITER //\nCREATE TABLE x (a int)", "SELECT 1 \\g", "CREATE TABLE x (a int) \\gx",
		"\uFEFF", "\x00", "\u00a0", "{{ if .Partitioned }}", "frobnicate", "/*", "'", "$$", "{{", "CREATE PROCEDURE p() BEGIN SELECT 1"} {
		for di := range fuzzDialects {
			f.Add(src, uint8(di))
		}
	}
	f.Fuzz(func(t *testing.T, src string, di uint8) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		m := Parse("f.sql", []byte(src), d)
		for _, e := range m.Errors {
			if !safeMessage(e.Error()) {
				t.Fatalf("message %q holds raw bytes", e.Error())
			}
		}
		check := func(what string, s schema.Span) {
			if s.File == nil {
				return
			}
			if s.Start < 0 || s.End > len(src) || s.Start > s.End {
				t.Fatalf("%s span %d:%d out of bounds (len %d)", what, s.Start, s.End, len(src))
			}
		}
		for _, tb := range m.Tables {
			check("table", tb.Span)
			check("table name", tb.NameSpan)
			for _, c := range tb.Columns {
				check("column", c.Span)
				check("column name", c.NameSpan())
				check("column type", c.TypeSpan())
				if c.Default != nil {
					check("default", c.Default.Span)
				}
				if es, err := m.Files[0].Syntax.RequireColumn(c, "0"); err == nil {
					for _, e := range es {
						if e.Start < 0 || e.End > len(src) || e.Start > e.End {
							t.Fatalf("edit %+v out of bounds", e)
						}
					}
				}
			}
			for _, u := range tb.Uniques {
				check("unique", u.Span)
			}
		}
		for _, c := range m.Files[0].Comments {
			check("comment", c.Span)
		}
		plantedTableRead(t, src, d)
	})
}

// plantedTableRead is FuzzParse's property: a CREATE TABLE planted after
// src (as its own statement, on its own lines) yields its table, or else
// an error at or before it says why it was not read. Whatever src holds,
// the statement after it is never lost in silence.
func plantedTableRead(t *testing.T, src string, d schema.Dialect) {
	if strings.Contains(strings.ToLower(src), "zz_planted") {
		return // src may drop or rename it, or create it first
	}
	const planted = "CREATE TABLE zz_planted (k text UNIQUE);"
	at := len(src) + len("\n;\n")
	m := Parse("f.sql", []byte(src+"\n;\n"+planted+"\n"), d)
	if findTable(m, "zz_planted") != nil {
		return
	}
	for _, e := range m.Errors {
		if e.Pos.Offset <= at+len(planted) {
			return
		}
	}
	t.Fatalf("%v: the CREATE TABLE planted after %q yields neither a table nor an error:\n%q", d, src, summary(m))
}
