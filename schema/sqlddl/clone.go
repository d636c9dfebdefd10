package sqlddl

import (
	"maps"
	"slices"

	"github.com/idemlint/idemlint/schema"
)

// Clone returns a Replayer of a deep copy of p's model, with its own files:
// applying more files to either leaves the other as it was. A caller that
// replays a history again and again with only its last steps changed (the
// language server, on each keystroke in a migration) keeps a Replayer of
// the unchanged steps and replays the rest on a Clone, instead of reading
// every step again. Applying the same files to p and to a Clone gives
// models that differ only in their objects' addresses.
//
// The copies' files share their text with the originals; a file's
// Syntax (where each column was defined) is copied with the columns it
// describes. Objects nothing in the model reaches any more (dropped
// tables, replaced columns) are left out: no lookup can reach them.
func (p *Replayer) Clone() *Replayer {
	m, st := p.st.m, p.st
	c := cloner{
		files:   make(map[*schema.File]*schema.File, len(m.Files)),
		tables:  make(map[*schema.Table]*schema.Table, len(m.Tables)),
		cols:    map[*schema.Column]*schema.Column{},
		uniques: map[*schema.Unique]*schema.Unique{},
		defs:    map[*schema.Default]*schema.Default{},
		checks:  map[*schema.CheckConstraint]*schema.CheckConstraint{},
	}
	// Files first: every span of the model points into one.
	nm := *m
	nm.Files = make([]*schema.File, len(m.Files))
	for i, f := range m.Files {
		nf := &schema.File{Path: f.Path, Src: f.Src, Syntax: f.Syntax}
		c.files[f] = nf
		nm.Files[i] = nf
	}
	for _, f := range m.Files {
		nf := c.files[f]
		nf.Comments = make([]schema.Comment, len(f.Comments))
		for i, cm := range f.Comments {
			nf.Comments[i] = schema.Comment{Span: c.span(cm.Span), Text: cm.Text}
		}
	}
	nm.Tables = make([]*schema.Table, len(m.Tables))
	for i, t := range m.Tables {
		nm.Tables[i] = c.table(t)
	}
	nm.DialectSpan = c.span(m.DialectSpan)
	nm.Errors = slices.Clone(m.Errors) // never changed once reported
	nm.Notes = slices.Clone(m.Notes)
	nm.Drift = nil
	for _, d := range m.Drift {
		d.Table, d.Column = c.tables[d.Table], c.cols[d.Column]
		d.Span, d.Truth = c.span(d.Span), c.span(d.Truth)
		d.Columns = slices.Clone(d.Columns)
		nm.Drift = append(nm.Drift, d)
	}
	// Each file's Syntax last: it names the copied columns.
	for _, f := range m.Files {
		if s, ok := f.Syntax.(*Syntax); ok {
			c.files[f].Syntax = c.syntax(s, c.files[f])
		}
	}

	nst := &state{m: &nm, fold: st.fold, nTables: st.nTables, freed: st.freed, suffixes: maps.Clone(st.suffixes), views: maps.Clone(st.views)}
	nst.files = make(map[*schema.File]bool, len(st.files))
	for f := range st.files {
		if nf := c.files[f]; nf != nil {
			nst.files[nf] = true
		}
	}
	// The names in the order they were recorded, stale keys included:
	// findKey drops those the same way in either copy. Only relations whose
	// objects are gone from the model are left out.
	nst.rels.init(st.rels.len())
	var buf [1]rel
	for k := range st.rels.keys() {
		xs := st.rels.get(k, &buf)
		out := make([]rel, 0, len(xs))
		for _, x := range xs {
			switch {
			case x.isOther():
				out = append(out, x)
			case x.isTable():
				if t := c.tables[x.t]; t != nil {
					out = append(out, rel{t: t})
				}
			default:
				if t, u := c.tables[x.t], c.uniques[x.u]; t != nil && u != nil {
					out = append(out, rel{u: u, t: t})
				}
			}
		}
		nst.rels.set(k, out)
	}
	return &Replayer{st: nst}
}

// A cloner copies a model's objects once each, so objects the model shares
// stay shared in the copy.
type cloner struct {
	files   map[*schema.File]*schema.File
	tables  map[*schema.Table]*schema.Table
	cols    map[*schema.Column]*schema.Column
	uniques map[*schema.Unique]*schema.Unique
	defs    map[*schema.Default]*schema.Default
	checks  map[*schema.CheckConstraint]*schema.CheckConstraint
}

