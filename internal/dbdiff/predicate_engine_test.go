package dbdiff

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
)

// A predCase is a partial-index predicate and, for column col, whether the
// engine's probe finds it excludes NULL (db) and whether schema.ExcludesNull
// says so (lint). lint may be false where db is true (idemlint is
// conservative) but never the reverse.
type predCase struct {
	where    string
	col      string
	db, lint bool
}

// predTable is the table every predicate case indexes.
const predTableDDL = `CREATE TABLE p (id int, k text, status text, active boolean, data jsonb, n int, deleted_at timestamptz, "Key" text, u uuid, e mood)`

var pgPredCases = []predCase{
	{"k IS NOT NULL", "k", true, true},
	{"k NOTNULL", "k", true, true},
	{"NOT k IS NULL", "k", true, true},
	{"k <> ''", "k", true, true},
	{"k <> '' AND deleted_at IS NULL", "k", true, true},
	{"deleted_at IS NULL", "deleted_at", false, false},
	// The witness needs a UUID, an enum label the predicate does not spell.
	{"u IS NOT NULL AND deleted_at IS NULL", "deleted_at", false, false},
	{"e > 'sad' AND deleted_at IS NULL", "deleted_at", false, false},
	// Five terms on separate columns: the greedy row satisfies them.
	{"status = 'x' AND n > 3 AND active AND u IS NOT NULL AND e = 'happy' AND k IS NULL", "k", false, false},
	{"(k)::text IS NOT NULL", "k", true, true},
	{"k BETWEEN 'a' AND 'z'", "k", true, true},
	{"'m' BETWEEN k AND 'z'", "k", true, true},
	{"'m' NOT BETWEEN k AND 'a'", "k", false, false},
	{"k = ANY (ARRAY['a', 'b'])", "k", true, true},
	{"k IN ('a', 'b')", "k", true, true},
	{"k NOT IN ('a', 'b')", "k", true, true},
	{"'a' IN (k, 'a')", "k", false, false},
	{"k !~~* 'a%'", "k", true, true},
	{"k NOT SIMILAR TO 'a'", "k", true, true},
	{"lower(k) IS NOT NULL", "k", true, true},
	{"(k = 'x') IS TRUE", "k", true, true},
	{"status = 'x' OR k IS NOT NULL", "k", false, false},
	{"status = 'x' OR k IS NOT NULL", "status", false, false},
	{"k IS NOT NULL OR k <> ''", "k", true, true},
	{"n=-1", "n", true, true},
	{"(k, n) IS NOT NULL", "k", true, true},
	{"NOT (k, n) IS NULL", "k", false, false},
	{"data->>'x' IS NOT NULL", "data", true, true},
	{"data @> '{}'", "data", true, true},
	{"active", "active", true, true},
	{"NOT active", "active", true, true},
	{"active IS FALSE", "active", true, true},
	{"active IS NOT TRUE", "active", false, false},
	{"active = (k IS NULL)", "k", false, false},
	{"CASE WHEN k IS NULL THEN true ELSE false END", "k", false, false},
	{"greatest(k, 'a') = 'a'", "k", false, false},
	{"nullif('a', k) = 'a'", "k", false, false},
	{"quote_nullable(k) <> ''", "k", false, false},
	{"array_append(ARRAY['a'], k) IS NOT NULL", "k", false, false},
	{"k IS DISTINCT FROM 'x'", "k", false, false},
	// Where idemlint is conservative: the engine shows no row with k NULL
	// is kept, idemlint does not prove it.
	{"COALESCE(k, '') <> ''", "k", true, false},
	{"num_nonnulls(k) = 1", "k", true, false},
	{"k IS NOT DISTINCT FROM 'x'", "k", true, false},
	{"'b' NOT IN (k, 'a')", "k", true, true},
}

var sqlitePredCases = []predCase{
	{"k IS NOT NULL", "k", true, true},
	{"k NOTNULL", "k", true, true},
	{"k <> '' AND deleted_at IS NULL", "k", true, true},
	{"k == 'x'", "k", true, true},
	{"k GLOB 'a*'", "k", true, true},
	{"k NOT GLOB 'a*'", "k", true, true},
	{"k LIKE 'a%'", "k", true, true},
	{"k IN ('a', 'b')", "k", true, true},
	{"'a' IN (k, 'a')", "k", false, false},
	{"n > 0", "n", true, true},
	{"status = 'x' AND n > 3 AND active AND k IS NULL", "k", false, false},
	{"status = 'x' OR k IS NOT NULL", "k", false, false},
	{"max(k, 'a') = 'a'", "k", true, true}, // SQLite's scalar max is NULL with a NULL argument
	{"iif(k IS NULL, 1, 0) = 1", "k", false, false},
	{"typeof(k) = 'null'", "k", false, false},
	{"quote(k) = 'NULL'", "k", false, false},
	{"printf('%s', k) = ''", "k", false, false},
	{"k IS NOT 'x'", "k", false, false},
	{"ifnull(k, '') <> ''", "k", true, false},
	{"coalesce(k, 'x') <> 'x'", "k", true, false},
}

