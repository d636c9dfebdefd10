package sqlddl

import (
	"strings"

	"github.com/idemlint/idemlint/schema"
)

func (r *reader) createTable() {
	ifNotExists := r.accept("IF", "NOT", "EXISTS")
	q := r.qualName()
	if r.kwAny("PARTITION", "OF", "AS") || r.kw("CLONE") {
		// Partitions share their parent's indexes, typed tables and CREATE
		// TABLE AS have no column list worth reading.
		return
	}
	if old := r.findTable(q); old != nil {
		if ifNotExists {
			return
		}
		r.removeTable(old)
	}
	t := &schema.Table{Name: q.name, Namespace: q.ns, Span: r.stmtSpan(), NameSpan: r.span(q.start, q.end)}
	if r.kw("LIKE") { // MySQL: CREATE TABLE a LIKE b copies everything.
		r.i++
		r.likeTable(t, r.qualName(), true, true, r.span(q.start, r.stmtEnd))
		r.addTable(t)
		return
	}
	if r.cur().Kind != LParen {
		r.failf("expected ( after CREATE TABLE %s", q.name)
	}
	open := r.i
	close := r.matching(open)
	if close >= r.lim {
		r.failf("unclosed column list of table %s", q.name)
	}
	items := r.split(open+1, close)
	// Columns first: a table constraint may name a column defined after it.
	var cons [][2]int
	for _, it := range items {
		if it[0] == it[1] {
			continue
		}
		r.i, r.lim = it[0], it[1]
		if r.isConstraintStart() {
			cons = append(cons, it)
			continue
		}
		r.columnDef(t, false)
	}
	r.inCreate = true
	defer func() { r.inCreate = false }()
	for _, it := range cons {
		r.i, r.lim = it[0], it[1]
		r.tableConstraint(t, nil)
	}
	r.lim = len(r.toks)
	r.addTable(t)
}

// isConstraintStart reports whether the item at the cursor is a table
// constraint (or LIKE) rather than a column.
func (r *reader) isConstraintStart() bool {
	if r.cur().Kind != Ident {
		return false
	}
	switch {
	case r.kwAny("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"):
		return true
	case r.kw("EXCLUDE"), r.kw("PERIOD"):
		n := r.tok(r.i + 1)
		return n.Kind == LParen || r.kwAt(r.i+1, "USING") || r.kwAt(r.i+1, "FOR")
	case r.kw("LIKE"):
		return true
	case r.kwAny("KEY", "FULLTEXT", "SPATIAL"):
		return r.mysql
	case r.kw("INDEX"):
		return r.mysql || r.mssql || r.m.Dialect == schema.CockroachDB
	}
	return false
}

// typeStops end a column type: they start column constraints.
var typeStops = kwSet("CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK",
	"COLLATE", "GENERATED", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "IDENTITY", "ON", "AS", "CHARSET",
	"VISIBLE", "INVISIBLE", "STORAGE", "COMPRESSION", "SRID", "ROWGUIDCOL", "SPARSE")

// defaultStops end a DEFAULT expression.
var defaultStops = kwSet("CONSTRAINT", "NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "COLLATE",
	"GENERATED", "ON", "COMMENT", "AUTO_INCREMENT", "VISIBLE", "INVISIBLE")

func kwSet(kws ...string) map[string]bool {
	m := make(map[string]bool, len(kws))
	for _, k := range kws {
		m[k] = true
	}
	return m
}

// atStop reports whether the cursor is at a keyword of stops. One map
// lookup on an upper-cased stack copy beats comparing keyword by keyword.
func (r *reader) atStop(stops map[string]bool) bool {
	t := r.cur()
	if t.Kind != Ident || t.End-t.Start > 16 {
		return false
	}
	var buf [16]byte
	n := copy(buf[:], r.src[t.Start:t.End])
	for i := 0; i < n; i++ {
		if c := buf[i]; 'a' <= c && c <= 'z' {
			buf[i] = c - ('a' - 'A')
		}
	}
	if stops[string(buf[:n])] {
		return true
	}
	return n == 9 && string(buf[:n]) == "CHARACTER" && r.kwAt(r.i+1, "SET")
}

