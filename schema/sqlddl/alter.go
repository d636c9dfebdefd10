package sqlddl

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

func (r *reader) alterTable() {
	r.accept(kwIf, kwExists)
	r.accept(kwOnly)
	q := r.qualName()
	if r.cur().Kind == Op && r.text(r.cur()) == "*" {
		r.i++
	}
	t := r.findTable(q)
	if t == nil {
		return // a table we never saw (a partition, another file): nothing to change
	}
	stmt := r.stmtSpan()
	var buf [16][2]int
	for _, it := range r.split(buf[:0], r.i, len(r.toks)) {
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
	case r.kw(kwAdd):
		r.i++
		if r.accept(kwColumn) {
			r.addColumn(t)
			return
		}
		if r.isConstraintStart() && !r.kw(kwLike) {
			r.tableConstraint(t, &stmt)
			return
		}
		if r.cur().Kind == LParen { // MySQL: ADD (c1 ..., c2 ...)
			close := r.matching(r.i)
			var buf [16][2]int
			for _, it := range r.split(buf[:0], r.i+1, close) {
				r.i, r.lim = it[0], it[1]
				r.columnDef(t, true)
			}
			return
		}
		if r.kwAny(kwGenerated, kwPartition) {
			return
		}
		r.addColumn(t)
	case r.kw(kwDrop):
		r.i++
		r.alterDrop(t)
	case r.kw(kwRename):
		r.i++
		r.alterRename(t)
	case r.kw(kwAlter):
		r.i++
		if r.kw(kwConstraint) {
			return
		}
		r.accept(kwColumn)
		name, _ := r.namePart()
		c := r.findColumn(t, name)
		if c == nil {
			return
		}
		r.alterColumn(t, c, stmt)
	case r.accept(kwAttach, kwPartition):
		// The attached table becomes a partition: it shares the parent's
		// keys, and is left out of the model as PARTITION OF children are.
		if isNameKind(r.cur().Kind) {
			if p := r.findTable(r.qualName()); p != nil && p != t {
				r.removeTable(p)
			}
		}
	case r.kwAny(kwModify, kwChange):
		r.modifyColumn(t, stmt)
	}
}

func (r *reader) addColumn(t *schema.Table) {
	ifNotExists := r.accept(kwIf, kwNot, kwExists)
	save := r.i
	nameTok := r.cur()
	name, _ := r.namePart()
	if old := r.findColumn(t, name); old != nil {
		if !ifNotExists {
			// Every engine rejects the statement, so the database keeps
			// the column it has: reading this one instead would turn a
			// NOT NULL key nullable in the model.
			where := old.Span.Position()
			at := fmt.Sprintf("%s:%d", filepath.Base(where.Path), where.Line)
			if old.Span.File == r.f {
				at = fmt.Sprintf("line %d", where.Line)
			}
			r.errs = append(r.errs, r.f.Errorf(nameTok.Start, "column %q of table %q already exists (%s): the database rejects this ADD COLUMN and keeps the column it has",
				name, t.Name, at))
		}
		return
	}
	r.i = save
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
	old.Type, old.Default = c.Type, c.Default
	old.SetTypeSpan(c.TypeSpan())
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
	case r.accept(kwSet, kwNot, kwNull):
		if c.Nullable {
			c.Nullable = false
			r.nullChanged(c, stmt)
		}
	case r.accept(kwDrop, kwNot, kwNull):
		if !c.Nullable {
			c.Nullable = true
			r.nullChanged(c, stmt)
		}
	case r.accept(kwSet, kwDefault):
		exprStart, a := r.cur().Start, r.i
		end := r.skipTo(&noStops, true)
		if end < 0 {
			r.failf("SET DEFAULT without an expression")
		}
		expr := r.s[exprStart:end]
		if r.isNullExpr(a, r.i) {
			c.Default = nil
		} else {
			c.Default = r.newDefault(expr, r.span(start, end))
		}
	case r.accept(kwDrop, kwDefault), r.accept(kwDrop, kwIdentity):
		c.Default = nil
	case r.accept(kwAdd, kwGenerated):
		r.accept(kwAlways)
		r.accept(kwBy, kwDefault)
		r.expect(kwAs)
		r.generated(c, start)
	case r.accept(kwSet, kwData, kwType), r.accept(kwType):
		typeStart := r.cur().Start
		if end := r.skipTo(&typeEndStops, false); end >= 0 {
			c.Type = r.s[typeStart:end]
		}
	case r.kwAny(kwSet, kwDrop, kwReset, kwOptions, kwAdd):
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
	r.dropKeys(t, us)
}

