package sqlddl

import (
	"github.com/idemlint/idemlint/schema"
)

// CHECK constraints are kept for one question: does the table reject an
// empty key (CHECK (key <> ''))? Then a keyless insert fails loudly and
// IDEM202 has nothing to report. The condition is kept as text; the schema
// package reads it.

// check reads the parenthesised condition after CHECK (the cursor is on
// its opening parenthesis) into a Check of t. column is the column a
// column constraint is declared on, else ""; start is where the constraint
// (its CONSTRAINT name, if any) begins.
func (r *reader) check(t *schema.Table, name, column string, start int) {
	if r.cur().Kind != LParen {
		return
	}
	open := r.i
	close := r.matching(open)
	if close >= r.lim {
		r.i = r.lim
		return // unbalanced: the statement is broken, and its reader says so
	}
	expr := r.s[r.tk(open).End:r.tk(close).Start]
	r.i = close + 1
	if name == "" && r.fold {
		name = r.generatedCheckName(t, column, expr)
	}
	t.Checks = append(t.Checks, &schema.CheckConstraint{Name: name, Column: column, Expr: expr, Span: r.span(start, r.tk(close).End)})
}

// generatedCheckName is the name PostgreSQL gives an unnamed check:
// table_column_check, with the first column the condition mentions for a
// table constraint (table_check when it mentions none), so that a later
// DROP CONSTRAINT by that name finds it.
func (r *reader) generatedCheckName(t *schema.Table, column, expr string) string {
	if column == "" {
		r.eachName(expr, func(_ Token, n string) {
			if column == "" && r.findColumn(t, n) != nil {
				column = r.findColumn(t, n).Name
			}
		})
	}
	return string(appendObjectName(nil, t.Name, column, "check", ""))
}

// dropCheck removes t's checks named name.
func (r *reader) dropCheck(t *schema.Table, name string) {
	cs := t.Checks[:0]
	for _, c := range t.Checks {
		if !r.eqName(c.Name, name) {
			cs = append(cs, c)
		}
	}
	clear(t.Checks[len(cs):])
	t.Checks = cs
}
