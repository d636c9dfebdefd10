package sqlddl

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

func (r *reader) createTable() {
	ifNotExists := r.accept(kwIf, kwNot, kwExists)
	q := r.qualName()
	if r.kwAny(kwPartition, kwOf, kwAs) || r.kw(kwClone) {
		// Partitions share their parent's indexes, typed tables and CREATE
		// TABLE AS have no column list worth reading.
		return
	}
	if old := r.findTable(q); old != nil {
		if ifNotExists {
			return
		}
		if r.sameSchema(old.Namespace, q.ns) {
			// Every engine rejects the statement and keeps the table it
			// has: reading this one instead would put the second
			// definition's keys in the model.
			where := old.NameSpan.Position()
			at := fmt.Sprintf("%s:%d", filepath.Base(where.Path), where.Line)
			if old.NameSpan.File == r.f {
				at = fmt.Sprintf("line %d", where.Line)
			}
			panic(bail{q.start, fmt.Sprintf("table %q already exists (%s): the database rejects this CREATE TABLE and keeps the table it has", q.name, at)})
		}
		r.removeTable(old) // one of the two names no schema: perhaps two tables, perhaps one
	}
	t := r.newTable(q.name, q.ns, r.stmtSpan(), r.span(q.start, q.end))
	r.creating = t
	defer func() { r.creating = nil }()
	if r.kw(kwLike) { // MySQL: CREATE TABLE a LIKE b copies everything.
		r.i++
		r.likeTable(t, r.qualName(), true, true, r.span(q.start, r.stmtEnd))
		r.addTable(t)
		return
	}
	if r.cur().Kind != LParen && r.asQuery() {
		// CREATE TABLE t WITH (…) ON COMMIT DROP AS SELECT …: the columns
		// come from a query and no unique rule can be declared here.
		return
	}
	if r.cur().Kind != LParen {
		r.failf("expected ( after CREATE TABLE %s", schema.QuoteText(q.name))
	}
	open := r.i
	close := r.matching(open)
	if close >= r.lim {
		r.failf("unclosed column list of table %s", schema.QuoteText(q.name))
	}
	var buf [64][2]int
	var consBuf [8][2]int
	cons, likeKeys := r.definitions(t, r.split(buf[:0], open+1, close), consBuf[:0])
	r.lim = len(r.toks)
	r.i = close + 1
	if r.fold && r.kwAt(r.i, kwInherits) && r.tok(r.i+1).Kind == LParen {
		r.inherit(t, r.i+2, r.matching(r.i+1))
	}
	r.inCreate = true
	defer func() { r.inCreate = false }()
	for _, it := range cons {
		r.i, r.lim = it[0], it[1]
		r.tableConstraint(t, nil)
	}
	r.lim = len(r.toks)
	r.finishTable(t, likeKeys, close+1)
	r.addTable(t)
}

// finishTable completes a table CREATE TABLE built: identical keys are
// merged as the engine merges them (PostgreSQL, SQLite), SQLite's
// primary-key columns get their nullability, and unnamed keys get
// PostgreSQL's names. likeKeys are the keys LIKE copied; after is the token
// index of the table options.
func (r *reader) finishTable(t *schema.Table, likeKeys []*schema.Unique, after int) {
	own := len(t.Uniques)
	if len(likeKeys) > 0 {
		// The table's own keys are created first, LIKE's after.
		us := make([]*schema.Unique, 0, len(t.Uniques))
		for _, u := range t.Uniques {
			if !containsUnique(likeKeys, u) {
				us = append(us, u)
			}
		}
		own = len(us)
		t.Uniques = append(us, likeKeys...)
	}
	if r.fold || r.sqlite {
		r.mergeKeys(t, own)
	}
	if r.sqlite {
		r.sqlitePrimaryKey(t, after)
	}
	if r.fold {
		r.nameKeys(t)
	}
}

// nameKeys gives the unnamed keys of the table CREATE TABLE built the names
// PostgreSQL generates, the primary key first as PostgreSQL creates it.
func (r *reader) nameKeys(t *schema.Table) {
	if len(t.Uniques) >= wideTable {
		// Each generated name must avoid the others: a set rather than a
		// scan per key.
		r.creatingNames = make(map[string]bool, len(t.Uniques))
		defer func() { r.creatingNames = nil }()
		for _, u := range t.Uniques {
			if u.Name != "" {
				r.creatingNames[r.nameKey(u.Name)] = true
			}
		}
	}
	for _, pass := range [2]bool{true, false} {
		for _, u := range t.Uniques {
			if u.Name == "" && (u.Kind == schema.PrimaryKey) == pass {
				u.Name = r.generatedKeyName(t, u, u.Include)
				if r.creatingNames != nil {
					r.creatingNames[r.nameKey(u.Name)] = true
				}
			}
		}
	}
}

