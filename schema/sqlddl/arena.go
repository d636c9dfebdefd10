package sqlddl

import (
	"slices"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// An arena hands out model objects from chunks: one allocation per chunk
// rather than one per column, unique or default, which is most of what
// reading a large schema costs. A chunk stays alive while any object in it
// is referenced, that is as long as the model; chunks start small and
// double, so a short migration wastes little, up to 64 objects (under 32 KiB
// for a column, so chunks come from the allocator's size classes rather than
// fresh pages).
type arena[T any] struct {
	buf  []T
	size int // capacity of the next chunk
}

func (a *arena[T]) grow(need int) {
	switch {
	case a.size == 0:
		a.size = 8
	case a.size < 64:
		a.size *= 2
	}
	// Grow rounds the capacity up to fill the allocation's size class:
	// the rounding would be allocated anyway.
	a.buf = slices.Grow([]T(nil), max(a.size, need))
}

// new returns a pointer to a zero T.
func (a *arena[T]) new() *T {
	if len(a.buf) == cap(a.buf) {
		a.grow(1)
	}
	a.buf = a.buf[:len(a.buf)+1]
	return &a.buf[len(a.buf)-1]
}

// copy returns a copy of s, or nil when s is empty. Its capacity is its
// length, so appending to it reallocates instead of overwriting a neighbour.
func (a *arena[T]) copy(s ...T) []T {
	if len(s) == 0 {
		return nil
	}
	if cap(a.buf)-len(a.buf) < len(s) {
		a.grow(len(s))
	}
	n := len(a.buf)
	a.buf = append(a.buf, s...)
	return a.buf[n:len(a.buf):len(a.buf)]
}

// reserve returns an empty slice with capacity n: appends up to n fill
// space reserved for it; later ones reallocate.
func (a *arena[T]) reserve(n int) []T {
	if cap(a.buf)-len(a.buf) < n {
		a.grow(n)
	}
	l := len(a.buf)
	a.buf = a.buf[:l+n]
	return a.buf[l : l : l+n]
}

// one returns a slice holding only v, of capacity 1.
func (a *arena[T]) one(v T) []T {
	return append(a.reserve(1), v)
}

// A stringArena hands out strings from shared buffers. It relies on
// strings.Builder never rewriting bytes it has returned from String (it only
// appends, and grows by copying into a new buffer), so each string stays
// valid and unchanged while the builder goes on. Buffers start small and
// double, as arena chunks do.
type stringArena struct {
	b    strings.Builder
	size int // capacity of the next buffer
}

// concat returns the concatenation of parts.
func (a *stringArena) concat(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if a.b.Cap()-a.b.Len() < n {
		a.size = min(max(2*a.size, 256), 4096)
		a.b = strings.Builder{} // the old buffer lives on in the strings it gave
		a.b.Grow(max(n, a.size))
	}
	start := a.b.Len()
	for _, p := range parts {
		a.b.WriteString(p)
	}
	return a.b.String()[start:]
}

// column is a column and its provenance, allocated together.
type column struct {
	c    schema.Column
	info colInfo
}

// The constructors below set fields one by one on the zeroed object:
// assigning a whole struct literal would copy it with a write barrier over
// every pointer field.

func (r *reader) newColumn(t *schema.Table, name string, nameSpan schema.Span, alter bool) *column {
	if len(r.cols.buf) == cap(r.cols.buf) {
		r.cols.grow(1)
		// The Syntax finds a column's record through its chunk.
		if r.fileSyn != nil {
			r.fileSyn.adopt(r.cols.buf[:cap(r.cols.buf)])
		}
	}
	x := r.cols.new()
	c, info := &x.c, &x.info
	c.Name = name
	c.Nullable = true
	c.SetNameSpan(nameSpan) // in the file Span will be in
	info.table = t
	info.alter = alter
	info.typeEnd = int32(nameSpan.End)
	return x
}

func (r *reader) newTable(name, ns string, span, nameSpan schema.Span) *schema.Table {
	t := r.tables.new()
	t.Name = name
	t.Namespace = ns
	t.Span = span
	t.NameSpan = nameSpan
	return t
}

// appendUnique appends u to t.Uniques, reserving room for one more on the
// first one: a table usually has a primary key and a unique key or none
// (a third one moves the list; reserving four cost 16 bytes a table).
func (r *reader) appendUnique(t *schema.Table, u *schema.Unique) {
	if t.Uniques == nil {
		t.Uniques = r.uniquePtrs.reserve(2)
	}
	t.Uniques = append(t.Uniques, u)
	if t != r.creating { // addTable indexes the keys of a new table
		r.st.indexKey(t, u)
	}
}

func (r *reader) newUnique(name string, kind schema.UniqueKind) *schema.Unique {
	u := r.uniques.new()
	u.Name = name
	u.Kind = kind
	return u
}

func (r *reader) newDefault(expr string, span schema.Span) *schema.Default {
	d := r.defs.new()
	d.Expr = expr
	d.InDatabase = true
	d.Span = span
	return d
}
