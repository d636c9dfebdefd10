package sqlddl

import (
	"fmt"

	"github.com/idemlint/idemlint/schema"
)

func (r *reader) createIndex(unique bool) {
	for r.kwAny(kwClustered, kwNonclustered) {
		r.i++
	}
	if !r.accept(kwIndex) {
		return
	}
	for r.kw(kwConcurrently) || r.cur().Kind == Template {
		r.i++
	}
	ifNotExists := r.accept(kwIf, kwNot, kwExists)
	name := ""
	if !r.kw(kwOn) {
		name = r.qualName().name
	}
	if !unique {
		// Non-unique indexes do not shape keys; PostgreSQL's generated
		// names must still avoid theirs.
		if !r.fold {
			return
		}
		if name != "" {
			r.addOther(name)
			return
		}
	}
	if r.accept(kwUsing) { // MySQL puts the method before ON
		r.i++
	}
	r.expect(kwOn)
	r.accept(kwOnly)
	tq := r.qualName()
	t := r.findTable(tq)
	if t == nil {
		if unique {
			r.noteUnknownTable(name, tq)
		}
		return
	}
	if ifNotExists && name != "" {
		if u, _ := r.findKey(tq.ns, name); u != nil || r.st.hasOther(name) {
			return
		}
	}
	if r.accept(kwUsing) {
		r.i++
	}
	if r.cur().Kind != LParen {
		r.failf("expected ( after CREATE UNIQUE INDEX ... ON %s", schema.QuoteText(tq.name))
	}
	close := r.matching(r.i)
	if close >= r.lim {
		r.failf("unclosed key of index %s", schema.QuoteText(name))
	}
	u := r.newUnique(name, schema.UniqueIndex)
	u.Span = r.stmtSpan()
	u.Parts = r.indexParts(t, r.i+1, close)
	r.i = close + 1
	r.indexOptions(t, u)
	if name == "" && r.fold {
		u.Name = r.generatedKeyName(t, u, u.Include)
	}
	if !unique {
		r.addOther(u.Name)
		return
	}
	r.appendUnique(t, u)
}

func (r *reader) dropIndex() {
	for r.kw(kwConcurrently) || r.cur().Kind == Template {
		r.i++
	}
	r.accept(kwIf, kwExists)
	var buf [16][2]int
	for _, it := range r.split(buf[:0], r.i, len(r.toks)) {
		r.i, r.lim = it[0], it[1]
		var q qname
		for !r.atEnd() && !r.kwAny(kwOn, kwCascade, kwRestrict) {
			if isNameKind(r.cur().Kind) {
				q = r.qualName()
				continue
			}
			r.i++
		}
		if q.name == "" {
			continue
		}
		if r.st.dropOther(q.name) {
			continue
		}
		if u, t := r.findKey(q.ns, q.name); u != nil {
			r.dropUnique(t, q.name)
		}
	}
}

func (r *reader) alterIndex() {
	r.accept(kwIf, kwExists)
	from := r.qualName()
	if !r.accept(kwRename, kwTo) {
		return
	}
	to := r.qualName().name
	if r.st.dropOther(from.name) {
		r.addOther(to)
		return
	}
	if u, t := r.findKey(from.ns, from.name); u != nil {
		r.setKeyName(t, u, to)
	}
}

// indexOptions reads what follows the key of CREATE UNIQUE INDEX into u:
// WHERE, NULLS NOT DISTINCT and INCLUDE; other options are skipped.
func (r *reader) indexOptions(t *schema.Table, u *schema.Unique) {
	for !r.atEnd() {
		switch {
		case r.kw(kwWhere):
			r.i++
			u.Where = r.s[r.cur().Start:r.stmtEnd]
			r.i = r.lim
		case r.accept(kwNulls, kwNot, kwDistinct):
			u.NullsNotDistinct = true
		case r.kw(kwInclude) && r.tok(r.i+1).Kind == LParen:
			u.Include = r.columnList(t, r.i+2, r.matching(r.i+1))
			r.i = r.matching(r.i+1) + 1
		default:
			r.i++
			r.skipGroup()
		}
	}
}

// noteUnknownTable says, as a note (idemlint schema -v, and -v on the
// package that owns the schema), that a unique index names a table no
// statement before it creates, nor a view: the rule is read nowhere.
// bun's migrate and goose's Go migrations create tables in Go and add
// indexes in SQL beside them; the Go model does not get the SQL's rules.
func (r *reader) noteUnknownTable(name string, tq qname) {
	var buf [1]rel
	if len(r.st.rels.get(r.tableKey(tq.name), &buf)) > 0 || r.st.views[r.tableKey(tq.name)] {
		return // a view or another relation of that name: not a table of this schema
	}
	what := "a unique index"
	if name != "" {
		what = "unique index " + schema.QuoteText(name)
	}
	pos := r.f.Position(r.tk(0).Start)
	r.m.Notes = append(r.m.Notes, schema.Note{Path: r.f.Path, Message: fmt.Sprintf(
		"not read: %s (line %d) is on table %s, which no statement of this schema creates before it, so its rule is not checked (a table created by Go code, such as bun's NewCreateTable, does not get it)",
		what, pos.Line, schema.QuoteText(tq.name))})
}

// noteView records the name of CREATE [MATERIALIZED] VIEW [IF NOT EXISTS]
// name, read at r.i after CREATE (and OR REPLACE, TEMP…): PostgreSQL
// indexes materialized views, and a unique index on one is no table's.
func (r *reader) noteView() {
	i := r.i
	word := func(w string) bool {
		if i >= r.lim {
			return false
		}
		t := r.tok(i)
		return eqFold(r.src[t.Start:t.End], w)
	}
	for word("MATERIALIZED") || word("RECURSIVE") || word("SECURE") {
		i++
	}
	if !word("VIEW") {
		return
	}
	i++
	save := r.i
	r.i = i
	r.accept(kwIf, kwNot, kwExists)
	if !r.atEnd() && isNameKind(r.cur().Kind) {
		if q := r.qualName(); q.name != "" {
			if r.st.views == nil {
				r.st.views = map[string]bool{}
			}
			r.st.views[r.tableKey(q.name)] = true
		}
	}
	r.i = save
}
