package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// predTable is a table with the given columns, for predicate tests.
func predTable(cols ...string) *Table {
	t := &Table{Name: "t"}
	for _, c := range cols {
		t.Columns = append(t.Columns, &Column{Name: c, Nullable: true})
	}
	return t
}

var predKeyTable = predTable("key", "other", "x", "a", "b", "key_old", "deleted_at", "idempotencyKey")

func TestExcludesNull(t *testing.T) {
	cases := []struct {
		where string
		want  bool
	}{
		{"", false},
		{"key IS NOT NULL", true},
		{"KEY is not null", true},
		{`"key" IS NOT NULL AND other`, true},
		{"other AND key IS NOT NULL", true},
		{"key <> ''", true},
		{"key != ''", true},
		{"'' <> key", true},
		{"t.key IS NOT NULL", true},
		{`"t"."key" IS NOT NULL`, true},
		{"`key` IS NOT NULL", true},
		{"[key] IS NOT NULL", true},
		{"NOT (key IS NULL)", true},
		{"NOT key IS NULL", true},
		{"key::text IS NOT NULL", true},
		{"(key IS NOT NULL)", true},
		{"key BETWEEN 'a' AND 'z'", true},
		{"key NOT BETWEEN 'a' AND 'z'", true},
		{"x AND key BETWEEN 'a' AND 'z'", true},
		{"key BETWEEN 'a' AND 'z' AND x", true},
		// A BETWEEN inside parentheses must not swallow the top-level AND.
		{"(a BETWEEN 1 AND 2) AND key IS NOT NULL", true},
		{"length(key) > 0", true},
		{"key IN ('a', 'b')", true},
		{"key NOT IN ('a', 'b')", true},
		{"key LIKE 'a%'", true},
		{"key ~ '^k'", true},
		{"(key IS NOT NULL OR x) AND key <> ''", true},
		{"key <> '' OR key IS NOT NULL", true},

		{"key IS NOT NULL OR x", false},
		{"x OR key IS NOT NULL", false},
		{"coalesce(key, '') <> ''", false},
		{"COALESCE(key, '') <> ''", false},
		{"ifnull(key, '') <> ''", false},
		{"concat(key, 'x') <> 'x'", false},
		{"key IS NULL", false},
		{"key IS DISTINCT FROM 'x'", false},
		{"key IS NOT DISTINCT FROM 'x'", false},
		{"NOT (key IS NOT NULL)", false},
		{"other IS NOT NULL", false},
		{"key_old IS NOT NULL", false},
		{"x = 'key IS NOT NULL'", false},
		{"deleted_at IS NULL", false},
		{"((", false},
		{"'unterminated", false},
	}
	for _, tc := range cases {
		if got := excludesNull(DialectUnknown, predKeyTable, tc.where, "key"); got != tc.want {
			t.Errorf("excludesNull(%q, key) = %v, want %v", tc.where, got, tc.want)
		}
	}
	// An unquoted name that no column spells exactly still finds the one
	// column it matches without regard to case: Prisma's where: objects
	// write physical names unquoted.
	if !excludesNull(PostgreSQL, predKeyTable, "idempotencykey IS NOT NULL", "idempotencyKey") {
		t.Error("a mixed-case column name is not matched")
	}
}

