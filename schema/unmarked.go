package schema

import (
	"fmt"
	"strings"
)

// UnmarkedKeys returns a note for each column that would be reported as a
// nullable key (IDEM101) if it were a key, but that nothing makes one: a
// nullable column of a key's type, not filled by the database, that a
// unique rule (other than a one-column primary key) covers and lets NULLs
// repeat in. Most such columns are optional on purpose (an email, an
// external reference), so they are not findings; but a key named unlike
// any key (request_key, op_token) is silent too, and a run that prints
// nothing claims there is no bug. Under -v the drivers print these notes,
// which say how to mark the column if it is a key.
//
// The notes are Findings with an empty Code, positioned at the column.
func UnmarkedKeys(m *Model, keys KeyMatcher) []Finding {
	if m.Dialect.nullRule() == nullsNotApplicable {
		return nil
	}
	var out []Finding
	for _, t := range m.Tables {
		for _, c := range t.Columns {
			if !c.Nullable || !keyLikeType(c) || FilledByDatabase(c) || !uniqueCovers(t, c) {
				continue
			}
			if ok, _ := keys.IsKey(t, c); ok {
				continue
			}
			var rules []string
			for _, u := range NullRepeats(m, t, c) {
				if u.Kind != PrimaryKey && !holdsKey(t, u, c, keys) {
					rules = append(rules, describeUnique(u))
				}
			}
			if len(rules) == 0 {
				continue
			}
			name := t.Name + "." + c.Name
			out = append(out, Finding{Span: c.Span, Table: t, Column: c, Message: fmt.Sprintf(
				"not checked as a key: %s is nullable in %s, where NULLs repeat, but neither its name, a comment nor an ON CONFLICT use makes it an idempotency key; if it is one, say so (-key %s, or an %s comment on the column)",
				name, strings.Join(rules, " and "), name, KeyAnnotation)})
		}
	}
	return out
}

// holdsKey reports whether rule u holds a key column beside c: the rule is
// then checked already, c as the key's scope (IDEM103 when it is
// nullable), and a note that c is "not checked as a key" would be untrue.
func holdsKey(t *Table, u *Unique, c *Column, keys KeyMatcher) bool {
	for _, name := range u.Columns() {
		other := t.Column(name)
		if other == nil || other == c {
			continue
		}
		if ok, _ := keys.IsKey(t, other); ok {
			return true
		}
	}
	return false
}