// emptyCases are predicates and, for column k, whether the engine keeps no
// row with k NULL or empty (db) and whether schema.ExcludesEmpty says so
// (lint), on both engines.
var emptyCases = []struct {
	where    string
	db, lint bool
}{
	{"k <> ''", true, true},
	{"k > ''", true, true},
	{"'' < k", true, true},
	{"length(k) > 0", true, true},
	{"k IS NOT NULL AND k <> ''", true, true},
	{"k <> '' OR length(k) > 0", true, true},
	{"k IS NOT NULL", false, false},
	{"k <> 'x'", false, false},
	{"k <> '' OR k IS NULL", false, false},
	{"k IS NOT NULL OR k <> ''", false, false},
	{"k NOT IN ('')", true, false},
	{"k LIKE '_%'", true, false},
	{"COALESCE(k, '') <> ''", true, false},
}

// TestExcludesEmptyProbe checks schema.ExcludesEmpty against the probe
// for the empty string, on PostgreSQL and SQLite.
func TestExcludesEmptyProbe(t *testing.T) {
	ddl := func() string {
		var b strings.Builder
		b.WriteString("CREATE TABLE p (id int, k text);\n")
		for i, c := range emptyCases {
			fmt.Fprintf(&b, "CREATE UNIQUE INDEX p%d ON p (id) WHERE %s;\n", i, c.where)
		}
		return b.String()
	}()
	pg := pgtest.NewDB(t)
	pg.MustExec(t, ddl)
	lite := openSQLite(t)
	if _, err := lite.Exec(ddl); err != nil {
		t.Fatal(err)
	}
	mt := &schema.Table{Name: "p", Columns: []*schema.Column{{Name: "id"}, {Name: "k"}}}
	for _, e := range []struct {
		name string
		s    *Schema
		d    schema.Dialect
	}{{"PostgreSQL", pgSchema(t, pg), schema.PostgreSQL}, {"SQLite", sqliteSchema(t, lite), schema.SQLite}} {
		for i, c := range emptyCases {
			var w *Predicate
			for _, u := range e.s.Table("p").Uniques {
				if u.Name == fmt.Sprintf("p%d", i) {
					w = u.Where
				}
			}
			if w == nil {
				t.Fatalf("%s: p%d (%s) not read as partial", e.name, i, c.where)
			}
			db := slices.Contains(w.ExcludesEmpty, "k")
			lint := schema.ExcludesEmpty(e.d, mt, c.where, "k")
			if lint && !db {
				t.Errorf("%s: BUG: idemlint says %q excludes the empty k, but the engine kept %s", e.name, c.where, w.Witnesses["k = ''"])
			}
			if db != c.db || lint != c.lint {
				t.Errorf("%s: %q: engine excludes the empty k = %v, want %v; schema.ExcludesEmpty = %v, want %v", e.name, c.where, db, c.db, lint, c.lint)
			}
		}
	}
}

// TestPredicateProbePostgres checks the probe and schema.ExcludesNull
// against each other on PostgreSQL, one partial unique index per case.
func TestPredicateProbePostgres(t *testing.T) {
	db := pgtest.NewDB(t)
	ddl := "CREATE TYPE mood AS ENUM ('sad', 'happy');\n" + predTableDDL + ";\n"
	for i, c := range pgPredCases {
		ddl += fmt.Sprintf("CREATE UNIQUE INDEX p%d ON p (id) WHERE %s;\n", i, c.where)
	}
	db.MustExec(t, ddl)
	checkPredCases(t, "PostgreSQL", pgSchema(t, db), schema.PostgreSQL, pgPredCases)
}

// TestPredicateProbeSQLite is TestPredicateProbePostgres on SQLite.
func TestPredicateProbeSQLite(t *testing.T) {
	db := openSQLite(t)
	ddl := strings.ReplaceAll(predTableDDL, "jsonb", "text") + ";\n"
	for i, c := range sqlitePredCases {
		ddl += fmt.Sprintf("CREATE UNIQUE INDEX p%d ON p (id) WHERE %s;\n", i, c.where)
	}
	if _, err := db.Exec(ddl); err != nil {
		t.Fatal(err)
	}
	checkPredCases(t, "SQLite", sqliteSchema(t, db), schema.SQLite, sqlitePredCases)
}

