package sqlddl

import (
	"bytes"
	"iter"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// state is what reading keeps about a model between files: lookup tables
// that always agree with m.Tables after a file was applied.
type state struct {
	m    *schema.Model
	fold bool
	// rels holds tables, uniques and the names of non-unique indexes by
	// tableKey(name), in one index: they share PostgreSQL's namespace of
	// relations, so nameTaken asks once.
	rels    relIndex
	files   map[*schema.File]bool // m.Files, as a set
	nTables int                   // len(m.Tables) after the last file
	added   bool                  // a table was added to m.Tables

	// freed counts the times a relation name may have become free (a drop
	// or rename of a table, key or index). suffixes holds, by the name
	// chooseName tried first, the least suffix not known to be taken, valid
	// while freed has not changed: names are only added meanwhile, so the
	// lower suffixes stay taken. Without it each unnamed index of a table
	// re-tried every suffix before its own, quadratic in time and memory.
	freed    int
	suffixes map[string]suffixHint

	// colIdx holds columns by name, for wide tables (see findColumn). It is
	// kept from one file to the next: built per file, a history whose
	// every step alters one table rebuilt it per step.
	colIdx map[*schema.Table]*colIndex

	// views holds the names of views (materialized or not) by
	// tableKey(name): a unique index on one is no unique index of a table
	// left unread (see noteUnknownTable).
	views map[string]bool
}

// A rel is what goes by a name: a table (t, no u), a unique and the table
// it was added to (u and t), or a non-unique index (neither; PostgreSQL's
// generated names must avoid theirs). Renames and drops leave uniques
// behind; findKey checks each before trusting it.
type suffixHint struct {
	freed, next int
}

type rel struct {
	u *schema.Unique
	t *schema.Table
}

func (x rel) isTable() bool { return x.u == nil && x.t != nil }

func (x rel) isOther() bool { return x.u == nil && x.t == nil }

func newState(m *schema.Model) *state {
	st := &state{m: m, fold: foldsNames(m.Dialect)}
	st.rels.init(3*len(m.Tables) + 16)
	st.files = make(map[*schema.File]bool, len(m.Files)+1)
	for _, f := range m.Files {
		st.files[f] = true
	}
	for _, t := range m.Tables {
		st.indexTable(t)
		for _, u := range t.Uniques {
			st.indexKey(t, u)
		}
	}
	st.nTables = len(m.Tables)
	return st
}

func foldsNames(d schema.Dialect) bool {
	switch d {
	case schema.MySQL, schema.MariaDB, schema.SQLite, schema.SQLServer:
		return false
	}
	return true
}

// maxFileSize is the largest file apply reads: token offsets are int32.
const maxFileSize = 1<<31 - 1

func (st *state) apply(f *schema.File) {
	m := st.m
	if f.Syntax == nil {
		f.Syntax = &Syntax{}
	}
	syn, _ := f.Syntax.(*Syntax)
	if syn != nil {
		syn.init(f, m.Dialect)
	}
	if !st.files[f] {
		st.files[f] = true
		m.Files = append(m.Files, f)
	}
	if len(f.Src) > maxFileSize {
		m.Errors = append(m.Errors, f.Errorf(0, "file of %d bytes is too large to read (the limit is %d)", len(f.Src), maxFileSize))
		return
	}
	presized := false
	if len(m.Tables) == 0 && st.rels.len() == 0 {
		// Sized for the names the file declares, counted before reading:
		// growing a large map allocates it about twice over, and the index
		// was the largest part of what reading allocated beyond the model.
		tables, names := countNames(f.Src)
		st.rels.init(names)
		if m.Tables == nil && tables > 0 {
			m.Tables = make([]*schema.Table, 0, tables)
			presized = true
		}
	}
	r := newReader(st, f, syn)
	r.run(r.lx, false)
	if presized && len(m.Tables) == 0 && !st.added {
		m.Tables = nil // as when no table was ever added
	}
	f.Comments = r.lx.Comments
	m.Errors = append(m.Errors, r.lx.Errors...)
	m.Errors = append(m.Errors, r.errs...)
	st.nTables = len(m.Tables)
}

// tableKey is the lookup key of a table, index or constraint name under the
// dialect's rules.
func (st *state) tableKey(name string) string {
	if st.fold {
		return name
	}
	return strings.ToLower(name)
}

// countNames estimates, from the keywords in src, how many tables it
// creates and how many relation names (tables, primary keys, uniques) it
// declares. Keywords are counted as written in upper or lower case; mixed
// case, and names of plain indexes, only grow the index later. Bytes in
// strings and bodies make it an overestimate, capped by the file's size.
func countNames(src []byte) (tables, names int) {
	count := func(upper, lower string) int {
		return bytes.Count(src, []byte(upper)) + bytes.Count(src, []byte(lower))
	}
	tables = count("CREATE TABLE", "create table")
	names = tables + count("PRIMARY KEY", "primary key") + count("UNIQUE", "unique")
	// A name takes at least a few bytes of its statement.
	limit := len(src)/16 + 16
	return min(tables, limit), min(names, limit)
}

// A relIndex maps a name to the relations that go by it. Most names have
// one, held in the map's slot; the few that have more (a stale unique
// beside a new one, a table and an index of one name) are kept apart.
// (A map of slices cost a slice header per slot and a one-element array per
// name.)
type relIndex struct {
	one  nameTable
	more map[string][]rel // names with two relations or more; not in one
}

func (x *relIndex) init(n int) {
	x.one.init(n)
	x.more = nil
}

func (x *relIndex) len() int { return x.one.len() + len(x.more) }

// keys yields every name that has relations.
func (x *relIndex) keys() iter.Seq[string] {
	return func(yield func(string) bool) {
		for k := range x.one.all {
			if !yield(k) {
				return
			}
		}
		for k := range x.more {
			if !yield(k) {
				return
			}
		}
	}
}

// get returns the relations of k. A single one is returned in buf, which
// the caller provides, so that the lookup allocates nothing.
func (x *relIndex) get(k string, buf *[1]rel) []rel {
	if v, ok := x.one.get(k); ok {
		buf[0] = v
		return buf[:]
	}
	return x.more[k]
}

// set makes xs the relations of k.
func (x *relIndex) set(k string, xs []rel) {
	switch len(xs) {
	case 0:
		x.one.del(k)
		delete(x.more, k)
	case 1:
		x.one.put(k, xs[0])
		delete(x.more, k)
	default:
		if x.more == nil {
			x.more = make(map[string][]rel)
		}
		x.more[k] = slices.Clip(slices.Clone(xs))
		x.one.del(k)
	}
}

// add records r under k.
func (x *relIndex) add(k string, r rel) {
	if old, ok := x.one.get(k); ok {
		if x.more == nil {
			x.more = make(map[string][]rel)
		}
		x.more[k] = []rel{old, r}
		x.one.del(k)
		return
	}
	if xs, ok := x.more[k]; ok {
		x.more[k] = append(xs, r)
		return
	}
	x.one.put(k, r)
}

// addRel records x under name.
func (st *state) addRel(name string, x rel) {
	st.rels.add(st.tableKey(name), x)
}

// indexTable records t under its name.
func (st *state) indexTable(t *schema.Table) { st.addRel(t.Name, rel{t: t}) }

// indexKey records that u, of table t, goes by its current name.
func (st *state) indexKey(t *schema.Table, u *schema.Unique) {
	if u.Name != "" {
		st.addRel(u.Name, rel{u: u, t: t})
	}
}

// live reports whether t is still one of the model's tables.
func (st *state) live(t *schema.Table) bool {
	var buf [1]rel
	for _, x := range st.rels.get(st.tableKey(t.Name), &buf) {
		if x.isTable() && x.t == t {
			return true
		}
	}
	return false
}

// hasOther reports whether a non-unique index is named name.
func (st *state) hasOther(name string) bool {
	var buf [1]rel
	for _, x := range st.rels.get(st.tableKey(name), &buf) {
		if x.isOther() {
			return true
		}
	}
	return false
}

// dropOther forgets a non-unique index named name, reporting whether there
// was one.
func (st *state) dropOther(name string) bool {
	k := st.tableKey(name)
	var buf [1]rel
	xs := st.rels.get(k, &buf)
	for i, x := range xs {
		if x.isOther() {
			st.rels.set(k, append(xs[:i], xs[i+1:]...))
			st.freed++
			return true
		}
	}
	return false
}

// tableKey is the lookup key of a name under the dialect's rules.
func (r *reader) tableKey(name string) string { return r.st.tableKey(name) }

// findTable finds a table by name; a missing namespace (or a template one)
// matches any, as a search_path would.
func (r *reader) findTable(q qname) *schema.Table {
	var buf [1]rel
	for _, x := range r.st.rels.get(r.tableKey(q.name), &buf) {
		if x.isTable() && r.nsMatch(x.t.Namespace, q.ns) {
			return x.t
		}
	}
	return nil
}

// findKey returns the unique named name (and its table) in namespace ns
// ("" for any), or nils.
func (r *reader) findKey(ns, name string) (*schema.Unique, *schema.Table) {
	k := r.tableKey(name)
	var buf [1]rel
	refs := r.st.rels.get(k, &buf)
	n := len(refs)
	for i := 0; i < len(refs); i++ {
		ref := refs[i]
		if ref.u == nil { // a table or a non-unique index
			continue
		}
		if r.eqName(ref.u.Name, name) && r.st.live(ref.t) && hasUnique(ref.t, ref.u) {
			if r.nsMatch(ref.t.Namespace, ns) {
				return ref.u, ref.t
			}
			continue
		}
		// Stale: renamed, dropped, or its table is gone.
		refs = append(refs[:i], refs[i+1:]...)
		i--
	}
	if len(refs) != n {
		r.st.rels.set(k, refs)
	}
	return nil, nil
}

func hasUnique(t *schema.Table, u *schema.Unique) bool {
	for _, x := range t.Uniques {
		if x == u {
			return true
		}
	}
	return false
}

// setKeyName renames u, of table t.
func (r *reader) setKeyName(t *schema.Table, u *schema.Unique, name string) {
	r.st.freed++ // the old name
	u.Name = name
	r.st.indexKey(t, u)
}

// nameTaken reports whether a relation (table or index) is named name, as
// PostgreSQL's ChooseRelationName asks before using a generated name.
func (r *reader) nameTaken(name string) bool {
	keys := false
	var buf [1]rel
	for _, x := range r.st.rels.get(r.tableKey(name), &buf) {
		if x.u == nil { // a table or a non-unique index
			return true
		}
		keys = true
	}
	if keys { // uniques may be stale
		if u, _ := r.findKey("", name); u != nil {
			return true
		}
	}
	if t := r.creating; t != nil {
		if r.creatingNames != nil {
			return r.creatingNames[r.nameKey(name)]
		}
		for _, u := range t.Uniques {
			if r.eqName(u.Name, name) {
				return true
			}
		}
	}
	return false
}

func (r *reader) addTable(t *schema.Table) {
	r.m.Tables = append(r.m.Tables, t)
	r.st.added = true
	r.st.indexTable(t)
	for _, u := range t.Uniques {
		r.st.indexKey(t, u)
	}
}

func without(ts []*schema.Table, t *schema.Table) []*schema.Table {
	out := ts[:0]
	for _, u := range ts {
		if u != t {
			out = append(out, u)
		}
	}
	return out
}

// unindexTable forgets t under its name.
func (r *reader) unindexTable(t *schema.Table) {
	r.st.freed++
	k := r.tableKey(t.Name)
	var buf [1]rel
	xs := r.st.rels.get(k, &buf)
	out := xs[:0]
	for _, x := range xs {
		if !x.isTable() || x.t != t {
			out = append(out, x)
		}
	}
	r.st.rels.set(k, out)
}

func (r *reader) removeTable(t *schema.Table) {
	r.m.Tables = without(r.m.Tables, t)
	r.unindexTable(t)
}

func (r *reader) renameTable(t *schema.Table, name string) {
	r.unindexTable(t)
	t.Name = name
	r.st.indexTable(t)
}

// addOther records the name of a non-unique index.
func (r *reader) addOther(name string) {
	r.st.addRel(name, rel{})
}
