package schema

import "testing"

// FuzzPredicate feeds arbitrary partial-index predicates to the NULL
// analysis: it must never panic, and a predicate that ANDs an explicit
// "IS NOT NULL" onto anything must exclude NULLs.
func FuzzPredicate(f *testing.F) {
	for _, s := range []string{
		`key IS NOT NULL`, `"key" <> '' AND (a OR b)`, `NOT (key IS NULL)`,
		`coalesce(key, '') <> ''`, `key BETWEEN 'a' AND 'z'`, `((`, `'unterminated`,
		`"unterminated`, `[x`, "a\x00b", `t.key::text IS NOT NULL`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, where string) {
		excludesNull(where, "key")
		if !excludesNull("key IS NOT NULL AND ("+where+")", "key") && closes(predicateTokens("("+where+")")) {
			t.Errorf("explicit IS NOT NULL conjunct not recognised with %q", where)
		}
	})
}
