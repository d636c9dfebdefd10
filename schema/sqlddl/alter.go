package sqlddl

import (
	"strings"

	"github.com/idemlint/idemlint/schema"
)

func (r *reader) alterTable() {
	r.accept("IF", "EXISTS")
	r.accept("ONLY")
	q := r.qualName()
	if r.cur().Kind == Op && r.text(r.cur()) == "*" {
		r.i++
	}
	t := r.findTable(q)
	if t == nil {
		return // a table we never saw (a partition, another file): nothing to change
	}
	stmt := r.stmtSpan()
	for _, it := range r.split(r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		if r.atEnd() {
			continue
		}
		r.alterCommand(t, stmt)
		if r.findTable(qname{name: t.Name, ns: t.Namespace}) == nil {
			return
		}
	}
}

func (r *reader) alterCommand(t *schema.Table, stmt schema.Span) {
	switch {
	case r.kw("ADD"):
		r.i++
		if r.accept("COLUMN") {
			r.addColumn(t)
			return
		}
		if r.isConstraintStart() && !r.kw("LIKE") {
			r.tableConstraint(t, &stmt)
			return
		}
		if r.cur().Kind == LParen { // MySQL: ADD (c1 ..., c2 ...)
			close := r.matching(r.i)
			for _, it := range r.split(r.i+1, close) {
				r.i, r.lim = it[0], it[1]
				r.columnDef(t, true)
			}
			return
		}
		if r.kwAny("GENERATED", "PARTITION") {
			return
		}
		r.addColumn(t)
	case r.kw("DROP"):
		r.i++
		switch {
		case r.accept("CONSTRAINT"), r.kwAny("INDEX", "KEY") && r.mysql:
			if r.kwAny("INDEX", "KEY") {
				r.i++
			}
			r.accept("IF", "EXISTS")
			name, _ := r.namePart()
			r.dropUnique(t, name)
		case r.accept("PRIMARY", "KEY"):
			us := t.Uniques[:0]
			for _, u := range t.Uniques {
				if u.Kind != schema.PrimaryKey {
					us = append(us, u)
				}
			}
			t.Uniques = us
		case r.kwAny("FOREIGN", "CHECK", "PARTITION", "DEFAULT", "PERIOD"):
		default:
			r.accept("COLUMN")
			r.accept("IF", "EXISTS")
			name, _ := r.namePart()
			r.dropColumn(t, name)
		}
	case r.kw("RENAME"):
		r.i++
		switch {
		case r.accept("CONSTRAINT"), r.kwAny("INDEX", "KEY") && r.mysql:
			if r.kwAny("INDEX", "KEY") {
				r.i++
			}
			from, _ := r.namePart()
			r.expect("TO")
			to, _ := r.namePart()
			for _, u := range t.Uniques {
				if r.eqName(u.Name, from) {
					u.Name = to
				}
			}
		case r.kwAny("TO", "AS"):
			r.i++
			q := r.qualName()
			r.renameTable(t, q.name)
			if q.ns != "" {
				t.Namespace = q.ns
			}
		default:
			r.accept("COLUMN")
			from, _ := r.namePart()
			r.expect("TO")
			to, _ := r.namePart()
			r.renameColumn(t, from, to)
		}
	case r.kw("ALTER"):
		r.i++
		if r.kw("CONSTRAINT") {
			return
		}
		r.accept("COLUMN")
		name, _ := r.namePart()
		c := r.findColumn(t, name)
		if c == nil {
			return
		}
		r.alterColumn(t, c, stmt)
	case r.kwAny("MODIFY", "CHANGE"):
		change := r.kw("CHANGE")
		r.i++
		r.accept("COLUMN")
		r.accept("IF", "EXISTS")
		from := ""
		if change {
			from, _ = r.namePart()
		}
		start := r.i
		name, _ := r.namePart()
		if !change {
			from = name
		}
		old := r.findColumn(t, from)
		if old == nil {
			return
		}
		r.i = start
		r.redefine(t, old, name, stmt)
	}
}

