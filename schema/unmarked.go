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
// It also notes a key that IDEM101 leaves alone because its foreign key
// sets it NULL on delete (nulledByDesign).
//
// The notes are Findings with an empty Code, positioned at the column.
func UnmarkedKeys(m *Model, keys KeyMatcher) []Finding {
	if m.Dialect.nullRule() == nullsNotApplicable {
		return nil
	}
	var out []Finding
	for _, t := range m.Tables {
		for _, c := range t.Columns {
			if n, ok := nulledKeyNote(m, t, c, keys); ok {
				out = append(out, n)
				continue
			}
			if n, ok := generatedKeyNote(m, t, c, keys); ok {
				out = append(out, n)
				continue
			}
			if n, ok := otherKindNote(m, t, c, keys); ok {
				out = append(out, n)
				continue
			}
			if !c.MayHoldNull() || !keyLikeType(c) || FilledByDatabase(c) || !uniqueCovers(t, c) {
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

// nulledKeyNote returns the note for a nullable key that IDEM101 leaves
// alone because the database sets it NULL itself (nulledByDesign): a run
// that says nothing of a column in an upsert's target would otherwise
// claim it was never looked at.
func nulledKeyNote(m *Model, t *Table, c *Column, keys KeyMatcher) (Finding, bool) {
	if !c.Nullable || !c.NulledOnDelete().IsValid() {
		return Finding{}, false
	}
	ok, why := keys.IsKey(t, c)
	rules := keys.KeyRules(t, c)
	if !ok || !nulledByDesign(c, rules) {
		return Finding{}, false
	}
	us := InRules(NullRepeats(m, t, c), rules)
	if len(us) == 0 {
		return Finding{}, false
	}
	return Finding{Span: c.Span, Table: t, Column: c, Message: fmt.Sprintf(
		"IDEM101 not reported: %s is a key of %s only (%s), and its foreign key sets it NULL when the row it references is deleted (%s): those NULLs are kept on purpose, and NOT NULL would make the delete fail",
		t.Name+"."+c.Name, describeUnique(us[0]), why, c.NulledOnDelete().Text())}, true
}

// generatedKeyNote returns the note for a nullable generated column that
// an ON CONFLICT target holds: it would be a key by that use, but the
// database computes it from the row's other columns on every write (ente's
// reactions upsert on (actor_key, unique_key), both GENERATED ALWAYS AS
// (CASE … END) STORED), so no write sends it and no retry can arrive
// without it; whether its expression can give NULL is not checked.
func generatedKeyNote(m *Model, t *Table, c *Column, keys KeyMatcher) (Finding, bool) {
	if !c.MayHoldNull() || !c.Generated() || !uniqueCovers(t, c) || len(NullRepeats(m, t, c)) == 0 {
		return Finding{}, false
	}
	at := keys.conflictUse(t, c)
	if at == "" {
		return Finding{}, false
	}
	return Finding{Span: c.Span, Table: t, Column: c, Message: fmt.Sprintf(
		"not checked as a key: %s is used as the ON CONFLICT target at %s, but it is a generated column: the database computes it from the row's other columns (%s), no write sends it, and whether that expression can be NULL is not checked",
		t.Name+"."+c.Name, at, shortExpr(c.Default.Expr))}, true
}

// otherKindNote returns the note for a nullable key that IDEM101 leaves
// alone because the code writes rows of another kind that leave its rule
// NULL (otherKindsLeftOut).
func otherKindNote(m *Model, t *Table, c *Column, keys KeyMatcher) (Finding, bool) {
	if !c.Nullable || nulledByDesign(c, keys.KeyRules(t, c)) {
		return Finding{}, false
	}
	ok, why := keys.IsKey(t, c)
	rules := keys.KeyRules(t, c)
	if !ok || rules == nil {
		return Finding{}, false
	}
	for _, u := range InRules(NullRepeats(m, t, c), rules) {
		if at := keys.OtherKindOfRow(t, u); at != "" {
			return Finding{Span: c.Span, Table: t, Column: c, Message: fmt.Sprintf(
				"IDEM101 not reported: %s is a key of %s only (%s), and the INSERT at %s, deduplicated by an ON CONFLICT of its own, writes rows that leave every column of that rule NULL: those NULLs are another kind of row, and NOT NULL would make that insert fail",
				t.Name+"."+c.Name, describeUnique(u), why, at)}, true
		}
	}
	return Finding{}, false
}

// shortExpr is expr on one line, cut to a length a message can hold.
func shortExpr(expr string) string {
	expr = strings.Join(strings.Fields(expr), " ")
	if r := []rune(expr); len(r) > 60 {
		expr = string(r[:57]) + "..."
	}
	return expr
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