// TestExcludesNullMerged holds the predicates on which schema's old copy of
// this analysis and the test oracle's (internal/dbdiff/expr.go, since removed) disagreed,
// found by running both over a generated list (atoms such as `k NOTNULL`
// alone and under AND, OR and NOT), and the cases where both were wrong,
// found by PostgreSQL (internal/dbdiff's null probe). Table columns: k,
// status, active, data, deleted_at, n and "Key"; dialect PostgreSQL.
func TestExcludesNullMerged(t *testing.T) {
	tbl := predTable("k", "status", "active", "data", "deleted_at", "n", "Key")
	cases := []struct {
		where string
		want  bool
		why   string
	}{
		// The oracle was right, schema's copy wrong.
		{"k NOTNULL", true, "PostgreSQL's postfix NOTNULL"},
		{"status = 'x' AND k NOTNULL", true, "postfix NOTNULL under AND"},
		{"(k)::text IS NOT NULL", true, "a parenthesised cast"},
		{"k NOT SIMILAR TO 'a'", true, "NOT SIMILAR is as strict as SIMILAR"},
		{"k NOT GLOB 'a*'", true, "SQLite's NOT GLOB"},
		{"k NOT REGEXP 'a'", true, "NOT REGEXP"},
		{"format('%s', k) <> ''", false, "format() prints NULL as ''"},
		{"num_nonnulls(k) = 1", false, "num_nonnulls counts NULLs"},
		{"k", true, "a boolean key on its own"},
		{"status = 'x' AND NOT k", true, "NOT of a NULL is NULL"},
		{"k -- comment\n IS NOT NULL", true, "a comment inside the predicate"},
		{`"K" IS NOT NULL`, false, `quoted "K" is not column k on PostgreSQL`},
		// Schema's copy was right, the oracle's wrong.
		{"k=-1", true, "=- is = then -1 (PostgreSQL's operator rule)"},
		{"t.k IS NOT NULL", true, "a qualified name"},
		{`"t"."k" IS NOT NULL`, true, "a quoted qualified name"},
		// Both were wrong.
		{"'a' IN (k, 'a')", false, "the IN list holds 'a' whatever k is"},
		{"'m' NOT BETWEEN k AND 'a'", false, "NOT (NULL AND FALSE) is TRUE"},
		{"greatest(k, 'a') = 'a'", false, "greatest ignores NULLs"},
		{"least(k, 'z') = 'z'", false, "least ignores NULLs"},
		{"nullif('a', k) = 'a'", false, "nullif('a', NULL) is 'a'"},
		{"quote_nullable(k) <> ''", false, "quote_nullable(NULL) is 'NULL'"},
		{"array_append(ARRAY['a'], k) IS NOT NULL", false, "appending a NULL element"},
		{"active = (k OR true)", false, "NULL OR TRUE is TRUE"},
		{"(data->>'k') IS NOT NULL", false, "data is not k"},
		{"data->>'x' IS NOT NULL AND k > 0", true, "a strict comparison under AND"},
		// Stronger than both.
		{"(k = 'x') IS TRUE", true, "IS TRUE of a strict comparison"},
		{"k IS FALSE", true, "NULL IS FALSE is false"},
		{"k->>'x' IS NOT NULL", true, "->> of a NULL is NULL"},
		{"lower(k) IS NOT NULL", true, "a strict function"},
		{"'m' BETWEEN k AND 'z'", true, "a NULL bound makes BETWEEN NULL or false"},
		{"k @> '{}'", true, "a jsonb operator"},
		{"k IS NOT TRUE", false, "NULL IS NOT TRUE is true"},
		// Found by the generated list run against PostgreSQL.
		{"NOT (NOT k ISNULL)", false, "NOT NOT x is x: k ISNULL"},
		{"NOT (NOT k IS NULL)", false, "NOT NOT x is x: k IS NULL"},
		{"NOT (NOT (k IS NOT NULL))", true, "NOT NOT x is x: k IS NOT NULL"},
		{"NOT (k::text IS NOT NULL)", false, "the cast is of k, not of the whole test"},
		{"NOT ((k)::text IS NOT NULL)", false, "the same, parenthesised"},
		{"NOT k::text = 'x'", true, "NOT of a strict comparison over a cast"},
		{"k::character varying(10) IS NOT NULL", true, "a type of several words"},
		{"(k, n) IS NOT NULL", true, "a row is NOT NULL when every field is"},
		{"ROW(k, n) IS NOT NULL", true, "the same row as pg_get_expr prints it"},
		{"'b' NOT IN (k, 'a')", true, "NOT IN a list holding NULL is never TRUE"},
		{"'b' NOT IN (k)", true, "NOT IN a one-item list"},
		{"'b' NOT IN ('a', 'c')", false, "k is not mentioned"},
		{"NOT (k, n) IS NULL", false, "a row is not NULL once one field is set"},
		{"NOT substr(k, 1, 2) IS NULL", true, "a function's arguments are no row"},
		{"k IS UNKNOWN", false, "NULL IS UNKNOWN is true"},
	}
	for _, tc := range cases {
		if got := excludesNull(PostgreSQL, tbl, tc.where, "k"); got != tc.want {
			t.Errorf("excludesNull(%q, k) = %v, want %v (%s)", tc.where, got, tc.want, tc.why)
		}
	}
}

