package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// isDeclared reports whether m was read from Go declarations (GORM, ent,
// bun models) rather than from schema files.
func isDeclared(m *schema.Model) bool {
	return len(m.Files) > 0 && strings.HasSuffix(m.Files[0].Path, ".go")
}

// declaredOnly returns the models of ms declared in Go.
func declaredOnly(ms []*schema.Model) []*schema.Model {
	var out []*schema.Model
	for _, m := range ms {
		if isDeclared(m) {
			out = append(out, m)
		}
	}
	return out
}

// CompareDeclared records, in each model declared in Go, where it and a
// schema read from files (a migration history, a schema.sql) disagree
// about a table both hold: a column nullable in one and NOT NULL in the
// other, a unique rule one has over columns the other does not constrain
// alike (a rule of the SQL schema only when the module creates the Go
// model's table, see schema.Table.RowsOnly). A GORM model migrated by SQL files, or an ent schema beside its
// Atlas migrations, describes one database twice; schema.Check reports the
// disagreements that concern a key as IDEM104, at the Go declaration, and
// checks each model as written.
func CompareDeclared(declared, others []*schema.Model) {
	for _, dm := range declared {
		for _, dt := range dm.Tables {
			for _, om := range others {
				if ot := om.Table(dt.Name); ot != nil && !isDeclared(om) {
					compareTables(dm, dt, ot)
				}
			}
		}
	}
}

func compareTables(dm *schema.Model, dt, ot *schema.Table) {
	where := func(s schema.Span) string { return s.Position().String() }
	if dt.RowsOnly {
		// A struct that only maps the rows of a table the SQL schema
		// creates builds nothing: the SQL table is the database, checked
		// where it is declared, and what the Go code writes into it is the
		// Go side's (IDEM201, IDEM202). A field that can carry NULL over a
		// NOT NULL key makes an insert fail loudly, which is no silent
		// duplicate; a plain string over a nullable column always writes
		// a value; and such a struct declares no unique rules. So nothing
		// is compared.
		dt.Mapped = true
		return
	}
	for _, dc := range dt.Columns {
		oc := ot.Column(dc.Name)
		if oc == nil || oc.Nullable == dc.Nullable {
			continue
		}
		truth := nullTruth(oc)
		state := map[bool]string{true: "nullable", false: "NOT NULL"}
		dm.Drift = append(dm.Drift, schema.Drift{Table: dt, Column: dc, Span: dc.Span, Truth: truth,
			Message: fmt.Sprintf("%s.%s is %s in the Go model but %s in the SQL schema (%s): the two build different tables",
				dt.Name, dc.Name, state[dc.Nullable], state[oc.Nullable], where(truth))})
	}
	for _, du := range dt.Uniques {
		if du.Kind == schema.PrimaryKey || hasRule(ot, du) {
			continue
		}
		dm.Drift = append(dm.Drift, schema.Drift{Table: dt, Columns: du.Columns(), Span: du.Span,
			Message: fmt.Sprintf("the Go model declares %s (%s) on %s, but the SQL schema beside it has no such rule", du.Kind, strings.Join(du.Columns(), ", "), dt.Name)})
	}
	for _, ou := range ot.Uniques {
		if ou.Kind == schema.PrimaryKey || hasRule(dt, ou) || dt.Unread {
			continue // (an Unread table's reader error says what it could not read)
		}
		dm.Drift = append(dm.Drift, schema.Drift{Table: dt, Columns: ou.Columns(), Span: dt.NameSpan, Truth: ou.Span,
			Message: fmt.Sprintf("the SQL schema has %s (%s) on %s (%s), but the Go model does not declare it", ou.Kind, strings.Join(ou.Columns(), ", "), dt.Name, where(ou.Span))})
	}
}

// nullTruth is the statement that decides c's nullability.
func nullTruth(c *schema.Column) schema.Span {
	if c.NullSpan().IsValid() {
		return c.NullSpan()
	}
	return c.Span
}

// hasRule reports whether t has a unique rule over u's columns (in any
// order), partial or not alike.
func hasRule(t *schema.Table, u *schema.Unique) bool {
	want := slices.Sorted(slices.Values(u.Columns()))
	for _, v := range t.Uniques {
		got := slices.Sorted(slices.Values(v.Columns()))
		if slices.Equal(got, want) && (v.Where == "") == (u.Where == "") {
			return true
		}
	}
	return false
}
