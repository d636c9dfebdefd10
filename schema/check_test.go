package schema

import (
	"github.com/idemlint/idemlint/checks"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A checkCase is one schema and the findings Check must return for it.
type checkCase struct {
	name    string
	dialect Dialect
	opts    Options
	src     string
	want    []summary
	// msgs are substrings that must appear in the message of the finding
	// at the same index of want.
	msgs [][]string
}

func runCheckCases(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := parseTestSchema(t, tc.dialect, tc.src)
			m.Files[0].Syntax = &fakeSyntax{}
			got := Check(m, tc.opts)
			if diff := cmp.Diff(tc.want, summarize(got)); diff != "" {
				t.Fatalf("findings (-want +got):\n%s\nmessages:\n%s", diff, messages(got))
			}
			for i, subs := range tc.msgs {
				for _, sub := range subs {
					if !strings.Contains(got[i].Message, sub) {
						t.Errorf("finding %d: message %q does not contain %q", i, got[i].Message, sub)
					}
				}
			}
		})
	}
}

func messages(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\t" + f.Code + ": " + f.Message + "\n")
		for _, r := range f.Related {
			b.WriteString("\t\t" + r.Span.String() + ": " + r.Message + "\n")
		}
	}
	return b.String()
}

// keyTable is a payments table whose key sits on line 3 and whose unique
// constraint on the key alone follows the columns.
const keyTable = `table payments
  col id bigint
  col idempotency_key varchar(64) null
  col tenant_id bigint
  pk (id)
  unique payments_key_uq (idempotency_key)
`

func TestIDEM101Dialects(t *testing.T) {
	report := []summary{{Code: "IDEM101", Line: 3, Column: "idempotency_key", Related: 1, Fixes: 2}}
	cases := []checkCase{
		{name: "postgresql", dialect: PostgreSQL, src: keyTable, want: report, msgs: [][]string{{
			"payments.idempotency_key is nullable", "NULLs are distinct in PostgreSQL unique constraint payments_key_uq (idempotency_key)",
			"every retry that arrives without a key is inserted again"}}},
		{name: "cockroachdb", dialect: CockroachDB, src: keyTable, want: report, msgs: [][]string{{"in CockroachDB"}}},
		{name: "mysql", dialect: MySQL, src: keyTable, want: report, msgs: [][]string{{"in MySQL"}}},
		{name: "mariadb", dialect: MariaDB, src: keyTable, want: report, msgs: [][]string{{"in MariaDB"}}},
		{name: "sqlite", dialect: SQLite, src: keyTable, want: report, msgs: [][]string{{"in SQLite"}}},
		// No random default is known for an unknown engine: only the fix
		// without a default is offered.
		{name: "unknown", dialect: DialectUnknown, src: keyTable,
			want: []summary{{Code: "IDEM101", Line: 3, Column: "idempotency_key", Related: 1, Fixes: 1}},
			msgs: [][]string{{"in the database unique constraint"}}},
		{name: "sqlserver allows one NULL", dialect: SQLServer, src: keyTable},
		{name: "mongodb", dialect: MongoDB, src: keyTable},
		{name: "oracle single nullable column", dialect: Oracle, src: keyTable,
			want: []summary{{Code: "IDEM101", Line: 3, Column: "idempotency_key", Related: 1, Fixes: 1}},
			msgs: [][]string{{"in Oracle"}}},
		{name: "oracle composite with a NOT NULL member", dialect: Oracle, src: `table payments
  col idempotency_key varchar(64) null
  col tenant_id bigint
  unique (tenant_id, idempotency_key)
`},
		{name: "oracle composite all nullable", dialect: Oracle, src: `table payments
  col idempotency_key varchar(64) null
  col tenant_id bigint null
  unique (tenant_id, idempotency_key)
`, want: []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 1}}},
		{name: "oracle composite with an expression part", dialect: Oracle, src: `table payments
  col idempotency_key varchar(64) null
  col tenant_id bigint null
  index (lower(tenant_id), idempotency_key)
`},
		{name: "postgresql composite with a NOT NULL member", dialect: PostgreSQL, src: `table payments
  col idempotency_key varchar(64) null
  col tenant_id bigint
  unique pay_uq (tenant_id, idempotency_key)
`, want: []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 2}},
			msgs: [][]string{{"unique constraint pay_uq (tenant_id, idempotency_key)"}}},
	}
	runCheckCases(t, cases)
}

