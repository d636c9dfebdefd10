package dbdiff

import (
	"sort"

	"github.com/idemlint/idemlint/schema"
)

// FromModel converts a model to the comparable form. Predicates are
// normalised with the dialect's identifier rules (PostgreSQL folds unquoted
// names to lower case; SQLite matches names case-insensitively); expression
// parts keep the Refs the reader found.
func FromModel(m *schema.Model) *Schema {
	s := &Schema{}
	pg := m.Dialect != schema.SQLite && m.Dialect != schema.MySQL && m.Dialect != schema.MariaDB && m.Dialect != schema.SQLServer
	for _, mt := range m.Tables {
		t := Table{Namespace: mt.Namespace, Name: mt.Name}
		var names []string
		for _, mc := range mt.Columns {
			c := Column{Name: mc.Name, Nullable: mc.Nullable}
			if mc.Default != nil && mc.Default.InDatabase {
				c.HasDefault = true
				c.Default = mc.Default.Expr
			}
			t.Columns = append(t.Columns, c)
			names = append(names, mc.Name)
		}
		res := newResolver(names, pg)
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
			u.Where = res.predicate(mu.Where)
			t.Uniques = append(t.Uniques, u)
		}
		s.Tables = append(s.Tables, t)
	}
	return s
}
