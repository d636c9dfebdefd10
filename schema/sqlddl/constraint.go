package sqlddl

import (
	"github.com/idemlint/idemlint/schema"
)

// isConstraintStart reports whether the item at the cursor is a table
// constraint (or LIKE) rather than a column.
func (r *reader) isConstraintStart() bool {
	switch r.keywordAt(r.i) { // only unquoted identifiers are keywords
	case kwConstraint, kwPrimary, kwUnique, kwCheck, kwForeign:
		return true
	case kwExclude, kwPeriod:
		n := r.tok(r.i + 1)
		return n.Kind == LParen || r.kwAt(r.i+1, kwUsing) || r.kwAt(r.i+1, kwFor)
	case kwLike:
		return true
	case kwNot: // PostgreSQL 18: NOT NULL column
		return r.fold && r.kwAt(r.i+1, kwNull)
	case kwKey, kwFulltext, kwSpatial:
		return r.mysql
	case kwIndex:
		return r.mysql || r.mssql || r.m.Dialect == schema.CockroachDB
	}
	return false
}

func (r *reader) nullsDistinct(u *schema.Unique) {
	if r.accept(kwNulls, kwNot, kwDistinct) {
		u.NullsNotDistinct = true
	} else {
		r.accept(kwNulls, kwDistinct)
	}
}

// addUnique adds u to t, naming it as PostgreSQL would when unnamed so a
// later DROP CONSTRAINT finds it, and making primary-key columns NOT NULL.
func (r *reader) addUnique(t *schema.Table, u *schema.Unique) {
	if u.Kind == schema.PrimaryKey && t != r.creating {
		for _, x := range t.Uniques {
			if x.Kind == schema.PrimaryKey {
				return // the engine rejects a second primary key (or a guard skipped it)
			}
		}
	}
	if u.Name == "" && r.fold && t != r.creating { // finishTable names the keys of CREATE TABLE
		u.Name = r.generatedKeyName(t, u, u.Include)
	}
	if u.Kind == schema.PrimaryKey && !(r.sqlite && t == r.creating) {
		for _, p := range u.Parts {
			if c := r.findColumn(t, p.Column); c != nil && c.Nullable {
				c.Nullable = false
				r.nullChanged(c, u.Span)
			}
		}
	}
	r.appendUnique(t, u)
}

// tableConstraint reads a table constraint at the cursor. alter is the
// ALTER TABLE statement span when the constraint comes from one.
func (r *reader) tableConstraint(t *schema.Table, alter *schema.Span) {
	start := r.cur().Start
	name := ""
	if r.accept(kwConstraint) {
		name, _ = r.namePart()
	}
	var kind schema.UniqueKind
	switch {
	case r.accept(kwNot, kwNull): // PostgreSQL 18: [CONSTRAINT name] NOT NULL column
		if n, ok := r.namePart(); ok {
			if c := r.findColumn(t, n); c != nil && c.Nullable {
				c.Nullable = false
				r.nullChanged(c, r.stmtSpan())
			}
		}
		return
	case r.accept(kwPrimary, kwKey):
		kind = schema.PrimaryKey
	case r.accept(kwUnique):
		kind = schema.UniqueConstraint
		if r.kwAny(kwKey, kwIndex) {
			r.i++
		}
	case r.kw(kwLike):
		r.likeClause(t, start)
		return
	case r.accept(kwCheck):
		r.check(t, name, "", start)
		return
	case r.accept(kwForeign, kwKey):
		r.foreignKey(t)
		return
	default:
		return // EXCLUDE, plain KEY/INDEX: no uniqueness to model
	}
	if r.kw(kwUsing) && r.kwAt(r.i+1, kwIndex) {
		r.usingIndex(t, name, kind)
		return
	}
	for r.kwAny(kwClustered, kwNonclustered) {
		r.i++
	}
	if r.cur().Kind != LParen && isNameKind(r.cur().Kind) && !r.kw(kwUsing) && !r.kw(kwNulls) {
		n, _ := r.namePart() // MySQL: UNIQUE KEY name (...)
		if name == "" {
			name = n
		}
	}
	if r.accept(kwUsing) {
		r.i++
	}
	u := r.newUnique(name, kind)
	r.nullsDistinct(u)
	if r.cur().Kind != LParen {
		r.failf("expected ( in key of table %s", schema.QuoteText(t.Name))
	}
	close := r.matching(r.i)
	u.Parts = r.indexParts(t, r.i+1, close)
	r.i = close + 1
	if r.kw(kwInclude) && r.tok(r.i+1).Kind == LParen {
		u.Include = r.columnList(t, r.i+2, r.matching(r.i+1))
	}
	u.Span = r.span(start, r.tok(r.lim-1).End)
	if alter != nil {
		u.Span = r.span(start, r.tok(r.lim-1).End)
	}
	r.addUnique(t, u)
}