// partialKey is a nullable key under a partial unique index whose
// predicate each case fills in.
func partialKey(where string) string {
	return `table payments
  col idempotency_key text null
  col other boolean
  col x boolean
  index pay_key_idx (idempotency_key) where ` + where + "\n"
}

func TestIDEM101Predicates(t *testing.T) {
	report := []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 2}}
	cases := []checkCase{
		{name: "no predicate", src: strings.Replace(partialKey("x"), " where x", "", 1), want: report,
			msgs: [][]string{{"unique index pay_key_idx (idempotency_key)"}}},
		{name: "IS NOT NULL", src: partialKey(`idempotency_key IS NOT NULL`)},
		{name: "quoted IS NOT NULL and another conjunct", src: partialKey(`"idempotency_key" IS NOT NULL AND other`)},
		{name: "other conjunct first", src: partialKey(`other AND idempotency_key IS NOT NULL`)},
		{name: "not empty", src: partialKey(`idempotency_key <> ''`)},
		{name: "qualified", src: partialKey(`t.idempotency_key IS NOT NULL`)},
		{name: "quoted qualified", src: partialKey(`"payments"."idempotency_key" IS NOT NULL`)},
		{name: "NOT IS NULL", src: partialKey(`NOT (idempotency_key IS NULL)`)},
		{name: "NOT IS NULL without parens", src: partialKey(`NOT idempotency_key IS NULL`)},
		{name: "cast", src: partialKey(`idempotency_key::text IS NOT NULL`)},
		{name: "parenthesised", src: partialKey(`((idempotency_key IS NOT NULL))`)},
		{name: "upper case column", src: partialKey(`IDEMPOTENCY_KEY IS NOT NULL`)},
		{name: "between", src: partialKey(`idempotency_key BETWEEN 'a' AND 'z'`)},
		{name: "between and another conjunct", src: partialKey(`x AND idempotency_key BETWEEN 'a' AND 'z'`)},
		{name: "length", src: partialKey(`length(idempotency_key) > 0`)},
		{name: "in list", src: partialKey(`idempotency_key IN ('a', 'b')`)},
		{name: "like", src: partialKey(`idempotency_key LIKE 'k_%'`)},
		{name: "both OR branches exclude", src: partialKey(`idempotency_key <> '' OR idempotency_key IS NOT NULL`)},
		// Predicates that do not keep NULL keys out of the index.
		{name: "OR branch may hold NULL", src: partialKey(`idempotency_key IS NOT NULL OR x`), want: report},
		{name: "coalesce is null-tolerant", src: partialKey(`coalesce(idempotency_key, '') <> ''`), want: report},
		{name: "IS NULL", src: partialKey(`idempotency_key IS NULL`), want: report},
		{name: "IS DISTINCT FROM", src: partialKey(`idempotency_key IS DISTINCT FROM 'x'`), want: report},
		{name: "about another column", src: partialKey(`other IS NOT NULL`), want: report},
		{name: "column name as a prefix", src: partialKey(`idempotency_key_old IS NOT NULL`), want: report},
		{name: "string literal", src: partialKey(`x = 'idempotency_key IS NOT NULL'`), want: report},
		{name: "case expression", src: partialKey(`CASE WHEN idempotency_key IS NULL THEN 'a' ELSE idempotency_key END <> ''`), want: report},
	}
	for i := range cases {
		cases[i].dialect = PostgreSQL
	}
	runCheckCases(t, cases)
}

