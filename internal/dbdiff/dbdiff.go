package dbdiff

import (
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// A Schema is the comparable state of a database's tables.
type Schema struct {
	Tables []Table
}

// A Table is one table.
type Table struct {
	Namespace string // informational: the database schema, not compared
	Name      string
	Columns   []Column
	Uniques   []Unique
}

// A Column is one column.
type Column struct {
	Name       string
	Nullable   bool
	HasDefault bool
	Default    string // informational: the expression as the source spells it
}

// Unique kinds, as [schema.UniqueKind] prints them.
const (
	KindPrimaryKey = "primary key"
	KindConstraint = "unique constraint"
	KindIndex      = "unique index"
)

// A Unique is a primary key, unique constraint or unique index.
type Unique struct {
	Name             string // "" when unknown: matches any name
	Kind             string // KindPrimaryKey, KindConstraint or KindIndex
	Parts            []Part
	Where            *Predicate // nil unless partial
	NullsNotDistinct bool
}

// A Part is one key part: a plain column, or an expression compared by the
// columns it mentions.
type Part struct {
	Column string   // a plain column; empty for an expression
	Refs   []string // an expression's columns, sorted
	Expr   string   // informational: the expression text
}

// A Predicate is a partial index's WHERE clause, normalised.
type Predicate struct {
	// Columns are the table columns the predicate mentions, sorted.
	Columns []string
	// ExcludesNull are the columns, sorted, for which the predicate cannot
	// hold when the column is NULL. From a model: what schema.ExcludesNull
	// proves. From a database: the columns for which the probe found no
	// row with the column NULL that the predicate keeps.
	ExcludesNull []string
	// ExcludesEmpty are the columns, sorted, for which the predicate holds
	// neither when the column is NULL nor when it is the empty string
	// (schema.ExcludesEmpty; from a database, no witness for either).
	ExcludesEmpty []string
	// Witnesses are informational: per column the predicate does not
	// exclude ("col", or "col = ''" for the empty string), a row (as JSON
	// or SQL values) that the engine kept in the probe index.
	Witnesses map[string]string
	Text      string // informational: the predicate as the source spells it
}

// Diff returns a human-readable diff between the database's schema (want)
// and the model's (got), empty when they agree under the package's
// normalisation. Lines with "-" are the database's, "+" the model's.
func Diff(db, model *Schema) string {
	a, b := normalise(db), normalise(model)
	alignNames(a, b)
	sortAll(a)
	sortAll(b)
	acceptWeaker(a, b)
	return cmp.Diff(a, b,
		cmpopts.IgnoreFields(Table{}, "Namespace"),
		cmpopts.IgnoreFields(Column{}, "Default"),
		cmpopts.IgnoreFields(Part{}, "Expr"),
		cmpopts.IgnoreFields(Predicate{}, "Text", "Witnesses"),
		cmpopts.EquateEmpty(),
	)
}

// normalise returns a deep copy with tables sorted by name.
func normalise(s *Schema) *Schema {
	out := &Schema{}
	if s == nil {
		return out
	}
	for _, t := range s.Tables {
		tt := t
		tt.Columns = append([]Column(nil), t.Columns...)
		tt.Uniques = nil
		for _, u := range t.Uniques {
			uu := u
			uu.Parts = append([]Part(nil), u.Parts...)
			if u.Where != nil {
				w := *u.Where
				uu.Where = &w
			}
			tt.Uniques = append(tt.Uniques, uu)
		}
		out.Tables = append(out.Tables, tt)
	}
	sort.SliceStable(out.Tables, func(i, j int) bool {
		if out.Tables[i].Name != out.Tables[j].Name {
			return out.Tables[i].Name < out.Tables[j].Name
		}
		return out.Tables[i].Namespace < out.Tables[j].Namespace
	})
	return out
}

// contentKey identifies a unique by everything but its name.
func contentKey(u Unique) string {
	var b strings.Builder
	b.WriteString(u.Kind)
	for _, p := range u.Parts {
		b.WriteString("|")
		if p.Column != "" {
			b.WriteString("c:" + p.Column)
		} else {
			b.WriteString("e:" + strings.Join(p.Refs, ","))
		}
	}
	if u.Where != nil {
		b.WriteString(" where " + strings.Join(u.Where.Columns, ","))
	}
	if u.NullsNotDistinct {
		b.WriteString(" nnd")
	}
	return b.String()
}

// alignNames gives each unnamed unique the name of an identical unique on
// the other side of the same table, so that sorting pairs them up.
func alignNames(a, b *Schema) {
	tb := map[string]*Table{}
	for i := range b.Tables {
		tb[b.Tables[i].Name] = &b.Tables[i]
	}
	for i := range a.Tables {
		ta := &a.Tables[i]
		other := tb[ta.Name]
		if other == nil {
			continue
		}
		align(ta.Uniques, other.Uniques)
		align(other.Uniques, ta.Uniques)
	}
}

// align names the unnamed uniques of x after matching ones in y.
func align(x, y []Unique) {
	used := make([]bool, len(y))
	// Named pairs first: a named unique in y that x also names is taken.
	names := map[string]bool{}
	for _, u := range x {
		if u.Name != "" {
			names[u.Name] = true
		}
	}
	for j, v := range y {
		if names[v.Name] {
			used[j] = true
		}
	}
	for i := range x {
		if x[i].Name != "" {
			continue
		}
		k := contentKey(x[i])
		for j := range y {
			if !used[j] && contentKey(y[j]) == k {
				used[j] = true
				x[i].Name = y[j].Name
				break
			}
		}
	}
}

// acceptWeaker lets the model's predicate exclude fewer columns than the
// database's (b's ExcludesNull and ExcludesEmpty subsets of a's):
// idemlint's analysis is
// conservative by design, and the probe's "no witness" is not a proof.
// Uniques pair up by name, as alignNames left them.
func acceptWeaker(a, b *Schema) {
	ta := map[string]*Table{}
	for i := range a.Tables {
		ta[a.Tables[i].Name] = &a.Tables[i]
	}
	for i := range b.Tables {
		other := ta[b.Tables[i].Name]
		if other == nil {
			continue
		}
		for j := range b.Tables[i].Uniques {
			ub := &b.Tables[i].Uniques[j]
			for k := range other.Uniques {
				ua := &other.Uniques[k]
				if ua.Name != ub.Name || ua.Where == nil || ub.Where == nil {
					continue
				}
				if subset(ub.Where.ExcludesNull, ua.Where.ExcludesNull) {
					ub.Where.ExcludesNull = ua.Where.ExcludesNull
				}
				if subset(ub.Where.ExcludesEmpty, ua.Where.ExcludesEmpty) {
					ub.Where.ExcludesEmpty = ua.Where.ExcludesEmpty
				}
				break
			}
		}
	}
}

// subset reports whether every element of x is in y.
func subset(x, y []string) bool {
	for _, e := range x {
		found := false
		for _, f := range y {
			found = found || e == f
		}
		if !found {
			return false
		}
	}
	return true
}

func sortAll(s *Schema) {
	for i := range s.Tables {
		us := s.Tables[i].Uniques
		sort.SliceStable(us, func(a, b int) bool {
			if us[a].Name != us[b].Name {
				return us[a].Name < us[b].Name
			}
			return contentKey(us[a]) < contentKey(us[b])
		})
	}
}

// Table returns the table with the given name, or nil.
func (s *Schema) Table(name string) *Table {
	for i := range s.Tables {
		if s.Tables[i].Name == name {
			return &s.Tables[i]
		}
	}
	return nil
}

// Column returns the column with the given name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}