func TestPredicateColumns(t *testing.T) {
	tbl := predTable("k", "Key", "status", "data", "id")
	cases := []struct {
		d     Dialect
		where string
		want  []string
	}{
		{PostgreSQL, `"Key" IS NOT NULL AND k <> ''`, []string{"Key", "k"}},
		// No column is "key": the one that matches without regard to case.
		{PostgreSQL, `key IS NOT NULL`, []string{"Key"}},
		{SQLite, `KEY IS NOT NULL`, []string{"Key"}},
		{PostgreSQL, `"KEY" IS NOT NULL`, nil}, // quoted names match exactly
		{PostgreSQL, `lower(status) = 'x' AND data->>'id' = '1'`, []string{"data", "status"}},
		{PostgreSQL, `k::status IS NOT NULL`, []string{"k"}},
		{PostgreSQL, `t.id > 0`, []string{"id"}},
		{PostgreSQL, `x = 'k'`, nil},
	}
	for _, tc := range cases {
		if d := cmp.Diff(tc.want, PredicateColumns(tc.d, tbl, tc.where)); d != "" {
			t.Errorf("PredicateColumns(%v, %q) (-want +got):\n%s", tc.d, tc.where, d)
		}
	}
	// Two columns that differ only in case: PostgreSQL folds unquoted names
	// and finds key; SQLite cannot tell them apart.
	two := predTable("Key", "key")
	if got := PredicateColumns(PostgreSQL, two, "KEY > 0 AND \"Key\" > 0"); !cmp.Equal(got, []string{"Key", "key"}) {
		t.Errorf("PostgreSQL, Key and key: %q", got)
	}
	if got := PredicateColumns(SQLite, two, "KEY > 0"); got != nil {
		t.Errorf("SQLite, Key and key: %q, want none", got)
	}
}

func TestExcludesEmpty(t *testing.T) {
	cases := []struct {
		where string
		want  bool
	}{
		{"key <> ''", true},
		{"key != ''", true},
		{"key > ''", true},
		{"'' <> key", true},
		{"'' < key", true},
		{"(key <> ''::text)", true}, // as pg_get_expr prints it
		{"key IS NOT NULL AND key <> ''", true},
		{"length(key) > 0", true},
		{"char_length(key::text) <> 0", true},
		{"length(key) >= 1", true},
		{"key <> '' OR length(key) > 0", true},
		{"btrim(key) <> ''", true},
		{"length(btrim(key::text)) > 0", true},
		{"char_length(trim(key)) > 0", true},
		{"lower(key) <> ''", true},
		{"key <> '' AND other > 0", true},

		{"key IS NOT NULL", false},
		{"key <> 'x'", false},
		{"key < ''", false},
		{"'' > key", false},
		{"length(key) >= 0", false},
		{"other <> ''", false},
		{"key <> '' OR x", false},
		{"md5(key) <> ''", false}, // md5('') is not empty
		{"btrim(other) <> ''", false},
		{"", false},
	}
	for _, tc := range cases {
		if got := excludesEmpty(PostgreSQL, predKeyTable, tc.where, "key"); got != tc.want {
			t.Errorf("excludesEmpty(%q, key) = %v, want %v", tc.where, got, tc.want)
		}
	}
}

