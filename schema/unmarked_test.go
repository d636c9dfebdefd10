package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestUnmarkedKeys: a nullable unique column that nothing makes a key is
// noted (so that -v says what was not checked), and nothing else is: not
// tenant_id, the nullable scope of a key's rule, which is checked as the
// key's scope (IDEM103).
func TestUnmarkedKeys(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table transfers
  col id bigserial
  col account_id text
  col request_ref text null
  col email text null
  col idempotency_key text null
  col optional_ref text null
  col flag boolean null
  col token text null
  col seq bigserial null
  col tenant_id text null
  pk (id)
  unique (account_id, request_ref)
  unique (email)
  unique (account_id, idempotency_key)
  unique (optional_ref) where optional_ref IS NOT NULL
  unique (flag, account_id)
  unique (token) nnd
  unique (seq, account_id)
  unique (tenant_id, idempotency_key)
`)
	var got []string
	for _, f := range UnmarkedKeys(m, KeyMatcher{}) {
		if f.Code != "" {
			t.Errorf("a note has code %q", f.Code)
		}
		got = append(got, f.Column.Name+": "+f.Message[:strings.Index(f.Message, ", where")])
	}
	want := []string{
		"request_ref: not checked as a key: transfers.request_ref is nullable in unique constraint (account_id, request_ref)",
		"email: not checked as a key: transfers.email is nullable in unique constraint (email)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	// Marked with -key, it is a key (IDEM101), no longer a note.
	for _, f := range UnmarkedKeys(m, KeyMatcher{Extra: []string{"transfers.request_ref"}}) {
		if f.Column.Name == "request_ref" {
			t.Errorf("request_ref noted although -key names it: %s", f.Message)
		}
	}
	// SQL Server keeps one NULL: nothing repeats, nothing to note.
	m.Dialect = SQLServer
	if fs := UnmarkedKeys(m, KeyMatcher{}); len(fs) != 0 {
		t.Errorf("SQL Server: %d notes, want none", len(fs))
	}
}

// TestUnmarkedGenerated: a nullable generated column whose expression
// falls back to a literal (MySQL's IFNULL(key, 'none'), COALESCE) is never
// NULL, so its unique rule is not noted as one where NULLs repeat; one
// whose expression can give NULL still is.
func TestUnmarkedGenerated(t *testing.T) {
	m := parseTestSchema(t, MySQL, `table transfers
  col id bigserial
  col account_id bigint
  col ref text null
  col ref_norm text null
  col ref_copy text null
  pk (id)
  unique (account_id, ref_norm)
  unique (account_id, ref_copy)
`)
	tbl := m.Tables[0]
	for _, c := range tbl.Columns {
		switch c.Name {
		case "ref_norm":
			c.Default = &Default{Expr: "IFNULL(ref, '')", Generated: true}
		case "ref_copy":
			c.Default = &Default{Expr: "(upper(ref))", Generated: true}
		}
	}
	var got []string
	for _, f := range UnmarkedKeys(m, KeyMatcher{}) {
		got = append(got, f.Column.Name)
	}
	if diff := cmp.Diff([]string{"ref_copy"}, got); diff != "" {
		t.Errorf("noted columns (-want +got):\n%s", diff)
	}
}

func TestNeverNullExpr(t *testing.T) {
	for expr, want := range map[string]bool{
		"IFNULL(idempotency_key, '')":            true,
		"(coalesce(a, b, 'none'))":               true,
		"COALESCE(key, ''::text)":                true,
		"nvl(key, 0)":                            true,
		"coalesce(key, other)":                   false,
		"coalesce(key)":                          false,
		"upper(coalesce(key, ''))":               false,
		"coalesce(key, ''), x":                   false,
		"IFNULL(concat(a, ','), 'a,b')":          true,
		"CASE WHEN k IS NULL THEN '' ELSE k END": false,
	} {
		if got := neverNullExpr(expr); got != want {
			t.Errorf("neverNullExpr(%q) = %v, want %v", expr, got, want)
		}
	}
}