// skipTo advances over tokens (parenthesised groups whole) until a stop
// keyword at depth 0 or the limit; it returns the end offset of the last
// token consumed, or -1.
func (r *reader) skipTo(stops map[string]bool, atLeastOne bool) int {
	end := -1
	for !r.atEnd() && (atLeastOne || !r.atStop(stops)) {
		atLeastOne = false
		if r.cur().Kind == LParen {
			r.i = r.matching(r.i)
		}
		end = r.cur().End
		r.i++
	}
	return end
}

var serialTypes = map[string]bool{"serial": true, "bigserial": true, "smallserial": true, "serial2": true, "serial4": true, "serial8": true}

// columnDef reads a column definition at the cursor (up to r.lim), adds it
// to t, and returns it.
func (r *reader) columnDef(t *schema.Table, alter bool) *schema.Column {
	nameTok := r.cur()
	name, ok := r.namePart()
	if !ok {
		r.failf("expected a column name, found %q", r.text(nameTok))
	}
	// One allocation for the column and its provenance.
	both := &struct {
		c    schema.Column
		info colInfo
	}{}
	c, info := &both.c, &both.info
	*c = schema.Column{Name: name, Nullable: true, NameSpan: r.span(nameTok.Start, r.tok(r.i-1).End)}
	*info = colInfo{table: t, alter: alter, typeEnd: c.NameSpan.End}
	if typeStart := r.cur().Start; !r.atEnd() {
		if end := r.skipTo(typeStops, false); end >= 0 {
			c.TypeSpan = r.span(typeStart, end)
			c.Type = c.TypeSpan.Text()
			info.typeEnd = end
		}
	}
	if r.fold && serialTypes[strings.ToLower(c.Type)] {
		c.Nullable = false
		c.Default = &schema.Default{Expr: c.Type, InDatabase: true, Span: c.TypeSpan}
	}
	r.columnConstraints(t, c, info)
	c.Span = r.span(nameTok.Start, r.tok(r.lim-1).End)
	if old := r.findColumn(t, name); old != nil {
		*old = *c
		c = old
	} else {
		t.Columns = append(t.Columns, c)
	}
	if r.syn != nil {
		r.syn.cols[c] = info
	}
	return c
}

// columnConstraints reads the constraints after a column's type.
func (r *reader) columnConstraints(t *schema.Table, c *schema.Column, info *colInfo) {
	conName, conStart := "", -1
	for !r.atEnd() {
		tk := r.cur()
		start := tk.Start
		if conStart >= 0 {
			start = conStart
		}
		switch {
		case r.kw("CONSTRAINT"):
			r.i++
			conStart = tk.Start
			conName, _ = r.namePart()
			continue
		case r.accept("NOT", "NULL"):
			c.Nullable = false
			info.notNull = true
		case r.kw("NOT"):
			r.i++
		case r.kw("NULL"):
			r.i++
			c.Nullable = true
			info.nulls = append(info.nulls, [2]int{r.blankBefore(tk.Start), tk.End})
		case r.kw("DEFAULT"):
			r.i++
			exprStart := r.cur().Start
			end := r.skipTo(defaultStops, true)
			if end < 0 {
				r.failf("DEFAULT without an expression")
			}
			expr := string(r.src[exprStart:end])
			if strings.EqualFold(expr, "NULL") {
				c.Default = nil
				info.defNull = [2]int{tk.Start, end}
			} else {
				c.Default = &schema.Default{Expr: expr, InDatabase: true, Span: r.span(tk.Start, end)}
			}
		case r.kw("PRIMARY"):
			r.i++
			r.expect("KEY")
			for r.kwAny("ASC", "DESC", "CLUSTERED", "NONCLUSTERED") {
				r.i++
			}
			c.Nullable = false
			info.notNull = true
			if r.sqlite && strings.EqualFold(c.Type, "INTEGER") && c.Default == nil {
				c.Default = &schema.Default{Expr: "rowid", InDatabase: true, Span: r.span(tk.Start, r.tok(r.i-1).End)}
			}
			r.addUnique(t, &schema.Unique{Name: conName, Kind: schema.PrimaryKey, Parts: []schema.IndexPart{{Column: c.Name}},
				Span: r.span(start, r.tok(r.i-1).End)})
		case r.kw("UNIQUE"):
			r.i++
			r.accept("KEY")
			u := &schema.Unique{Name: conName, Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: c.Name}}}
			r.nullsDistinct(u)
			u.Span = r.span(start, r.tok(r.i-1).End)
			r.addUnique(t, u)
		case r.kw("REFERENCES"):
			r.i++
			r.qualName()
			r.skipGroup()
		case r.kw("ON"):
			r.onClause()
		case r.kw("CHECK"):
			r.i++
			r.skipGroup()
		case r.kw("COLLATE"):
			r.i++
			r.qualName()
		case r.kw("GENERATED"):
			r.i++
			r.accept("ALWAYS") // or BY DEFAULT
			r.accept("BY", "DEFAULT")
			r.expect("AS")
			r.generated(c, tk.Start)
		case r.kw("AS"):
			r.i++
			r.generated(c, tk.Start)
		case r.kwAny("AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY"):
			r.i++
			r.skipGroup()
			c.Default = &schema.Default{Expr: r.text(tk), InDatabase: true, Span: r.span(tk.Start, r.tok(r.i-1).End)}
		default:
			r.i++
			r.skipGroup()
		}
		conName, conStart = "", -1
	}
}

