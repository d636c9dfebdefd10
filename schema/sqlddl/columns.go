package sqlddl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/idemlint/idemlint/schema"
)

// wideTable is the column count from which findColumn looks names up in an
// index: below it a scan is faster than hashing and allocates nothing, and
// most tables stay below it. Above it a scan per column definition made one
// wide CREATE TABLE quadratic.
const wideTable = 32

// A colIndex finds the columns of one table by name. It holds the first
// column of each name, as a scan of t.Columns would find it.
type colIndex struct {
	byKey map[string]*schema.Column
	n     int // t.Columns[:n] are indexed; appended columns are added on the next lookup
}

// findColumn returns t's first column named name, under the dialect's rules.
func (r *reader) findColumn(t *schema.Table, name string) *schema.Column {
	if len(t.Columns) < wideTable {
		return r.scanColumns(t.Columns, name)
	}
	return r.colIndexOf(t).byKey[r.nameKey(name)]
}

func (r *reader) scanColumns(cols []*schema.Column, name string) *schema.Column {
	for _, c := range cols {
		if r.eqName(c.Name, name) {
			return c
		}
	}
	return nil
}

// colIndexOf returns t's column index, adding the columns appended since
// the last lookup. Anything but an append to t.Columns (a drop, a rename,
// a new slice) must call forgetColumns first.
func (r *reader) colIndexOf(t *schema.Table) *colIndex {
	if r.st.colIdx == nil {
		r.st.colIdx = make(map[*schema.Table]*colIndex)
	}
	x := r.st.colIdx[t]
	if x == nil || x.n > len(t.Columns) {
		// CREATE TABLE reserves t.Columns for all its definitions: size
		// the map for them rather than grow it.
		x = &colIndex{byKey: make(map[string]*schema.Column, cap(t.Columns))}
		r.st.colIdx[t] = x
	}
	for _, c := range t.Columns[x.n:] {
		k := r.nameKey(c.Name)
		if _, ok := x.byKey[k]; !ok {
			x.byKey[k] = c
		}
	}
	x.n = len(t.Columns)
	return x
}

// forgetColumns drops t's column index after its columns changed other than
// by an append.
func (r *reader) forgetColumns(t *schema.Table) {
	delete(r.st.colIdx, t)
}

// nameKey is the index key of a name: two names have the same key exactly
// when eqName reports them equal.
func (r *reader) nameKey(name string) string {
	if r.fold {
		return name
	}
	return foldKey(name)
}

// foldKey returns a key under which names that strings.EqualFold reports
// equal are one: each rune is replaced by the least rune of its case-folding
// orbit (the set unicode.SimpleFold cycles through), which for ASCII
// letters is the upper-case one. Invalid bytes read as U+FFFD, as EqualFold
// reads them. Lower-casing would not do: "İ" lower-cases to "i" yet is not
// EqualFold to it.
func foldKey(s string) string {
	lower := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return foldRunes(s)
		}
		lower = lower || 'a' <= c && c <= 'z'
	}
	if !lower {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		least := c
		for x := unicode.SimpleFold(c); x != c; x = unicode.SimpleFold(x) {
			least = min(least, x)
		}
		b.WriteRune(least)
	}
	return b.String()
}