func TestIDEM101Uniques(t *testing.T) {
	cases := []checkCase{
		{name: "nulls not distinct", dialect: PostgreSQL, src: `table payments
  col idempotency_key text null
  unique (idempotency_key) nnd
`},
		{name: "coalesce expression index beside the plain unique", dialect: PostgreSQL, src: `table payments
  col idempotency_key text null
  unique (idempotency_key)
  index (coalesce(idempotency_key, ''))
`},
		{name: "ifnull expression index", dialect: MySQL, src: `table payments
  col idempotency_key varchar(64) null
  index (ifnull(idempotency_key, ''))
`},
		{name: "only lower(key) is not a candidate", dialect: PostgreSQL, src: `table payments
  col idempotency_key text null
  index (lower(idempotency_key))
`},
		{name: "NOT NULL key", dialect: PostgreSQL, src: `table payments
  col idempotency_key text
  unique (idempotency_key)
`},
		{name: "key in no unique", dialect: PostgreSQL, src: `table payments
  col id bigint
  col idempotency_key text null
  pk (id)
  unique (id)
`},
		{name: "primary key is never NULL-distinct", dialect: PostgreSQL, src: `table payments
  col idempotency_key text null
  pk (idempotency_key)
`},
		{name: "primary key beside a plain unique", dialect: PostgreSQL, src: `table payments
  col idempotency_key text null
  pk (idempotency_key)
  unique key_uq (idempotency_key)
`, want: []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 2}},
			msgs: [][]string{{"unique constraint key_uq"}}},
		{name: "multiple offending uniques", dialect: PostgreSQL, src: `table payments
  col idempotency_key text null
  col tenant_id bigint
  unique key_uq (idempotency_key)
  index tenant_key_idx (tenant_id, idempotency_key)
  index excluded_idx (idempotency_key) where idempotency_key IS NOT NULL
`, want: []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 2, Fixes: 2}},
			msgs: [][]string{{"unique constraint key_uq (idempotency_key)"}}},
		{name: "non-key nullable unique column", dialect: PostgreSQL, src: `table users
  col email text null
  unique (email)
`},
		{name: "boolean named like a key", dialect: PostgreSQL, src: `table payments
  col has_idempotency_key boolean null
  unique (has_idempotency_key)
`},
		{name: "two tables, two findings in offset order", dialect: SQLite, src: `table a
  col dedup_key text null
  unique (dedup_key)
table b
  col client_token text null
  unique (client_token)
`, want: []summary{
			{Code: "IDEM101", Line: 2, Column: "dedup_key", Related: 1, Fixes: 2},
			{Code: "IDEM101", Line: 5, Column: "client_token", Related: 1, Fixes: 2},
		}},
	}
	runCheckCases(t, cases)
}