// span points s at the copy of its file (a file outside the model, none
// in a replay, is kept).
func (c *cloner) span(s schema.Span) schema.Span {
	if f := c.files[s.File]; f != nil {
		s.File = f
	}
	return s
}

func (c *cloner) table(t *schema.Table) *schema.Table {
	return once(c.tables, t, func(nt *schema.Table) {
		nt.Span, nt.NameSpan = c.span(nt.Span), c.span(nt.NameSpan)
		nt.Columns = cloneAll(nt.Columns, c.column)
		if nt.Uniques != nil {
			nt.Uniques = cloneAll(nt.Uniques, c.unique)
		}
		if nt.Checks != nil {
			nt.Checks = cloneAll(nt.Checks, c.check)
		}
	})
}

func (c *cloner) column(col *schema.Column) *schema.Column {
	return once(c.cols, col, func(nc *schema.Column) {
		// Read before Span moves: they are offsets in its file.
		ns, ts := nc.NameSpan(), nc.TypeSpan()
		nc.SetSpans(c.span(nc.Span), c.span(ns), c.span(ts))
		if s := col.NullSpan(); s.IsValid() {
			nc.SetNullSpan(c.span(s))
		}
		if s := col.DefinedBy(); s.IsValid() {
			nc.SetDefinedBy(c.span(s))
		}
		if nc.Default != nil {
			nc.Default = c.def(nc.Default)
		}
	})
}

// cloneAll returns a new slice (of xs's length and capacity) of each
// element's copy.
func cloneAll[T any](xs []*T, clone func(*T) *T) []*T {
	out := make([]*T, len(xs), cap(xs))
	for i, x := range xs {
		out[i] = clone(x)
	}
	return out
}

// once copies x the first time it is met, and hands out that copy
// afterwards, so that objects shared in the replay stay shared in the
// clone; fix adjusts a new copy (its spans, its slices).
func once[T any](seen map[*T]*T, x *T, fix func(*T)) *T {
	if n := seen[x]; n != nil {
		return n
	}
	n := new(T)
	*n = *x
	seen[x] = n
	fix(n)
	return n
}

func (c *cloner) def(d *schema.Default) *schema.Default {
	return once(c.defs, d, func(n *schema.Default) { n.Span = c.span(n.Span) })
}

func (c *cloner) unique(u *schema.Unique) *schema.Unique {
	return once(c.uniques, u, func(nu *schema.Unique) {
		nu.Span = c.span(nu.Span)
		if nu.Parts != nil {
			parts := make([]schema.IndexPart, len(nu.Parts), cap(nu.Parts))
			for i, p := range nu.Parts {
				p.Refs = slices.Clip(slices.Clone(p.Refs))
				parts[i] = p
			}
			nu.Parts = parts
		}
		if nu.Include != nil {
			nu.Include = slices.Clip(slices.Clone(nu.Include))
		}
	})
}

func (c *cloner) check(k *schema.CheckConstraint) *schema.CheckConstraint {
	return once(c.checks, k, func(n *schema.CheckConstraint) { n.Span = c.span(n.Span) })
}

// syntax copies s, the Syntax of the file now f, keeping the definitions
// of the columns the model still holds.
func (c *cloner) syntax(s *Syntax, f *schema.File) *Syntax {
	ns := &Syntax{Declarative: s.Declarative, file: f, d: s.d}
	s.mu.Lock()
	defer s.mu.Unlock()
	copyInfo := func(col *schema.Column, info *colInfo) {
		nc := c.cols[col]
		if nc == nil {
			return // a column the model no longer holds
		}
		ni := new(colInfo)
		*ni = *info
		ni.hasRare = false
		if t := c.tables[info.table]; t != nil {
			ni.table = t
		}
		if info.hasRare {
			r := *s.rare[info]
			r.col = nil // ns finds ni through its index only
			r.nulls = slices.Clone(r.nulls)
			r.changedBy = c.span(r.changedBy)
			*ns.more(ni) = r
		}
		ns.cols[nc] = ni
	}
	ns.cols = map[*schema.Column]*colInfo{}
	if s.cols != nil {
		for col, info := range s.cols {
			copyInfo(col, info)
		}
		return ns
	}
	// In reading order, as info indexes them: a later definition of a
	// column replaces an earlier one.
	for _, chunk := range s.chunks {
		for i := range chunk {
			if col := s.described(&chunk[i]); col != nil {
				copyInfo(col, &chunk[i].info)
			}
		}
	}
	return ns
}
