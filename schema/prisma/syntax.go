package prisma

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// Syntax spells fixes in the Prisma schema language. ParseFiles sets it on
// every file it reads.
type Syntax struct{}

var _ schema.Syntax = Syntax{}

// RequireColumn makes c required by deleting the "?" of its type. When
// dbDefault is not empty and c has no default, it also appends
// @default(dbgenerated("dbDefault")) after the field's last attribute, so
// that rows written by any path get a key. A client-side default such as
// uuid() is kept as it is: replacing it would change what Prisma Client
// writes.
func (Syntax) RequireColumn(c *schema.Column, dbDefault string) ([]schema.Edit, error) {
	ts := c.TypeSpan()
	f := ts.File
	if f == nil {
		return nil, fmt.Errorf("column %s has no position", schema.QuoteText(c.Name))
	}
	if c.Span.File != f || ts.Start < 0 || ts.End > len(f.Src) || ts.Start >= ts.End ||
		c.Span.End > len(f.Src) || c.Span.End < ts.End {
		return nil, fmt.Errorf("column %s: spans do not fit %s", schema.QuoteText(c.Name), f.Path)
	}
	var edits []schema.Edit
	addDefault := dbDefault != "" && c.Default == nil
	pad := " " // before an attribute appended to a field that has none
	if c.Nullable {
		q := ts.End - 1
		if f.Src[q] != '?' {
			return nil, fmt.Errorf("%s: type %q of column %s does not end in \"?\"", f.Position(ts.Start), ts.Text(), schema.QuoteText(c.Name))
		}
		del := schema.Edit{File: f, Start: q, End: q + 1}
		if g, ok := alignedGroup(f.Src, ts.Start, ts.End); ok {
			// The model is laid out as prisma format lays it out: keep it so.
			var more []schema.Edit
			del, pad, more = g.realign(f)
			edits = append(edits, more...)
		}
		edits = append(edits, del)
	}
	if addDefault {
		at := " "
		if c.Span.End == ts.End { // no attributes: the first one
			at = pad
		}
		edits = append(edits, schema.Edit{
			File:  f,
			Start: c.Span.End,
			End:   c.Span.End,
			New:   at + "@default(dbgenerated(" + quote(dbDefault) + "))",
		})
	}
	return edits, nil
}

// KeepsDefault reports whether RequireColumn keeps c's default rather
// than adding a database one: Prisma allows one @default per field, and
// a client-side one (uuid(), cuid()) is what Prisma Client writes.
func (Syntax) KeepsDefault(c *schema.Column) bool { return c.Default != nil }

var _ schema.KeptDefaultSyntax = Syntax{}

// A fieldGroup is the run of field lines around a field whose "?" a fix
// deletes, as prisma format aligns them: fields on consecutive lines
// (comment lines between them do not break the run; a blank line does)
// have their types, and their attributes, start in one column each. The
// attribute column is one past the longest type of the run, so deleting
// the "?" of the longest type moves it left on every line.
type fieldGroup struct {
	lines []fieldLine
	self  int // the line of the field being fixed
	width int // the longest type, "?" included
}

// A fieldLine is one field line: where its type ends and what follows it
// (its attributes, or a comment, or the line's end) starts.
type fieldLine struct {
	typeStart, typeEnd, rest int
	attrs                    bool // rest starts with an attribute
}

// alignedGroup returns the run of field lines around the type at
// [typeStart, typeEnd) when it is laid out as prisma format lays it out;
// false when it is not (a hand-aligned model keeps its own layout: the fix
// then touches the "?" alone), or when the line reads otherwise than the
// parser read it (a brace right after the type).
func alignedGroup(src []byte, typeStart, typeEnd int) (fieldGroup, bool) {
	g := fieldGroup{self: -1}
	start := lineStart(src, typeStart)
	// Walk up to the first line of the run, then down to its end.
	for prev := start; prev > 0; {
		p := lineStart(src, prev-1)
		kind, _ := fieldLineAt(src, p)
		if kind == lineBreak {
			break
		}
		start, prev = p, p
	}
	for at := start; at < len(src); {
		kind, fl := fieldLineAt(src, at)
		if kind == lineBreak {
			break
		}
		if kind == lineField {
			if fl.typeStart == typeStart {
				if fl.typeEnd != typeEnd {
					return g, false
				}
				g.self = len(g.lines)
			}
			g.lines = append(g.lines, fl)
			g.width = max(g.width, fl.typeEnd-fl.typeStart)
		}
		next := bytes.IndexByte(src[at:], '\n')
		if next < 0 {
			break
		}
		at += next + 1
	}
	if g.self < 0 {
		return g, false
	}
	for _, l := range g.lines {
		if l.attrs && l.rest-l.typeEnd != g.width-(l.typeEnd-l.typeStart)+1 {
			return g, false
		}
	}
	return g, true
}

// realign returns the edit that deletes the fixed field's "?" and sets the
// padding after its type, the padding before an attribute appended to a
// field that had none, and the edits that move the other lines'
// attributes to the new column.
func (g fieldGroup) realign(f *schema.File) (del schema.Edit, pad string, others []schema.Edit) {
	self := g.lines[g.self]
	width := self.typeEnd - 1 - self.typeStart
	for i, l := range g.lines {
		if i != g.self {
			width = max(width, l.typeEnd-l.typeStart)
		}
	}
	spaces := func(typeLen int) string { return strings.Repeat(" ", width-typeLen+1) }
	for i, l := range g.lines {
		if i != g.self && l.attrs && width != g.width {
			others = append(others, schema.Edit{File: f, Start: l.typeEnd, End: l.rest, New: spaces(l.typeEnd - l.typeStart)})
		}
	}
	pad = spaces(self.typeEnd - 1 - self.typeStart)
	del = schema.Edit{File: f, Start: self.typeEnd - 1, End: self.typeEnd}
	if self.attrs {
		del.End, del.New = self.rest, pad
	}
	return del, pad, others
}

// What a line of a model body is, for fieldGroup.
const (
	lineField   = iota // name type [attributes] [comment]
	lineComment        // a comment alone: part of the run
	lineBreak          // a blank line, a block attribute, a brace: the run ends
)

// fieldLineAt reads the line that starts at off.
func fieldLineAt(src []byte, off int) (int, fieldLine) {
	end := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		end = off + i
	}
	line := src[off:end]
	text := bytes.TrimLeft(line, " \t")
	switch {
	case len(bytes.TrimSpace(text)) == 0, bytes.HasPrefix(text, []byte("@@")), bytes.HasPrefix(text, []byte("}")),
		bytes.HasSuffix(bytes.TrimRight(text, " \t\r"), []byte("{")):
		return lineBreak, fieldLine{}
	case bytes.HasPrefix(text, []byte("//")):
		return lineComment, fieldLine{}
	}
	i := off + len(line) - len(text)
	word := func(i int) int { // the end of the token at i
		for i < end && src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			i++
		}
		return i
	}
	blank := func(i int) int {
		for i < end && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		return i
	}
	nameEnd := word(i)
	ts := blank(nameEnd)
	if ts == nameEnd || ts >= end {
		return lineBreak, fieldLine{} // not name and type
	}
	te := word(ts)
	rest := blank(te)
	fl := fieldLine{typeStart: ts, typeEnd: te, rest: rest, attrs: rest < end && src[rest] == '@'}
	return lineField, fl
}

// lineStart returns the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// quote spells s as a Prisma string literal.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