func TestIDEM101Related(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table payments
  col ref text null -- idemlint:key
  col tenant_id bigint
  unique key_uq (ref)
  index tenant_ref_idx (tenant_id, ref)
`)
	got := Check(m, Options{})
	if len(got) != 1 {
		t.Fatalf("got %d findings:\n%s", len(got), messages(got))
	}
	type rel struct {
		Line int
		Msg  string
	}
	var rels []rel
	for _, r := range got[0].Related {
		rels = append(rels, rel{r.Span.Position().Line, r.Message})
	}
	want := []rel{
		{4, "unique constraint key_uq (ref) lets rows with a NULL ref repeat"},
		{5, "unique index tenant_ref_idx (tenant_id, ref) lets rows with a NULL ref repeat"},
		{2, "ref is a key: annotated idemlint:key"},
	}
	if diff := cmp.Diff(want, rels); diff != "" {
		t.Errorf("related (-want +got):\n%s", diff)
	}
	if got[0].Table != m.Tables[0] || got[0].Column != m.Tables[0].Column("ref") {
		t.Errorf("finding points at table %v column %v", got[0].Table, got[0].Column)
	}
	if got[0].Span != got[0].Column.Span {
		t.Errorf("finding span %v, want the column's %v", got[0].Span, got[0].Column.Span)
	}
}

func TestIDEM102(t *testing.T) {
	uncovered := `table events
  col id bigint
  col idempotency_key text
  pk (id)
`
	cases := []checkCase{
		{name: "off by default", dialect: PostgreSQL, src: uncovered},
		{name: "on", dialect: PostgreSQL, opts: Options{Checks: withUncovered}, src: uncovered,
			want: []summary{{Code: "IDEM102", Line: 3, Column: "idempotency_key"}},
			msgs: [][]string{{"events.idempotency_key is not covered by any unique constraint"}}},
		{name: "nullable and uncovered", dialect: PostgreSQL, opts: Options{Checks: withUncovered}, src: strings.Replace(uncovered, "text", "text null", 1),
			want: []summary{{Code: "IDEM102", Line: 3, Column: "idempotency_key"}}},
		{name: "covered by a plain unique", dialect: PostgreSQL, opts: Options{Checks: withUncovered}, src: uncovered + "  unique (idempotency_key)\n"},
		{name: "covered by a coalesce expression index", dialect: PostgreSQL, opts: Options{Checks: withUncovered},
			src: strings.Replace(uncovered, "text", "text null", 1) + "  index (coalesce(idempotency_key, ''))\n"},
		{name: "covered by the primary key", dialect: PostgreSQL, opts: Options{Checks: withUncovered}, src: strings.Replace(uncovered, "pk (id)", "pk (id, idempotency_key)", 1)},
		{name: "not on mongodb", dialect: MongoDB, opts: Options{Checks: withUncovered}, src: uncovered},
	}
	runCheckCases(t, cases)
}

func TestIDEM103(t *testing.T) {
	composite := func(extra string) string {
		return `table payments
  col idempotency_key varchar(64)
  col tenant_id bigint null
  col region text null
  unique pay_uq (tenant_id, idempotency_key)` + extra + "\n"
	}
	member := []summary{{Code: "IDEM103", Line: 3, Column: "tenant_id", Related: 2}}
	cases := []checkCase{
		{name: "postgresql", dialect: PostgreSQL, src: composite(""), want: member,
			msgs: [][]string{{"payments.tenant_id is nullable and part of unique constraint pay_uq (tenant_id, idempotency_key) with idempotency key idempotency_key",
				"NULLs are distinct in PostgreSQL", "rows where tenant_id is NULL are never deduplicated"}}},
		{name: "mysql", dialect: MySQL, src: composite(""), want: member},
		{name: "sqlite", dialect: SQLite, src: composite(""), want: member},
		{name: "unknown", dialect: DialectUnknown, src: composite(""), want: member},
		{name: "member excluded by the predicate", dialect: PostgreSQL, src: composite(" where tenant_id IS NOT NULL")},
		{name: "key excluded, member not", dialect: PostgreSQL, src: composite(" where idempotency_key <> ''"), want: member},
		{name: "nulls not distinct", dialect: PostgreSQL, src: composite(" nnd")},
		{name: "sqlserver", dialect: SQLServer, src: composite("")},
		{name: "oracle", dialect: Oracle, src: composite("")},
		{name: "mongodb", dialect: MongoDB, src: composite("")},
		{name: "two nullable members", dialect: PostgreSQL, src: strings.Replace(composite(""), "(tenant_id, idempotency_key)", "(tenant_id, region, idempotency_key)", 1),
			want: []summary{
				{Code: "IDEM103", Line: 3, Column: "tenant_id", Related: 2},
				{Code: "IDEM103", Line: 4, Column: "region", Related: 2},
			}},
		{name: "NOT NULL members", dialect: PostgreSQL, src: strings.Replace(composite(""), "bigint null", "bigint", 1)},
		{name: "nullable key reports IDEM101, not IDEM103", dialect: PostgreSQL, src: strings.Replace(composite(""), "varchar(64)", "varchar(64) null", 1),
			want: []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 2}}},
	}
	runCheckCases(t, cases)
}

var withUncovered = checks.Selection{}.With(checks.UncoveredKey, true)
