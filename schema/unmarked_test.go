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