func checkPredCases(t *testing.T, engine string, s *Schema, d schema.Dialect, cases []predCase) {
	t.Helper()
	tbl := s.Table("p")
	if tbl == nil {
		t.Fatalf("%s: no table p", engine)
	}
	mt := &schema.Table{Name: "p"}
	for _, c := range tbl.Columns {
		mt.Columns = append(mt.Columns, &schema.Column{Name: c.Name, Nullable: true})
	}
	for i, c := range cases {
		var u *Unique
		for j := range tbl.Uniques {
			if tbl.Uniques[j].Name == fmt.Sprintf("p%d", i) {
				u = &tbl.Uniques[j]
			}
		}
		if u == nil || u.Where == nil {
			t.Errorf("%s: index p%d (%s) not read as partial", engine, i, c.where)
			continue
		}
		if !slices.Contains(u.Where.Columns, c.col) {
			t.Errorf("%s: %s: the engine's columns %v lack %s", engine, c.where, u.Where.Columns, c.col)
		}
		db := slices.Contains(u.Where.ExcludesNull, c.col)
		lint := schema.ExcludesNull(d, mt, c.where, c.col)
		if lint && !db {
			t.Errorf("%s: BUG: idemlint says %q excludes NULL %s, but the engine kept the row %s", engine, c.where, c.col, u.Where.Witnesses[c.col])
		}
		if db != c.db {
			t.Errorf("%s: %q with %s NULL: engine excludes = %v, want %v (witness %s)", engine, c.where, c.col, db, c.db, u.Where.Witnesses[c.col])
		}
		if lint != c.lint {
			t.Errorf("%s: schema.ExcludesNull(%q, %s) = %v, want %v", engine, c.where, c.col, lint, c.lint)
		}
		// The engine's own text (pg_get_expr) reads the same to idemlint.
		if got := schema.ExcludesNull(d, mt, u.Where.Text, c.col); got != lint {
			t.Errorf("%s: schema.ExcludesNull on the engine's text %q = %v, on the source %q = %v", engine, u.Where.Text, got, c.where, lint)
		}
	}
}

// genAtoms are predicates over k and the other columns of predTableDDL,
// each also tried under AND, OR and NOT by genPredicates. They are the list
// schema's and the old oracle's copies of the analysis were compared on;
// the engines reject some (SQLite most PostgreSQL-only syntax), and those
// are skipped.
var genAtoms = []string{
	"k IS NOT NULL", "k NOTNULL", "k ISNULL", "NOT k ISNULL", "k IS NULL", "NOT (k IS NULL)", "NOT k IS NULL",
	"k <> ''", "k != ''", "'' <> k", "k = 'x'", "k=-1", "n=-1", "k > 0", "k::text = 'x'", "(k)::text = 'x'::text",
	"k::text IS NOT NULL", "(k)::text IS NOT NULL", "t.k IS NOT NULL", `"t"."k" IS NOT NULL`, `"k" IS NOT NULL`, `"K" IS NOT NULL`, "K IS NOT NULL",
	`"Key" IS NOT NULL`, "key IS NOT NULL",
	"k LIKE 'a%'", "k NOT LIKE 'a%'", "k ILIKE 'a%'", "k ~~ 'a%'", "k !~~ 'a%'", "k ~~* 'a%'", "k !~~* 'a%'", "k ~ 'a'", "k !~ 'a'", "k ~* 'a'", "k !~* 'a'",
	"k SIMILAR TO 'a'", "k NOT SIMILAR TO 'a'", "k GLOB 'a*'", "k NOT GLOB 'a*'", "k REGEXP 'a'", "k NOT REGEXP 'a'",
	"k IN ('a', 'b')", "k NOT IN ('a', 'b')", "'a' IN (k, 'a')", "'b' NOT IN (k, 'a')", "k = ANY (ARRAY['a'::text, 'b'::text])",
	"k BETWEEN 'a' AND 'z'", "k NOT BETWEEN 'a' AND 'z'", "'m' BETWEEN k AND 'z'", "'m' NOT BETWEEN k AND 'a'",
	"COALESCE(k, '') <> ''", "coalesce(k,'x') = 'x'", "ifnull(k, '') <> ''", "concat(k, 'x') <> 'x'", "format('%s', k) <> ''",
	"greatest(k, 'a') = 'a'", "least(k, 'z') = 'z'", "nullif('a', k) = 'a'", "quote_nullable(k) <> ''",
	"num_nonnulls(k) = 1", "array_position(ARRAY['a'], k) IS NULL", "array_append(ARRAY['a'], k) IS NOT NULL",
	"CASE WHEN k IS NULL THEN 1 ELSE 0 END = 1", "(k IS NULL) = true", "k IS DISTINCT FROM 'x'", "k IS NOT DISTINCT FROM 'x'",
	"k IS TRUE", "k IS FALSE", "k IS NOT TRUE", "k IS UNKNOWN",
	"length(k) > 0", "lower(k) = 'x'", "k || 'x' = 'ax'", "(data->>'k') IS NOT NULL", "data->>'k' = 'x'", "k->>'x' IS NOT NULL",
	"k", "NOT k", "active", "(active)", "NOT active", "status = 'x'", "deleted_at IS NULL", "n > 0",
	"k -- c\n IS NOT NULL", "k /* c */ IS NOT NULL", `"and" IS NOT NULL`, "row(k) IS NOT NULL", "(k, n) IS NOT NULL",
	"active = (k OR true)", "active = (k AND false)", "json_build_array(k) IS NOT NULL", "jsonb_build_object('a', k) IS NOT NULL",
	"iif(k IS NULL, 1, 0) = 1", "typeof(k) = 'null'", "quote(k) = 'NULL'", "printf('%s', k) = ''",
}