// mergeKeys drops keys among t.Uniques[:own] identical to an earlier one:
// PostgreSQL builds one index for identical constraints of one CREATE TABLE
// (the primary key first, which takes a name the other had), and SQLite
// makes no separate index for a UNIQUE identical to another key.
func (r *reader) mergeKeys(t *schema.Table, own int) {
	if own < 2 {
		return
	}
	order := r.keyOrder(t.Uniques[:own])
	// Identical keys have the same columns: compare a key only with the
	// earlier ones of its columns, so many keys cost no scan each.
	var gone map[*schema.Unique]bool
	var few []*schema.Unique // the earlier keys, when there are few
	var byCols map[string][]*schema.Unique
	if own >= 8 {
		byCols = make(map[string][]*schema.Unique, own)
	}
	for _, u := range order {
		sig := ""
		if byCols != nil {
			sig = r.keyColumnsSig(u)
		}
		priors := few
		if byCols != nil {
			priors = byCols[sig]
		}
		merged := false
		for _, prior := range priors {
			if gone[prior] || !r.sameKey(prior, u) {
				continue
			}
			if prior.Name == "" {
				prior.Name = u.Name
			}
			if u.Kind == schema.PrimaryKey {
				prior.Kind = schema.PrimaryKey
				if r.sqlite {
					prior.Name = u.Name
				}
			}
			if gone == nil {
				gone = make(map[*schema.Unique]bool)
			}
			gone[u] = true
			merged = true
			break
		}
		if merged {
			continue
		}
		if byCols != nil {
			byCols[sig] = append(byCols[sig], u)
		} else {
			few = append(few, u)
		}
	}
	if len(gone) == 0 {
		return
	}
	us := t.Uniques[:0]
	for _, u := range t.Uniques {
		if !gone[u] {
			us = append(us, u)
		}
	}
	r.dropKeys(t, us)
}

// keyColumnsSig is the same for keys that sameKey may find identical: their
// column names under nameKey.
func (r *reader) keyColumnsSig(u *schema.Unique) string {
	var b strings.Builder
	for _, p := range u.Parts {
		b.WriteString(r.nameKey(p.Column))
		b.WriteByte(0)
	}
	return b.String()
}

func containsUnique(us []*schema.Unique, u *schema.Unique) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}

func (r *reader) sameKey(a, b *schema.Unique) bool {
	if len(a.Parts) != len(b.Parts) || len(a.Include) != len(b.Include) || a.Where != b.Where ||
		a.NullsNotDistinct != b.NullsNotDistinct || a.Kind == schema.UniqueIndex || b.Kind == schema.UniqueIndex {
		return false
	}
	for i := range a.Parts {
		p, q := a.Parts[i], b.Parts[i]
		if p.Column == "" || !r.eqName(p.Column, q.Column) {
			return false
		}
	}
	for i := range a.Include {
		if !r.eqName(a.Include[i], b.Include[i]) {
			return false
		}
	}
	return true
}

// sqlitePrimaryKey applies SQLite's rules to the primary key of t: its
// columns accept NULL (a documented quirk) unless the table is WITHOUT
// ROWID or STRICT, or the key is one INTEGER column, which becomes the
// rowid (and gets a value when none is given).
func (r *reader) sqlitePrimaryKey(t *schema.Table, after int) {
	strict := false
	for j := after; j < len(r.toks); j++ {
		if tk := r.tk(j); tk.Kind == Ident && (eqFold(r.src[tk.Start:tk.End], "ROWID") || eqFold(r.src[tk.Start:tk.End], "STRICT")) {
			strict = true
		}
	}
	for _, u := range t.Uniques {
		if u.Kind != schema.PrimaryKey {
			continue
		}
		rowid := len(u.Parts) == 1 && !strict
		for _, p := range u.Parts {
			c := r.findColumn(t, p.Column)
			if c == nil {
				continue
			}
			if strict || rowid && strings.EqualFold(c.Type, "INTEGER") {
				c.Nullable = false
				if rowid && c.Default == nil {
					c.Default = r.newDefault("rowid", u.Span)
				}
			}
		}
	}
}