// generated reads what follows GENERATED ... AS: IDENTITY [(options)] or
// (expr) [STORED|VIRTUAL]. Either gives the column a database-side value.
func (r *reader) generated(c *schema.Column, start int) {
	expr := ""
	if r.kw("IDENTITY") {
		r.i++
		r.skipGroup()
		expr = string(r.src[start:r.tok(r.i-1).End])
	} else if r.cur().Kind == LParen {
		open := r.i
		r.i = r.matching(open) + 1
		expr = string(r.src[r.tok(open+1).Start:r.tok(r.i-1).Start])
		r.accept("STORED")
		r.accept("VIRTUAL")
	} else {
		r.failf("expected IDENTITY or ( after GENERATED ... AS")
	}
	c.Default = &schema.Default{Expr: expr, InDatabase: true, Span: r.span(start, r.tok(r.i-1).End)}
}

// onClause skips ON DELETE/UPDATE <action> and SQLite's ON CONFLICT <x>,
// whose SET NULL must not read as a NULL constraint.
func (r *reader) onClause() {
	r.i++
	switch {
	case r.kw("CONFLICT"):
		r.i += 2
	case r.kwAny("DELETE", "UPDATE"):
		r.i++
		switch {
		case r.kw("SET"):
			r.i += 2
			r.skipGroup()
		case r.kw("NO"):
			r.i += 2
		default:
			r.i++
			r.skipGroup()
		}
	}
}

// blankBefore returns the start of the blanks before off on its line, so a
// removed word takes its leading space with it.
func (r *reader) blankBefore(off int) int {
	for off > 0 && (r.src[off-1] == ' ' || r.src[off-1] == '\t') {
		off--
	}
	return off
}

func (r *reader) nullsDistinct(u *schema.Unique) {
	if r.accept("NULLS", "NOT", "DISTINCT") {
		u.NullsNotDistinct = true
	} else {
		r.accept("NULLS", "DISTINCT")
	}
}

// addUnique adds u to t, naming it as PostgreSQL would when unnamed so a
// later DROP CONSTRAINT finds it, and making primary-key columns NOT NULL.
func (r *reader) addUnique(t *schema.Table, u *schema.Unique) {
	if u.Name == "" && r.fold {
		switch u.Kind {
		case schema.PrimaryKey:
			u.Name = t.Name + "_pkey"
		case schema.UniqueConstraint:
			u.Name = t.Name + "_" + strings.Join(u.Columns(), "_") + "_key"
		}
	}
	if u.Kind == schema.PrimaryKey {
		for _, p := range u.Parts {
			if c := r.findColumn(t, p.Column); c != nil && c.Nullable {
				c.Nullable = false
				r.nullChanged(c, u.Span)
			}
		}
	}
	t.Uniques = append(t.Uniques, u)
}