// genPredicates returns the atoms alone and under AND, OR and NOT.
func genPredicates() []string {
	preds := append([]string(nil), genAtoms...)
	for _, a := range genAtoms {
		preds = append(preds, "status = 'x' AND "+a, a+" OR k IS NOT NULL", "k IS NOT NULL OR "+a, "("+a+") AND active", "NOT ("+a+")")
	}
	return preds
}

// TestGeneratedPredicatesPostgres probes every generated predicate
// PostgreSQL accepts, for every column it mentions: idemlint must never
// claim an exclusion the engine refutes, neither on the source text nor on
// pg_get_expr's.
func TestGeneratedPredicatesPostgres(t *testing.T) {
	preds := genPredicates()
	db := pgtest.NewDB(t)
	var b strings.Builder
	b.WriteString("CREATE TYPE mood AS ENUM ('sad', 'happy');\n" + predTableDDL + ";\n")
	for i, p := range preds {
		stmt := fmt.Sprintf("CREATE UNIQUE INDEX g%d ON p (id) WHERE %s", i, p)
		fmt.Fprintf(&b, "DO $g$ BEGIN EXECUTE '%s'; EXCEPTION WHEN others THEN NULL; END $g$;\n", strings.ReplaceAll(stmt, "'", "''"))
	}
	db.MustExec(t, b.String())
	checkGenerated(t, "PostgreSQL", pgSchema(t, db), schema.PostgreSQL, preds)
}

// TestGeneratedPredicatesSQLite is TestGeneratedPredicatesPostgres on
// SQLite.
func TestGeneratedPredicatesSQLite(t *testing.T) {
	preds := genPredicates()
	db := openSQLite(t)
	if _, err := db.Exec(strings.ReplaceAll(predTableDDL, "jsonb", "text")); err != nil {
		t.Fatal(err)
	}
	for i, p := range preds {
		db.Exec(fmt.Sprintf("CREATE UNIQUE INDEX g%d ON p (id) WHERE %s", i, p)) // rejected ones are skipped
	}
	checkGenerated(t, "SQLite", sqliteSchema(t, db), schema.SQLite, preds)
}

func checkGenerated(t *testing.T, engine string, s *Schema, d schema.Dialect, preds []string) {
	t.Helper()
	tbl := s.Table("p")
	mt := &schema.Table{Name: "p"}
	for _, c := range tbl.Columns {
		mt.Columns = append(mt.Columns, &schema.Column{Name: c.Name, Nullable: true})
	}
	probes, conservative := 0, 0
	for _, u := range tbl.Uniques {
		var i int
		if _, err := fmt.Sscanf(u.Name, "g%d", &i); err != nil || u.Where == nil {
			t.Fatalf("%s: unexpected unique %s", engine, u.Name)
		}
		for _, c := range u.Where.Columns {
			probes++
			db := slices.Contains(u.Where.ExcludesNull, c)
			for _, text := range []string{preds[i], u.Where.Text} {
				if schema.ExcludesNull(d, mt, text, c) && !db {
					t.Errorf("%s: BUG: idemlint says %q excludes NULL %s, but the engine kept the row %s", engine, text, c, u.Where.Witnesses[c])
				}
			}
			if db && !schema.ExcludesNull(d, mt, preds[i], c) {
				conservative++
			}
			dbEmpty := slices.Contains(u.Where.ExcludesEmpty, c)
			for _, text := range []string{preds[i], u.Where.Text} {
				if schema.ExcludesEmpty(d, mt, text, c) && !dbEmpty {
					t.Errorf("%s: BUG: idemlint says %q excludes the empty %s, but the engine kept the row %s", engine, text, c, u.Where.Witnesses[c+" = ''"])
				}
			}
		}
	}
	t.Logf("%s: %d of %d generated predicates accepted, %d probes, %d where idemlint is conservative",
		engine, len(tbl.Uniques), len(preds), probes, conservative)
}