// inherit adds the columns of the parents listed in tokens [from, to)
// before t's own, merging a column t redefines (PostgreSQL's INHERITS).
func (r *reader) inherit(t *schema.Table, from, to int) {
	var buf [4][2]int
	var cols []*schema.Column
	at := make(map[string]int) // index in cols by nameKey; INHERITS is rare, parents may be wide
	for _, it := range r.split(buf[:0], from, to) {
		r.i, r.lim = it[0], it[1]
		if r.atEnd() {
			continue
		}
		p := r.findTable(r.qualName())
		if p == nil {
			continue
		}
		for _, c := range p.Columns {
			k := r.nameKey(c.Name)
			if j, ok := at[k]; ok {
				cols[j].Nullable = cols[j].Nullable && c.Nullable
				continue
			}
			cc := *c
			at[k] = len(cols)
			cols = append(cols, &cc)
		}
	}
	r.lim = len(r.toks)
	if len(cols) == 0 {
		return
	}
	for _, c := range t.Columns {
		k := r.nameKey(c.Name)
		if j, ok := at[k]; ok {
			c.Nullable = c.Nullable && cols[j].Nullable
			if c.Default == nil {
				c.Default = cols[j].Default
			}
			cols[j] = c
			continue
		}
		at[k] = len(cols) // as the scan found the first of t's own duplicates
		cols = append(cols, c)
	}
	r.forgetColumns(t)
	t.Columns = cols
}

// typeStops end a column type: they start column constraints.
var typeStops = newStopSet(kwConstraint, kwNot, kwNull, kwDefault, kwPrimary, kwUnique, kwReferences, kwCheck,
	kwCollate, kwGenerated, kwAutoIncrement, kwAutoincrement, kwComment, kwIdentity, kwOn, kwAs, kwCharset,
	kwVisible, kwInvisible, kwStorage, kwCompression, kwSrid, kwRowguidcol, kwSparse)

// defaultStops end a DEFAULT expression.
var defaultStops = newStopSet(kwConstraint, kwNot, kwNull, kwPrimary, kwUnique, kwReferences, kwCheck, kwCollate,
	kwGenerated, kwOn, kwComment, kwAutoIncrement, kwVisible, kwInvisible)

// isSerial reports whether PostgreSQL type typ is one of the serial types.
func isSerial(typ string) bool {
	switch len(typ) {
	case 6:
		return strings.EqualFold(typ, "serial")
	case 7:
		return strings.EqualFold(typ, "serial2") || strings.EqualFold(typ, "serial4") || strings.EqualFold(typ, "serial8")
	case 9:
		return strings.EqualFold(typ, "bigserial")
	case 11:
		return strings.EqualFold(typ, "smallserial")
	}
	return false
}