// tableConstraint reads a table constraint at the cursor. alter is the
// ALTER TABLE statement span when the constraint comes from one.
func (r *reader) tableConstraint(t *schema.Table, alter *schema.Span) {
	start := r.cur().Start
	name := ""
	if r.accept("CONSTRAINT") {
		name, _ = r.namePart()
	}
	var kind schema.UniqueKind
	switch {
	case r.accept("PRIMARY", "KEY"):
		kind = schema.PrimaryKey
	case r.accept("UNIQUE"):
		kind = schema.UniqueConstraint
		if r.kwAny("KEY", "INDEX") {
			r.i++
		}
	case r.kw("LIKE"):
		r.i++
		src := r.qualName()
		defaults, indexes := false, false
		for r.kwAny("INCLUDING", "EXCLUDING") {
			inc := r.kw("INCLUDING")
			r.i++
			switch {
			case r.kw("ALL"):
				defaults, indexes = inc, inc
			case r.kw("DEFAULTS"), r.kw("IDENTITY"), r.kw("GENERATED"):
				defaults = inc
			case r.kw("INDEXES"):
				indexes = inc
			}
			r.i++
		}
		r.likeTable(t, src, defaults, indexes, r.span(start, r.tok(r.lim-1).End))
		return
	default:
		return // CHECK, FOREIGN KEY, EXCLUDE, plain KEY/INDEX: no uniqueness to model
	}
	if r.kw("USING") && r.kwAt(r.i+1, "INDEX") {
		// PostgreSQL: an existing unique index becomes the constraint.
		r.i += 2
		idx, _ := r.namePart()
		for _, u := range t.Uniques {
			if r.eqName(u.Name, idx) {
				u.Kind = kind
				if name != "" {
					u.Name = name
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
		return
	}
	for r.kwAny("CLUSTERED", "NONCLUSTERED") {
		r.i++
	}
	if r.cur().Kind != LParen && isNameKind(r.cur().Kind) && !r.kw("USING") && !r.kw("NULLS") {
		n, _ := r.namePart() // MySQL: UNIQUE KEY name (...)
		if name == "" {
			name = n
		}
	}
	if r.accept("USING") {
		r.i++
	}
	u := &schema.Unique{Name: name, Kind: kind}
	r.nullsDistinct(u)
	if r.cur().Kind != LParen {
		r.failf("expected ( in key of table %s", t.Name)
	}
	close := r.matching(r.i)
	u.Parts = r.indexParts(t, r.i+1, close)
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
		cc := *c
		cc.Span = at
		cc.NameSpan = at
		cc.TypeSpan = at
		if !defaults {
			cc.Default = nil
		}
		t.Columns = append(t.Columns, &cc)
	}
	if indexes {
		for _, u := range from.Uniques {
			uu := *u
			uu.Parts = append([]schema.IndexPart(nil), u.Parts...)
			if r.fold {
				uu.Name = "" // PostgreSQL generates new names
			}
			uu.Span = at
			t.Uniques = append(t.Uniques, &uu)
		}
	}
}

// indexParts reads the comma-separated key parts in tokens [from, to).
func (r *reader) indexParts(t *schema.Table, from, to int) []schema.IndexPart {
	saveI, saveLim := r.i, r.lim
	defer func() { r.i, r.lim = saveI, saveLim }()
	var parts []schema.IndexPart
	for _, it := range r.split(from, to) {
		if it[0] == it[1] {
			continue
		}
		parts = append(parts, r.indexPart(t, it[0], it[1]))
	}
	return parts
}

func (r *reader) indexPart(t *schema.Table, a, b int) schema.IndexPart {
	r.i, r.lim = a, b
	r.primary()
	for r.cur().Kind == Op || r.cur().Kind == Dot {
		r.i++
		r.primary()
	}
	end := r.i
	if end == a+1 && isNameKind(r.toks[a].Kind) {
		return schema.IndexPart{Column: r.columnName(t, r.ident(r.toks[a]))}
	}
	// MySQL prefix index: col(10) is still the column.
	if r.mysql && end == a+4 && isNameKind(r.toks[a].Kind) && r.toks[a+1].Kind == LParen && r.toks[a+2].Kind == Number {
		return schema.IndexPart{Column: r.columnName(t, r.ident(r.toks[a]))}
	}
	p := schema.IndexPart{Expr: string(r.src[r.toks[a].Start:r.tok(end-1).End])}
	for j := a; j < end; j++ {
		tk := r.toks[j]
		if !isNameKind(tk.Kind) || r.tok(j+1).Kind == LParen || r.tok(j+1).Kind == Dot {
			continue
		}
		if j > a && r.toks[j-1].Kind == Op && string(r.src[r.toks[j-1].Start:r.toks[j-1].End]) == "::" {
			continue // a type
		}
		name := r.ident(tk)
		c := r.findColumn(t, name)
		if c == nil {
			continue
		}
		dup := false
		for _, x := range p.Refs {
			dup = dup || x == c.Name
		}
		if !dup {
			p.Refs = append(p.Refs, c.Name)
		}
	}
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
