package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/checks"
)

// groupNullableKeys folds the IDEM101 findings of columns that are keys
// of one unique rule only by the code's use or the rule's comment (every
// column of an ON CONFLICT (a, b, c) target, every column of a rule
// commented as there for idempotency) into one finding per rule, at the
// first such column in the file: a NULL in any of them defeats the same
// rule, and one fix answers it. frontier's relations upsert on five
// nullable columns had given five findings for one constraint. Columns
// that are keys by their name or a mark stay a finding each (each is a
// key of its own), as do columns whose rules differ. The other columns
// are related information, each at its own position.
func groupNullableKeys(m *Model, opts Options, in []Finding) []Finding {
	type group struct {
		first int   // index in in of the finding that stands for the group
		cols  []int // indexes in in, in file order
	}
	groups := map[string]*group{}
	var order []string
	for i, f := range in {
		if f.Code != checks.NullableKey || f.Table == nil || f.Column == nil || opts.Keys.IsNamedKey(f.Table, f.Column) {
			continue
		}
		offenders := InRules(NullRepeats(m, f.Table, f.Column), opts.Keys.KeyRules(f.Table, f.Column))
		if len(offenders) == 0 {
			continue
		}
		id := fmt.Sprintf("%p", f.Table)
		for _, u := range offenders {
			id += fmt.Sprintf(" %p", u)
		}
		g := groups[id]
		if g == nil {
			g = &group{first: i}
			groups[id] = g
			order = append(order, id)
		}
		g.cols = append(g.cols, i)
	}
	drop := map[int]bool{}
	for _, id := range order {
		g := groups[id]
		if len(g.cols) < 2 {
			continue
		}
		slices.SortStableFunc(g.cols, func(a, b int) int {
			sa, sb := in[a].Span, in[b].Span
			if sa.File != sb.File {
				return strings.Compare(fileName(sa.File), fileName(sb.File))
			}
			return sa.Start - sb.Start
		})
		merged := mergeNullableKeys(m, opts, in, g.cols)
		in[g.cols[0]] = merged
		for _, i := range g.cols[1:] {
			drop[i] = true
		}
	}
	if len(drop) == 0 {
		return in
	}
	out := in[:0]
	for i, f := range in {
		if !drop[i] {
			out = append(out, f)
		}
	}
	return out
}

// mergeNullableKeys is the one finding for the IDEM101 findings in[cols]
// (same table, same rules, cols in file order).
func mergeNullableKeys(m *Model, opts Options, in []Finding, cols []int) Finding {
	first := in[cols[0]]
	t, key := first.Table, first.Column
	var names, short []string
	for _, i := range cols {
		names = append(names, colName(t, in[i].Column))
		short = append(short, in[i].Column.Name)
	}
	_, why := opts.Keys.IsKey(t, key)
	offenders := InRules(NullRepeats(m, t, key), opts.Keys.KeyRules(t, key))
	harm := "every retry that arrives without one of them is inserted again"
	if opts.Keys.UpsertTarget(t, offenders) != "" {
		harm = "an upsert that sends a NULL in any of them never meets its ON CONFLICT and inserts the row again"
	}
	f := Finding{
		Code:   checks.NullableKey,
		Span:   first.Span,
		Table:  t,
		Column: key,
		Message: fmt.Sprintf("idempotency key columns %s%s are nullable, but NULLs are distinct in %s %s: %s",
			joinAnd(names), WhyAside(why), m.Dialect.Title(), describeUnique(offenders[0]), harm),
	}
	for _, u := range offenders {
		f.Related = append(f.Related, Related{Span: u.Span, Message: describeUnique(u) + " lets rows with a NULL " + joinOr(short) + " repeat"})
	}
	for _, i := range cols[1:] {
		c := in[i].Column
		f.Related = append(f.Related, Related{Span: c.Span, Message: c.Name + " is nullable too, a key of the same rule"})
	}
	seen := map[string]bool{}
	for _, r := range f.Related {
		seen[r.Message] = true
	}
	ruleSpans := map[Span]bool{}
	for _, u := range offenders {
		ruleSpans[u.Span] = true
	}
	for n, i := range cols {
		for _, r := range in[i].Related {
			if ruleSpans[r.Span] || seen[r.Message] || n > 0 && strings.HasPrefix(r.Message, in[i].Column.Name+" is a key: ") {
				continue // the message says why once, for all of them
			}
			seen[r.Message] = true
			f.Related = append(f.Related, r)
		}
	}
	f.Fixes = mergeFixes(in, cols, short)
	if len(f.Fixes) == 0 {
		f.Fixes = mergeMigrations(in, cols, short)
	}
	if len(f.Fixes) < len(first.Fixes) || len(f.Fixes) == 0 && len(first.Fixes) > 0 {
		f.Fixes = first.Fixes
		verb := " need"
		if len(short) == 2 {
			verb = " needs"
		}
		f.Related = append(f.Related, Related{Span: key.Span, Message: "the fix offered makes " + key.Name + " NOT NULL alone (each column's fix adds a migration of its own); " + joinAnd(short[1:]) + verb + " the same"})
	}
	return f
}