// dropColumn removes a column and every key that uses it, as the engines
// drop dependent indexes and constraints.
func (r *reader) dropColumn(t *schema.Table, name string) {
	c := r.findColumn(t, name)
	if c == nil {
		return
	}
	r.forgetColumns(t)
	cols := t.Columns[:0]
	for _, x := range t.Columns {
		if x != c {
			cols = append(cols, x)
		}
	}
	t.Columns = cols
	us := t.Uniques[:0]
	for _, u := range t.Uniques {
		if !u.Mentions(c.Name) && !containsName(r, u.Include, c.Name) && !(r.fold && r.textMentions(u.Where, c.Name)) {
			us = append(us, u)
		}
	}
	r.dropKeys(t, us)
	cs := t.Checks[:0]
	for _, k := range t.Checks {
		if k.Column != c.Name && !r.textMentions(k.Expr, c.Name) {
			cs = append(cs, k)
		}
	}
	clear(t.Checks[len(cs):])
	t.Checks = cs
}

func containsName(r *reader, names []string, name string) bool {
	for _, n := range names {
		if r.eqName(n, name) {
			return true
		}
	}
	return false
}

// textMentions reports whether SQL text (a predicate) mentions name.
func (r *reader) textMentions(text, name string) bool {
	if text == "" {
		return false
	}
	found := false
	r.eachName(text, func(t Token, n string) {
		found = found || r.eqName(n, name)
	})
	return found
}

// eachName calls f for each name token of SQL text, with the name it spells.
func (r *reader) eachName(text string, f func(Token, string)) {
	toks, _, _ := Tokenize(schema.NewFile("", []byte(text)), r.m.Dialect)
	sub := reader{s: text, fold: r.fold, pg: r.pg}
	for j, t := range toks {
		if t.Kind != Ident && t.Kind != QuotedIdent {
			continue
		}
		if j+1 < len(toks) && toks[j+1].Kind == LParen {
			continue // a function
		}
		if j > 0 && toks[j-1].Kind == Op && text[toks[j-1].Start:toks[j-1].End] == "::" {
			continue // a type
		}
		f(t, sub.ident(t))
	}
}

// renameIn returns text with name from replaced by to, or text unchanged.
func (r *reader) renameIn(text, from, to string) string {
	if text == "" {
		return text
	}
	var b strings.Builder
	last := 0
	r.eachName(text, func(t Token, n string) {
		if r.eqName(n, from) {
			b.WriteString(text[last:t.Start])
			b.WriteString(r.quoteIdent(to))
			last = t.End
		}
	})
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// quoteIdent spells name as an identifier of the dialect.
func (r *reader) quoteIdent(name string) string {
	plain := name != ""
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || i > 0 && '0' <= c && c <= '9' || !r.fold && 'A' <= c && c <= 'Z') {
			plain = false
		}
	}
	if plain && lookupKeyword([]byte(name)) == notKeyword {
		return name
	}
	q := `"`
	if r.mysql {
		q = "`"
	}
	return q + strings.ReplaceAll(name, q, q+q) + q
}

func (r *reader) renameColumn(t *schema.Table, from, to string) {
	c := r.findColumn(t, from)
	if c == nil || c.Name == to {
		return
	}
	old := c.Name
	c.Name = to
	r.forgetColumns(t)
	for _, u := range t.Uniques {
		for i := range u.Parts {
			p := &u.Parts[i]
			if p.Column == old {
				p.Column = to
			}
			renamed := false
			for j, ref := range p.Refs {
				if ref == old {
					p.Refs[j] = to
					renamed = true
				}
			}
			if renamed {
				p.Expr = r.renameIn(p.Expr, old, to)
			}
		}
		for j, n := range u.Include {
			if n == old {
				u.Include[j] = to
			}
		}
		if u.Where != "" {
			u.Where = r.renameIn(u.Where, old, to)
		}
	}
	for _, k := range t.Checks {
		if k.Column == old {
			k.Column = to
		}
		k.Expr = r.renameIn(k.Expr, old, to)
	}
}

