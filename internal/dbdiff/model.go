package dbdiff

import (
	"sort"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// FromModel converts a model to the comparable form. A predicate's
// Columns, ExcludesNull and ExcludesEmpty are what schema.PredicateColumns,
// schema.ExcludesNull and schema.ExcludesEmpty make of it, by the model's dialect; expression parts keep the Refs the
// reader found.
func FromModel(m *schema.Model) *Schema {
	s := &Schema{}
	for _, mt := range m.Tables {
		t := Table{Namespace: mt.Namespace, Name: mt.Name}
		for _, mc := range mt.Columns {
			c := Column{Name: mc.Name, Nullable: mc.Nullable}
			if mc.Default != nil && mc.Default.InDatabase {
				c.HasDefault = true
				c.Default = mc.Default.Expr
			}
			t.Columns = append(t.Columns, c)
		}
		for _, mu := range mt.Uniques {
			u := Unique{Name: mu.Name, Kind: mu.Kind.String(), NullsNotDistinct: mu.NullsNotDistinct}
			for _, p := range mu.Parts {
				if p.Column != "" {
					u.Parts = append(u.Parts, Part{Column: p.Column})
					continue
				}
				refs := append([]string(nil), p.Refs...)
				sort.Strings(refs)
				u.Parts = append(u.Parts, Part{Expr: p.Expr, Refs: refs})
			}
			u.Where = modelPredicate(m.Dialect, mt, mu.Where)
			t.Uniques = append(t.Uniques, u)
		}
		s.Tables = append(s.Tables, t)
	}
	return s
}

// modelPredicate is schema's reading of where; nil when where is empty.
func modelPredicate(d schema.Dialect, t *schema.Table, where string) *Predicate {
	where = strings.TrimSpace(where)
	if where == "" {
		return nil
	}
	p := &Predicate{Columns: schema.PredicateColumns(d, t, where), Text: where}
	for _, c := range p.Columns {
		if schema.ExcludesNull(d, t, where, c) {
			p.ExcludesNull = append(p.ExcludesNull, c)
		}
		if schema.ExcludesEmpty(d, t, where, c) {
			p.ExcludesEmpty = append(p.ExcludesEmpty, c)
		}
	}
	return p
}
