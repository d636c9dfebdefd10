package bench

import (
	"cmp"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// Facts are what both readers must agree on: the state of every table after
// all statements ran, as idemlint's checks see it. Syntax (spans, default
// and type text) is left out: only sqlddl has it.
type Facts struct {
	Tables []TableFacts
}

// TableFacts describes one table.
type TableFacts struct {
	Namespace string // as written; empty when unqualified
	Name      string
	Columns   []ColumnFacts // in definition order
	Uniques   []UniqueFacts // sorted, order is not a fact
}

// ColumnFacts describes one column.
type ColumnFacts struct {
	Name       string
	Nullable   bool
	HasDefault bool // a database-side value: DEFAULT (not NULL), serial, identity, generated
}

// UniqueFacts describes one uniqueness rule.
type UniqueFacts struct {
	Kind string // "primary key", "unique constraint", "unique index"
	Name string // empty for an unnamed CREATE UNIQUE INDEX (see README)
	// Parts are the key parts: a column name, or "expr(ref,...)" for an
	// expression with the table columns it mentions, sorted.
	Parts            []string
	Partial          bool
	NullsNotDistinct bool
}

// exprPart spells an expression key part from the columns it mentions.
func exprPart(refs []string) string {
	refs = slices.Clone(refs)
	slices.Sort(refs)
	refs = slices.Compact(refs)
	return "expr(" + strings.Join(refs, ",") + ")"
}

// normalize sorts tables and uniques so that order, which is not a fact,
// does not count.
func (f *Facts) normalize() {
	for i := range f.Tables {
		t := &f.Tables[i]
		slices.SortStableFunc(t.Uniques, func(a, b UniqueFacts) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name),
				cmp.Compare(strings.Join(a.Parts, ","), strings.Join(b.Parts, ",")))
		})
	}
	slices.SortStableFunc(f.Tables, func(a, b TableFacts) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Namespace, b.Namespace))
	})
}

// FromModel extracts the facts of a model sqlddl built.
func FromModel(m *schema.Model) Facts {
	var f Facts
	for _, t := range m.Tables {
		tf := TableFacts{Namespace: t.Namespace, Name: t.Name}
		for _, c := range t.Columns {
			tf.Columns = append(tf.Columns, ColumnFacts{Name: c.Name, Nullable: c.Nullable, HasDefault: c.Default != nil})
		}
		for _, u := range t.Uniques {
			uf := UniqueFacts{Kind: u.Kind.String(), Name: u.Name, Partial: u.Where != "", NullsNotDistinct: u.NullsNotDistinct}
			for _, p := range u.Parts {
				if p.Column != "" {
					uf.Parts = append(uf.Parts, p.Column)
				} else {
					uf.Parts = append(uf.Parts, exprPart(p.Refs))
				}
			}
			tf.Uniques = append(tf.Uniques, uf)
		}
		f.Tables = append(f.Tables, tf)
	}
	f.normalize()
	return f
}