func (r *reader) addColumn(t *schema.Table) {
	if r.accept("IF", "NOT", "EXISTS") {
		save := r.i
		name, _ := r.namePart()
		if r.findColumn(t, name) != nil {
			return
		}
		r.i = save
	}
	r.columnDef(t, true)
}

// redefine applies a MySQL MODIFY/CHANGE or SQL Server ALTER COLUMN, which
// restate the whole column: what they omit (NOT NULL, DEFAULT) is gone.
func (r *reader) redefine(t *schema.Table, old *schema.Column, newName string, stmt schema.Span) {
	tmp := &schema.Table{Name: t.Name}
	saveSyn := r.syn
	r.syn = nil
	c := r.columnDef(tmp, true)
	r.syn = saveSyn
	wasNullable := old.Nullable
	r.renameColumn(t, old.Name, newName)
	old.Type, old.TypeSpan, old.Default = c.Type, c.TypeSpan, c.Default
	old.Nullable = c.Nullable
	if wasNullable != old.Nullable {
		r.nullChanged(old, stmt)
	}
	for _, u := range tmp.Uniques {
		u.Parts = []schema.IndexPart{{Column: old.Name}}
		r.addUnique(t, u)
	}
}

func (r *reader) alterColumn(t *schema.Table, c *schema.Column, stmt schema.Span) {
	start := r.cur().Start
	switch {
	case r.accept("SET", "NOT", "NULL"):
		if c.Nullable {
			c.Nullable = false
			r.nullChanged(c, stmt)
		}
	case r.accept("DROP", "NOT", "NULL"):
		if !c.Nullable {
			c.Nullable = true
			r.nullChanged(c, stmt)
		}
	case r.accept("SET", "DEFAULT"):
		exprStart := r.cur().Start
		end := r.skipTo(nil, true)
		if end < 0 {
			r.failf("SET DEFAULT without an expression")
		}
		expr := string(r.src[exprStart:end])
		if strings.EqualFold(expr, "NULL") {
			c.Default = nil
		} else {
			c.Default = &schema.Default{Expr: expr, InDatabase: true, Span: r.span(start, end)}
		}
	case r.accept("DROP", "DEFAULT"), r.accept("DROP", "IDENTITY"):
		c.Default = nil
	case r.accept("ADD", "GENERATED"):
		r.accept("ALWAYS")
		r.accept("BY", "DEFAULT")
		r.expect("AS")
		r.generated(c, start)
	case r.accept("SET", "DATA", "TYPE"), r.accept("TYPE"):
		typeStart := r.cur().Start
		if end := r.skipTo(typeEndStops, false); end >= 0 {
			c.Type = string(r.src[typeStart:end])
		}
	case r.kwAny("SET", "DROP", "RESET", "OPTIONS", "ADD"):
	default:
		if r.mssql || r.mysql {
			// SQL Server ALTER COLUMN c type [NULL|NOT NULL] restates the column.
			r.i--
			r.redefine(t, c, c.Name, stmt)
		}
	}
}

func (r *reader) dropUnique(t *schema.Table, name string) {
	us := t.Uniques[:0]
	for _, u := range t.Uniques {
		if !r.eqName(u.Name, name) {
			us = append(us, u)
		}
	}
	t.Uniques = us
}

// dropColumn removes a column and every key that uses it, as the engines
// drop dependent indexes and constraints.
func (r *reader) dropColumn(t *schema.Table, name string) {
	c := r.findColumn(t, name)
	if c == nil {
		return
	}
	cols := t.Columns[:0]
	for _, x := range t.Columns {
		if x != c {
			cols = append(cols, x)
		}
	}
	t.Columns = cols
	us := t.Uniques[:0]
	for _, u := range t.Uniques {
		if !u.Mentions(c.Name) {
			us = append(us, u)
		}
	}
	t.Uniques = us
}

func (r *reader) renameColumn(t *schema.Table, from, to string) {
	c := r.findColumn(t, from)
	if c == nil || c.Name == to {
		return
	}
	old := c.Name
	c.Name = to
	for _, u := range t.Uniques {
		for i := range u.Parts {
			p := &u.Parts[i]
			if p.Column == old {
				p.Column = to
			}
			for j, ref := range p.Refs {
				if ref == old {
					p.Refs[j] = to
				}
			}
		}
	}
}