// likeTable copies the columns of the table named src into t. PostgreSQL
// always copies NOT NULL; defaults and indexes only when asked.
func (r *reader) likeTable(t *schema.Table, src qname, defaults, indexes bool, at schema.Span) {
	from := r.findTable(src)
	if from == nil {
		return
	}
	for _, c := range from.Columns {
		if r.findColumn(t, c.Name) != nil {
			r.errs = append(r.errs, r.f.Errorf(at.Start, "column %q specified more than once in table %q", c.Name, t.Name))
		}
		cc := *c
		cc.SetSpans(at, at, at)
		if !defaults {
			cc.Default = nil
		}
		t.Columns = append(t.Columns, &cc)
	}
	if indexes {
		for _, u := range from.Uniques {
			uu := r.uniques.new()
			*uu = *u
			uu.Parts = r.parts.copy(u.Parts...)
			for i := range uu.Parts {
				uu.Parts[i].Refs = r.refs.copy(uu.Parts[i].Refs...)
			}
			uu.Include = r.refs.copy(u.Include...)
			if r.fold {
				uu.Name = "" // PostgreSQL generates new names
			}
			uu.Span = at
			r.appendUnique(t, uu)
		}
	}
}

// indexParts reads the comma-separated key parts in tokens [from, to).
func (r *reader) indexParts(t *schema.Table, from, to int) []schema.IndexPart {
	saveI, saveLim := r.i, r.lim
	defer func() { r.i, r.lim = saveI, saveLim }()
	var buf [16][2]int
	var pbuf [8]schema.IndexPart
	parts := pbuf[:0]
	for _, it := range r.split(buf[:0], from, to) {
		if it[0] == it[1] {
			continue
		}
		parts = append(parts, r.indexPart(t, it[0], it[1]))
	}
	return r.parts.copy(parts...)
}

func (r *reader) indexPart(t *schema.Table, a, b int) schema.IndexPart {
	r.i, r.lim = a, b
	r.primary()
	for r.cur().Kind == Op || r.cur().Kind == Dot {
		r.i++
		r.primary()
	}
	end := r.i
	if end == a+1 && isNameKind(r.tk(a).Kind) {
		return schema.IndexPart{Column: r.columnName(t, r.ident(r.tk(a)))}
	}
	// PostgreSQL: "(col)" is the plain column.
	if end == a+3 && r.tk(a).Kind == LParen && isNameKind(r.tk(a+1).Kind) && r.tk(a+2).Kind == RParen && !r.mysql {
		return schema.IndexPart{Column: r.columnName(t, r.ident(r.tk(a+1)))}
	}
	// MySQL prefix index: col(10) is still the column.
	if r.mysql && end == a+4 && isNameKind(r.tk(a).Kind) && r.tk(a+1).Kind == LParen && r.tk(a+2).Kind == Number {
		return schema.IndexPart{Column: r.columnName(t, r.ident(r.tk(a)))}
	}
	p := schema.IndexPart{Expr: r.s[r.tk(a).Start:r.tok(end-1).End]}
	var rbuf [4]string
	refs := rbuf[:0]
	for j := a; j < end; j++ {
		tk := r.tk(j)
		if !isNameKind(tk.Kind) || r.tok(j+1).Kind == LParen || r.tok(j+1).Kind == Dot {
			continue
		}
		if j > a && r.tk(j-1).Kind == Op && r.text(r.tk(j-1)) == "::" {
			continue // a type
		}
		name := r.ident(tk)
		c := r.findColumn(t, name)
		if c == nil {
			continue
		}
		dup := false
		for _, x := range refs {
			dup = dup || x == c.Name
		}
		if !dup {
			refs = append(refs, c.Name)
		}
	}
	p.Refs = r.refs.copy(refs...)
	return p
}

