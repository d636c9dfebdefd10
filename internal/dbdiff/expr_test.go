package dbdiff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPredicate checks the normalisation on source text and on the text
// PostgreSQL's pg_get_expr prints for it: both must normalise alike.
func TestPredicate(t *testing.T) {
	cols := []string{"k", "deleted_at", "status", "active", "Key", "data"}
	for _, tc := range []struct {
		src, pg     string
		columns, nn []string
	}{
		{"k IS NOT NULL", "(k IS NOT NULL)", []string{"k"}, []string{"k"}},
		{"deleted_at IS NULL", "(deleted_at IS NULL)", []string{"deleted_at"}, nil},
		{"NOT (k IS NULL)", "(k IS NOT NULL)", []string{"k"}, []string{"k"}},
		{"status IN ('a', 'b') AND k <> ''", "((status = ANY (ARRAY['a'::text, 'b'::text])) AND (k <> ''::text))", []string{"k", "status"}, []string{"k", "status"}},
		{"status = 'x'", "((status)::text = 'x'::text)", []string{"status"}, []string{"status"}},
		{"COALESCE(k, '') <> ''", "(COALESCE(k, ''::text) <> ''::text)", []string{"k"}, nil},
		{"(k IS NOT NULL OR status = 'x') AND active", "(((k IS NOT NULL) OR ((status)::text = 'x'::text)) AND active)", []string{"active", "k", "status"}, []string{"active"}},
		{`"Key" IS NOT NULL AND deleted_at IS NULL`, `(("Key" IS NOT NULL) AND (deleted_at IS NULL))`, []string{"Key", "deleted_at"}, []string{"Key"}},
		{"(data->>'k') IS NOT NULL", "((data ->> 'k'::text) IS NOT NULL)", []string{"data"}, nil},
		{"k BETWEEN 'a' AND 'b'", "((k >= 'a'::text) AND (k <= 'b'::text))", []string{"k"}, []string{"k"}},
	} {
		r := newResolver(cols, true)
		for _, text := range []string{tc.src, tc.pg} {
			p := r.predicate(text)
			want := &Predicate{Columns: tc.columns, ExcludesNull: tc.nn, Text: text}
			if d := cmp.Diff(want, p); d != "" {
				t.Errorf("predicate(%q) (-want +got):\n%s", text, d)
			}
		}
	}
	// Unquoted names fold to lower case on PostgreSQL, so key is not "Key".
	if p := newResolver(cols, true).predicate("Key IS NOT NULL"); len(p.Columns) != 0 {
		t.Errorf("unquoted Key resolved to %v on PostgreSQL", p.Columns)
	}
	// SQLite matches names case-insensitively.
	if p := newResolver(cols, false).predicate("KEY IS NOT NULL"); !cmp.Equal(p.ExcludesNull, []string{"Key"}) {
		t.Errorf("SQLite KEY IS NOT NULL: %+v", p)
	}
}

func TestSplitIndexSQL(t *testing.T) {
	parts, where := splitIndexSQL(`CREATE UNIQUE INDEX "i(x)" ON t (lower(a), b COLLATE NOCASE DESC, 'x,y' || c) WHERE a IS NOT NULL AND "where" = 1`)
	want := []string{"lower(a)", "b", "'x,y' || c"}
	if !cmp.Equal(parts, want) || where != `a IS NOT NULL AND "where" = 1` {
		t.Errorf("parts = %q, where = %q", parts, where)
	}
}

func TestDiffMatchesUnnamed(t *testing.T) {
	u := func(name string) Unique {
		return Unique{Name: name, Kind: KindIndex, Parts: []Part{{Column: "a"}}}
	}
	db := &Schema{Tables: []Table{{Name: "t", Uniques: []Unique{u("t_a_idx")}}}}
	if d := Diff(db, &Schema{Tables: []Table{{Name: "t", Uniques: []Unique{u("")}}}}); d != "" {
		t.Errorf("unnamed unique does not match:\n%s", d)
	}
	if d := Diff(db, &Schema{Tables: []Table{{Name: "t", Uniques: []Unique{u("other")}}}}); d == "" {
		t.Errorf("differently named uniques match")
	}
}