// columnDef reads a column definition at the cursor (up to r.lim), adds it
// to t, and returns it.
func (r *reader) columnDef(t *schema.Table, alter bool) *schema.Column {
	nameTok := r.cur()
	name, ok := r.namePart()
	if !ok {
		r.failf("expected a column name, found %q", r.text(nameTok))
	}
	rec := r.newColumn(t, name, r.span(nameTok.Start, r.tok(r.i-1).End), alter)
	c, info := &rec.c, &rec.info
	if typeStart := r.cur().Start; !r.atEnd() {
		if end := r.skipTo(&typeStops, false); end >= 0 {
			c.SetTypeSpan(r.span(typeStart, end))
			c.Type = r.s[typeStart:end]
			info.typeEnd = int32(end)
		}
	}
	if r.fold && isSerial(c.Type) {
		c.Nullable = false
		c.Default = r.newDefault(c.Type, c.TypeSpan())
	}
	r.columnConstraints(t, c, info)
	c.Span = r.span(nameTok.Start, r.tok(r.lim-1).End)
	if old := r.findColumn(t, name); old != nil {
		if !alter {
			// The engines reject the statement; the later definition is
			// read, as before, so the rest of the table still checks.
			r.errs = append(r.errs, r.f.Errorf(nameTok.Start, "column %q specified more than once in table %q", name, t.Name))
		}
		*old = *c
		c = old
	} else {
		t.Columns = append(t.Columns, c)
	}
	if r.syn != nil {
		r.syn.define(rec, c)
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
		switch r.keywordAt(r.i) {
		case kwConstraint:
			r.i++
			conStart = tk.Start
			conName, _ = r.namePart()
			continue
		case kwNot:
			if r.accept(kwNot, kwNull) {
				c.Nullable = false
				info.notNull = true
			} else {
				r.i++
			}
		case kwNull:
			r.i++
			c.Nullable = true
			rare := r.syn.more(info)
			rare.nulls = append(rare.nulls, [2]int{r.blankBefore(tk.Start), tk.End})
		case kwDefault:
			r.i++
			r.columnDefault(c, info, tk.Start)
		case kwPrimary:
			r.i++
			r.expect(kwKey)
			r.columnKey(t, c, info, conName, start, schema.PrimaryKey)
		case kwUnique:
			r.i++
			r.accept(kwKey)
			r.columnKey(t, c, info, conName, start, schema.UniqueConstraint)
		case kwReferences:
			r.i++
			r.qualName()
			r.skipGroup()
		case kwOn:
			if s := r.onClause(); s.IsValid() {
				c.SetNulledOnDelete(s)
			}
		case kwCheck:
			r.i++
			r.check(t, conName, c.Name, start)
		case kwCollate:
			r.i++
			r.qualName()
		case kwGenerated:
			r.i++
			r.accept(kwAlways) // or BY DEFAULT
			r.accept(kwBy, kwDefault)
			r.expect(kwAs)
			r.generated(c, tk.Start)
		case kwAs:
			r.i++
			r.generated(c, tk.Start)
		case kwAutoIncrement, kwAutoincrement, kwIdentity:
			r.i++
			r.skipGroup()
			c.Default = r.newDefault(r.text(tk), r.span(tk.Start, r.tok(r.i-1).End))
		case kwComment: // MySQL: COMMENT 'text'
			r.i++
			if r.cur().Kind == String {
				c.SetComment(r.text(r.cur()))
			}
			r.i++
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
	identity := r.kw(kwIdentity)
	if identity {
		r.i++
		r.skipGroup()
		expr = r.s[start:r.tok(r.i-1).End]
		if r.fold && c.Nullable { // identity columns are NOT NULL
			c.Nullable = false
			r.nullChanged(c, r.stmtSpan())
		}
	} else if r.cur().Kind == LParen {
		open := r.i
		r.i = r.matching(open) + 1
		expr = r.s[r.tok(open+1).Start:r.tok(r.i-1).Start]
		r.accept(kwStored)
		r.accept(kwVirtual)
	} else {
		r.failf("expected IDENTITY or ( after GENERATED ... AS")
	}
	c.Default = r.newDefault(expr, r.span(start, r.tok(r.i-1).End))
	c.Default.Generated = !identity
}

// onClause skips ON DELETE/UPDATE <action> and SQLite's ON CONFLICT <x>,
// whose SET NULL must not read as a NULL constraint. It returns the span
// of an ON DELETE SET NULL (see schema.Column.NulledOnDelete), else an
// invalid one.
func (r *reader) onClause() (nulled schema.Span) {
	on := r.cur()
	r.i++
	switch {
	case r.kw(kwConflict):
		r.i += 2
	case r.kwAny(kwDelete, kwUpdate):
		del := r.kw(kwDelete)
		r.i++
		switch {
		case r.kw(kwSet):
			setNull := del && r.kwAt(r.i+1, kwNull)
			r.i += 2
			r.skipGroup()
			if setNull {
				nulled = r.span(on.Start, r.tok(r.i-1).End)
			}
		case r.kw(kwNo):
			r.i += 2
		default:
			r.i++
			r.skipGroup()
		}
	}
	return nulled
}

// isNullExpr reports whether the expression in tokens [a, b) (a DEFAULT)
// is NULL: NULL, (NULL), NULL::type or CAST(NULL AS type), which engines
// store as no default.
func (r *reader) isNullExpr(a, b int) bool {
	for b-a >= 2 && r.tk(a).Kind == LParen && r.matchingIn(a, b) == b-1 {
		a, b = a+1, b-1
	}
	if b-a >= 4 && r.kwAt(a, kwCast) && r.tk(a+1).Kind == LParen && r.matchingIn(a+1, b) == b-1 {
		return r.kwAt(a+2, kwNull) && r.kwAt(a+3, kwAs)
	}
	if b <= a || !r.kwAt(a, kwNull) {
		return false
	}
	return b == a+1 || r.tk(a+1).Kind == Op && r.text(r.tk(a+1)) == "::"
}

// columnDefault reads a column's DEFAULT expression; start is where DEFAULT
// is.
func (r *reader) columnDefault(c *schema.Column, info *colInfo, start int) {
	exprStart, a := r.cur().Start, r.i
	end := r.skipTo(&defaultStops, true)
	if end < 0 {
		r.failf("DEFAULT without an expression")
	}
	if r.isNullExpr(a, r.i) {
		c.Default = nil
		r.syn.more(info).defNull = [2]int{start, end}
	} else {
		c.Default = r.newDefault(r.s[exprStart:end], r.span(start, end))
	}
}

// columnKey reads the rest of a column's PRIMARY KEY or UNIQUE constraint
// (named conName, starting at start) and adds the key to t.
func (r *reader) columnKey(t *schema.Table, c *schema.Column, info *colInfo, conName string, start int, kind schema.UniqueKind) {
	if kind == schema.PrimaryKey {
		for r.kwAny(kwAsc, kwDesc, kwClustered, kwNonclustered) {
			r.i++
		}
		if !r.sqlite { // see sqlitePrimaryKey
			c.Nullable = false
			info.notNull = true
		}
	}
	u := r.newUnique(conName, kind)
	u.Parts = r.parts.one(schema.IndexPart{Column: c.Name})
	if kind == schema.UniqueConstraint {
		r.nullsDistinct(u)
	}
	u.Span = r.span(start, r.tok(r.i-1).End)
	r.addUnique(t, u)
}

// definitions reads the column definitions and LIKE clauses among the items
// of a CREATE TABLE column list, in order, and returns the table
// constraints (appended to cons), read after all columns since one may name
// a column defined after it, and the keys LIKE copied.
func (r *reader) definitions(t *schema.Table, items [][2]int, cons [][2]int) (_ [][2]int, likeKeys []*schema.Unique) {
	for k, it := range items {
		if it[0] == it[1] {
			continue
		}
		r.i, r.lim = it[0], it[1]
		if t.Columns == nil {
			t.Columns = r.colPtrs.reserve(len(items) - k)
		}
		if r.kw(kwLike) {
			n := len(t.Uniques)
			r.tableConstraint(t, nil)
			likeKeys = append(likeKeys, t.Uniques[n:]...)
			continue
		}
		if r.isConstraintStart() {
			cons = append(cons, it)
			continue
		}
		r.columnDef(t, false)
	}
	return cons, likeKeys
}

// keyOrder returns us in the order the engine creates them: PostgreSQL the
// primary key first, others as written.
func (r *reader) keyOrder(us []*schema.Unique) []*schema.Unique {
	order := make([]*schema.Unique, 0, len(us))
	if r.fold {
		for _, u := range us {
			if u.Kind == schema.PrimaryKey {
				order = append(order, u)
			}
		}
		for _, u := range us {
			if u.Kind != schema.PrimaryKey {
				order = append(order, u)
			}
		}
	} else {
		order = append(order, us...)
	}
	return order
}

// sameSchema reports whether the schema names a and b ("" for none) are
// surely one: equal, or one is none and the other is the schema a name
// without one goes to by default (PostgreSQL's public, SQL Server's dbo).
func (r *reader) sameSchema(a, b string) bool {
	if a == b || r.eqName(a, b) {
		return true
	}
	if a != "" && b != "" {
		return false
	}
	def := ""
	switch {
	case r.pg:
		def = "public"
	case r.mssql:
		def = "dbo"
	default:
		return false
	}
	return r.eqName(a+b, def)
}

// asQuery reports whether the rest of the statement is CREATE TABLE … AS
// query with options between the name and AS (WITH (…), ON COMMIT …,
// TABLESPACE …): an AS outside parentheses.
func (r *reader) asQuery() bool {
	depth := 0
	for i := r.i; i < r.lim; i++ {
		switch r.tok(i).Kind {
		case LParen:
			depth++
		case RParen:
			depth--
		default:
			if depth == 0 && r.kwAt(i, kwAs) {
				return true
			}
		}
	}
	return false
}