func TestPredicateTokens(t *testing.T) {
	tbl := predTable("Key", "key2", "k")
	tok := func(s, col string) ptok { return ptok{s: s, col: col} }
	cases := []struct {
		d    Dialect
		in   string
		want []ptok
	}{
		{PostgreSQL, `"Key" IS NOT NULL`, []ptok{tok(`"Key`, "Key"), tok("is", ""), tok("not", ""), tok("null", "")}},
		{PostgreSQL, `t."Key" <> ''`, []ptok{tok(`"Key`, "Key"), tok("<>", ""), tok("''", "")}},
		{PostgreSQL, `"public"."t"."Key" >= 'it''s'`, []ptok{tok(`"Key`, "Key"), tok(">=", ""), tok("'", "")}},
		{SQLite, "`db`.`key2` != ''", []ptok{tok(`"key2`, "key2"), tok("!=", ""), tok("''", "")}},
		{SQLServer, "[dbo].[Key] IS NULL", []ptok{tok(`"Key`, "Key"), tok("is", ""), tok("null", "")}},
		{PostgreSQL, "k::text ~* 'a'", []ptok{tok("k", "k"), tok("::", ""), tok("text", ""), tok("~*", ""), tok("'", "")}},
		{PostgreSQL, "k(1)", []ptok{tok("k", ""), tok("(", ""), tok("1", ""), tok(")", "")}},
		{PostgreSQL, "k=-1", []ptok{tok("k", "k"), tok("=", ""), tok("-", ""), tok("1", "")}},
		{PostgreSQL, "k !~~* 'a'", []ptok{tok("k", "k"), tok("!~~*", ""), tok("'", "")}},
		{PostgreSQL, "k/* c */=--c\n1", []ptok{tok("k", "k"), tok("=", ""), tok("1", "")}},
		{PostgreSQL, `"a""b"`, []ptok{tok(`"a"b`, "")}},
		{PostgreSQL, "ARRAY['a']", []ptok{tok("array", ""), tok("[", ""), tok("'", ""), tok("]", "")}},
		{PostgreSQL, `"unterminated`, []ptok{tok(`"unterminated`, "")}},
		{SQLite, "[x", []ptok{tok(`"x`, "")}},
		{PostgreSQL, "'open", []ptok{tok("'", "")}},
		{PostgreSQL, "", []ptok{}},
	}
	for _, tc := range cases {
		if diff := cmp.Diff(tc.want, predicateTokens(tc.d, tbl, tc.in), cmp.AllowUnexported(ptok{})); diff != "" {
			t.Errorf("predicateTokens(%v, %q) (-want +got):\n%s", tc.d, tc.in, diff)
		}
	}
}

// BenchmarkExcludesNull reads a predicate as pg_get_expr prints it.
func BenchmarkExcludesNull(b *testing.B) {
	tbl := predTable("id", "k", "status", "deleted_at", "tenant_id", "created_at")
	const where = `((deleted_at IS NULL) AND ("k" IS NOT NULL) AND (status = ANY (ARRAY['a'::text, 'b'::text])))`
	for b.Loop() {
		excludesNull(PostgreSQL, tbl, where, "k")
	}
}

// nestedPredicate is key IS NOT NULL inside n layers of parentheses.
func nestedPredicate(n int) string {
	return strings.Repeat("(", n) + "key IS NOT NULL" + strings.Repeat(")", n)
}

// TestDeeplyNestedPredicate: a predicate inside 100,000 layers of
// parentheses (200 KB) is still understood; see BenchmarkNestedPredicate
// for its cost, which was quadratic in the depth (43 s).
func TestDeeplyNestedPredicate(t *testing.T) {
	tbl := predTable("key")
	if !excludesNull(PostgreSQL, tbl, nestedPredicate(100000), "key") {
		t.Error("the nested IS NOT NULL is not seen")
	}
	if excludesNull(PostgreSQL, tbl, strings.Repeat("(", 1000)+"key IS NOT NULL"+strings.Repeat(")", 999), "key") {
		t.Error("an unbalanced predicate is taken as excluding NULLs")
	}
}

func BenchmarkNestedPredicate(b *testing.B) {
	tbl := predTable("key")
	for _, n := range []int{1000, 10000, 100000} {
		where := nestedPredicate(n)
		b.Run(fmt.Sprintf("depth=%d", n), func(b *testing.B) {
			for b.Loop() {
				excludesNull(PostgreSQL, tbl, where, "key")
			}
		})
	}
}