// primary consumes one operand of an index expression: a parenthesised
// group, a (possibly called) name, or a literal.
func (r *reader) primary() {
	switch tk := r.cur(); {
	case tk.Kind == LParen:
		r.i = r.matching(r.i) + 1
	case isNameKind(tk.Kind):
		r.i++
		if r.cur().Kind == LParen {
			r.i = r.matching(r.i) + 1
		}
	case tk.Kind == String || tk.Kind == Number || tk.Kind == Param:
		r.i++
	case tk.Kind == Op: // unary minus and the like
		r.i++
		if !r.atEnd() && r.cur().Kind != Op {
			r.primary()
		}
	}
}

// columnName returns the table's spelling of column name when it has one.
func (r *reader) columnName(t *schema.Table, name string) string {
	if t != nil {
		if c := r.findColumn(t, name); c != nil {
			return c.Name
		}
	}
	return name
}

// columnList reads the comma-separated column names in tokens [from, to).
func (r *reader) columnList(t *schema.Table, from, to int) []string {
	var buf [8]string
	cols := buf[:0]
	for j := from; j < to; j++ {
		if isNameKind(r.tk(j).Kind) {
			cols = append(cols, r.columnName(t, r.ident(r.tk(j))))
		}
	}
	return r.refs.copy(cols...)
}

// likeClause reads LIKE src [INCLUDING|EXCLUDING ...] in a column list;
// start is where the item starts.
func (r *reader) likeClause(t *schema.Table, start int) {
	r.i++
	src := r.qualName()
	defaults, indexes := false, false
	for r.kwAny(kwIncluding, kwExcluding) {
		inc := r.kw(kwIncluding)
		r.i++
		switch {
		case r.kw(kwAll):
			defaults, indexes = inc, inc
		case r.kw(kwDefaults), r.kw(kwIdentity), r.kw(kwGenerated):
			defaults = inc
		case r.kw(kwIndexes):
			indexes = inc
		}
		r.i++
	}
	r.likeTable(t, src, defaults, indexes, r.span(start, r.tok(r.lim-1).End))
}

// usingIndex reads PostgreSQL's [CONSTRAINT name] UNIQUE|PRIMARY KEY USING
// INDEX idx: an existing unique index becomes the constraint.
func (r *reader) usingIndex(t *schema.Table, name string, kind schema.UniqueKind) {
	r.i += 2
	idx, _ := r.namePart()
	for _, u := range t.Uniques {
		if r.eqName(u.Name, idx) {
			if kind == schema.PrimaryKey && u.Kind != schema.PrimaryKey {
				for _, x := range t.Uniques {
					if x.Kind == schema.PrimaryKey {
						return // the engine rejects a second primary key
					}
				}
			}
			u.Kind = kind
			if name != "" {
				r.setKeyName(t, u, name)
			}
			if kind == schema.PrimaryKey {
				u.Where = ""
				for _, p := range u.Parts {
					if c := r.findColumn(t, p.Column); c != nil && c.Nullable {
						c.Nullable = false
						r.nullChanged(c, r.stmtSpan())
					}
				}
			}
		}
	}
}

// foreignKey reads the rest of FOREIGN KEY (cols) REFERENCES … [ON …]: its
// ON DELETE SET NULL marks cols (schema.Column.NulledOnDelete). Nothing
// else of a foreign key is modelled.
func (r *reader) foreignKey(t *schema.Table) {
	if r.cur().Kind != LParen {
		return
	}
	close := r.matching(r.i)
	cols := r.columnList(t, r.i+1, close)
	r.i = close + 1
	for !r.atEnd() {
		if !r.kw(kwOn) {
			r.i++
			continue
		}
		if s := r.onClause(); s.IsValid() {
			for _, name := range cols {
				if c := r.findColumn(t, name); c != nil {
					c.SetNulledOnDelete(s)
				}
			}
		}
	}
}