// nullChanged records that stmt changed c's nullability after its
// definition, in the Syntax of the file that defined c.
func (r *reader) nullChanged(c *schema.Column, stmt schema.Span) {
	if r.inCreate || c.Span.File == nil {
		return // a table constraint of the defining CREATE TABLE
	}
	c.NullSpan = stmt
	if syn, ok := c.Span.File.Syntax.(*Syntax); ok {
		if info := syn.cols[c]; info != nil {
			info.changedBy = stmt
		}
	}
}

func (r *reader) createIndex(unique bool) {
	for r.kwAny("CLUSTERED", "NONCLUSTERED") {
		r.i++
	}
	if !r.accept("INDEX") || !unique {
		return // non-unique indexes do not shape keys
	}
	for r.kw("CONCURRENTLY") || r.cur().Kind == Template {
		r.i++
	}
	ifNotExists := r.accept("IF", "NOT", "EXISTS")
	name := ""
	if !r.kw("ON") {
		name = r.qualName().name
	}
	if r.accept("USING") { // MySQL puts the method before ON
		r.i++
	}
	r.expect("ON")
	r.accept("ONLY")
	tq := r.qualName()
	t := r.findTable(tq)
	if t == nil {
		return
	}
	if ifNotExists && name != "" {
		for _, u := range t.Uniques {
			if r.eqName(u.Name, name) {
				return
			}
		}
	}
	if r.accept("USING") {
		r.i++
	}
	if r.cur().Kind != LParen {
		r.failf("expected ( after CREATE UNIQUE INDEX ... ON %s", tq.name)
	}
	close := r.matching(r.i)
	if close >= r.lim {
		r.failf("unclosed key of index %s", name)
	}
	u := &schema.Unique{Name: name, Kind: schema.UniqueIndex, Span: r.stmtSpan()}
	u.Parts = r.indexParts(t, r.i+1, close)
	r.i = close + 1
	for !r.atEnd() {
		switch {
		case r.kw("WHERE"):
			r.i++
			u.Where = string(r.src[r.cur().Start:r.stmtEnd])
			r.i = r.lim
		case r.accept("NULLS", "NOT", "DISTINCT"):
			u.NullsNotDistinct = true
		default:
			r.i++
			r.skipGroup()
		}
	}
	t.Uniques = append(t.Uniques, u)
}

func (r *reader) dropIndex() {
	for r.kw("CONCURRENTLY") || r.cur().Kind == Template {
		r.i++
	}
	r.accept("IF", "EXISTS")
	for _, it := range r.split(r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		name := ""
		for !r.atEnd() && !r.kwAny("ON", "CASCADE", "RESTRICT") {
			if isNameKind(r.cur().Kind) {
				name, _ = r.namePart()
				continue
			}
			r.i++
		}
		if name == "" {
			continue
		}
		for _, t := range r.m.Tables {
			r.dropUnique(t, name)
		}
	}
}

func (r *reader) dropTable() {
	r.accept("IF", "EXISTS")
	for _, it := range r.split(r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		if r.atEnd() || !isNameKind(r.cur().Kind) {
			continue
		}
		if t := r.findTable(r.qualName()); t != nil {
			r.removeTable(t)
		}
	}
}

func (r *reader) alterIndex() {
	r.accept("IF", "EXISTS")
	from := r.qualName().name
	if !r.accept("RENAME", "TO") {
		return
	}
	to := r.qualName().name
	for _, t := range r.m.Tables {
		for _, u := range t.Uniques {
			if r.eqName(u.Name, from) {
				u.Name = to
			}
		}
	}
}

// renameTables reads MySQL's RENAME TABLE a TO b [, c TO d].
func (r *reader) renameTables() {
	for _, it := range r.split(r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		from := r.qualName()
		r.expect("TO")
		to := r.qualName()
		if t := r.findTable(from); t != nil {
			r.renameTable(t, to.name)
		}
	}
}

var typeEndStops = kwSet("USING", "COLLATE")