// nullChanged records that stmt changed c's nullability after its
// definition, in the Syntax of the file that defined c.
func (r *reader) nullChanged(c *schema.Column, stmt schema.Span) {
	if r.inCreate || c.Span.File == nil {
		return // a table constraint of the defining CREATE TABLE
	}
	c.SetNullSpan(stmt)
	if syn, ok := c.Span.File.Syntax.(*Syntax); ok {
		if info := syn.info(c); info != nil {
			syn.more(info).changedBy = stmt
		}
	}
}

func (r *reader) dropTable() {
	r.accept(kwIf, kwExists)
	var buf [16][2]int
	for _, it := range r.split(buf[:0], r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		if r.atEnd() || !isNameKind(r.cur().Kind) {
			continue
		}
		if t := r.findTable(r.qualName()); t != nil {
			r.removeTable(t)
		}
	}
}

// renameTables reads MySQL's RENAME TABLE a TO b [, c TO d].
func (r *reader) renameTables() {
	var buf [16][2]int
	for _, it := range r.split(buf[:0], r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		from := r.qualName()
		r.expect(kwTo)
		to := r.qualName()
		if t := r.findTable(from); t != nil {
			r.renameTable(t, to.name)
		}
	}
}

var typeEndStops = newStopSet(kwUsing, kwCollate)

// noStops has skipTo run to the end of the item.
var noStops stopSet

// alterDrop reads ALTER TABLE ... DROP after DROP.
func (r *reader) alterDrop(t *schema.Table) {
	switch {
	case r.accept(kwConstraint), r.kwAny(kwIndex, kwKey) && r.mysql:
		if r.kwAny(kwIndex, kwKey) {
			r.i++
		}
		r.accept(kwIf, kwExists)
		name, _ := r.namePart()
		r.dropUnique(t, name)
		r.dropCheck(t, name)
	case r.accept(kwCheck): // MySQL: DROP CHECK name
		name, _ := r.namePart()
		r.dropCheck(t, name)
	case r.accept(kwPrimary, kwKey):
		us := t.Uniques[:0]
		for _, u := range t.Uniques {
			if u.Kind != schema.PrimaryKey {
				us = append(us, u)
			}
		}
		r.dropKeys(t, us)
	case r.kwAny(kwForeign, kwPartition, kwDefault, kwPeriod):
	default:
		r.accept(kwColumn)
		r.accept(kwIf, kwExists)
		name, _ := r.namePart()
		r.dropColumn(t, name)
	}
}

// alterRename reads ALTER TABLE ... RENAME after RENAME: a key, the
// table or a column.
func (r *reader) alterRename(t *schema.Table) {
	switch {
	case r.accept(kwConstraint), r.kwAny(kwIndex, kwKey) && r.mysql:
		if r.kwAny(kwIndex, kwKey) {
			r.i++
		}
		from, _ := r.namePart()
		r.expect(kwTo)
		to, _ := r.namePart()
		for _, u := range t.Uniques {
			if r.eqName(u.Name, from) {
				r.setKeyName(t, u, to)
			}
		}
	case r.kwAny(kwTo, kwAs):
		r.i++
		q := r.qualName()
		r.renameTable(t, q.name)
		if q.ns != "" {
			t.Namespace = q.ns
		}
	default:
		r.accept(kwColumn)
		from, _ := r.namePart()
		r.expect(kwTo)
		to, _ := r.namePart()
		r.renameColumn(t, from, to)
	}
}

// modifyColumn reads MySQL's MODIFY or CHANGE [COLUMN], which restate a
// column.
func (r *reader) modifyColumn(t *schema.Table, stmt schema.Span) {
	change := r.kw(kwChange)
	r.i++
	r.accept(kwColumn)
	r.accept(kwIf, kwExists)
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

// dropKeys sets t's keys to us, a subset: the names of the others may be
// free again.
func (r *reader) dropKeys(t *schema.Table, us []*schema.Unique) {
	if len(us) < len(t.Uniques) {
		r.st.freed++
	}
	t.Uniques = us
}