// mergeFixes joins, variant by variant, the fixes of the findings in[cols]
// into fixes that make every column NOT NULL at once, when each offers
// the same variants as edits in place (no new file); else nil.
func mergeFixes(in []Finding, cols []int, short []string) []Fix {
	first := in[cols[0]].Fixes
	for _, i := range cols {
		fs := in[i].Fixes
		if len(fs) != len(first) {
			return nil
		}
		for _, fx := range fs {
			if len(fx.Creates) > 0 || len(fx.Edits) == 0 {
				return nil
			}
		}
	}
	var out []Fix
	for v := range first {
		fx := Fix{Message: joinedMessage(first[v].Message, short)}
		if !strings.HasPrefix(fx.Message, "Make "+joinAnd(short)+" ") {
			return nil // a message naming the column otherwise (a Prisma field): not joined
		}
		for _, i := range cols {
			fx.Edits = append(fx.Edits, in[i].Fixes[v].Edits...)
		}
		if overlapping(fx.Edits) {
			return nil
		}
		out = append(out, fx)
	}
	return out
}

// mergeMigrations is mergeFixes for findings whose fixes each create the
// next migration of their history: one migration that makes every
// column NOT NULL, variant by variant (the same default for each), in the
// place of the first column's; nil when the columns' fixes differ or the
// history cannot write it.
func mergeMigrations(in []Finding, cols []int, short []string) []Fix {
	first := in[cols[0]]
	ms, ok := first.Column.Span.File.syntax().(ColumnsMigrationSyntax)
	if !ok || len(first.Fixes) == 0 {
		return nil
	}
	var cs []*Column
	for _, i := range cols {
		fs := in[i].Fixes
		if len(fs) != len(first.Fixes) {
			return nil
		}
		for v, fx := range fs {
			if len(fx.Creates) == 0 || fx.variant == nil || first.Fixes[v].variant == nil || fx.variant.def != first.Fixes[v].variant.def {
				return nil
			}
		}
		cs = append(cs, in[i].Column)
	}
	var out []Fix
	for _, fx := range first.Fixes {
		msg := joinedMessage(fx.variant.msg, short)
		if !strings.HasPrefix(msg, "Make "+joinAnd(short)+" ") {
			return nil // a message naming the column otherwise: not joined
		}
		files, sql, err := ms.RequireColumnsMigration(cs, fx.variant.def)
		if err != nil || len(files) == 0 {
			return nil
		}
		out = append(out, Fix{Message: fmt.Sprintf("%s, in a new migration %s: %s", msg, files[0].Path, oneLine(sql)), Creates: files,
			variant: &requireVariant{def: fx.variant.def, msg: msg}})
	}
	return out
}

// joinedMessage is the message of the first column's fix, msg, said of
// every column of short: "Make a NOT NULL …" becomes "Make a and b NOT
// NULL …", and the upsert "matches rows on the a it sends" on them all.
func joinedMessage(msg string, short []string) string {
	msg = strings.Replace(msg, "Make "+short[0]+" ", "Make "+joinAnd(short)+" ", 1)
	return strings.Replace(msg, "matches rows on the "+short[0]+" it sends", "matches rows on the "+joinAnd(short)+" it sends", 1)
}

// overlapping reports whether two edits of es touch the same bytes of one
// file.
func overlapping(es []Edit) bool {
	for i, a := range es {
		for _, b := range es[i+1:] {
			if a.File == b.File && a.Start < b.End && b.Start < a.End {
				return true
			}
			if a.File == b.File && a.Start == b.Start {
				return true // two insertions at one offset
			}
		}
	}
	return false
}

func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func joinOr(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
