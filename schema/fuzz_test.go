package schema

import (
	"slices"
	"testing"
)

// FuzzPredicate feeds arbitrary partial-index predicates to the NULL and
// empty-string analyses (seeds in testdata/fuzz/FuzzPredicate): they must
// never panic and must answer the same twice, and a predicate that ANDs an
// explicit "IS NOT NULL" onto anything balanced must exclude NULLs.
func FuzzPredicate(f *testing.F) {
	tbl := predTable("key", "a", "b", "deleted_at")
	f.Fuzz(func(t *testing.T, where string) {
		for _, d := range []Dialect{PostgreSQL, SQLite, SQLServer, DialectUnknown} {
			n1, n2 := excludesNull(d, tbl, where, "key"), excludesNull(d, tbl, where, "key")
			e1, e2 := excludesEmpty(d, tbl, where, "key"), excludesEmpty(d, tbl, where, "key")
			c1, c2 := PredicateColumns(d, tbl, where), PredicateColumns(d, tbl, where)
			if n1 != n2 || e1 != e2 || !slices.Equal(c1, c2) {
				t.Fatalf("%v, %q: answers differ between two runs", d, where)
			}
			if e1 && !n1 {
				t.Errorf("%v, %q: excludes the empty key but not NULL", d, where)
			}
			wrapped := "key IS NOT NULL AND (" + where + "\n)"
			if !excludesNull(d, tbl, wrapped, "key") && closes(predicateTokens(d, tbl, "("+where+"\n)")) {
				t.Errorf("%v: explicit IS NOT NULL conjunct not recognised with %q", d, where)
			}
		}
	})
}
