package prisma

import (
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
	f := c.TypeSpan.File
	if f == nil {
		return nil, fmt.Errorf("column %s has no position", schema.QuoteText(c.Name))
	}
	if c.Span.File != f || c.TypeSpan.Start < 0 || c.TypeSpan.End > len(f.Src) || c.TypeSpan.Start >= c.TypeSpan.End ||
		c.Span.End > len(f.Src) || c.Span.End < c.TypeSpan.End {
		return nil, fmt.Errorf("column %s: spans do not fit %s", schema.QuoteText(c.Name), f.Path)
	}
	var edits []schema.Edit
	if c.Nullable {
		q := c.TypeSpan.End - 1
		if f.Src[q] != '?' {
			return nil, fmt.Errorf("%s: type %q of column %s does not end in \"?\"", f.Position(c.TypeSpan.Start), c.TypeSpan.Text(), schema.QuoteText(c.Name))
		}
		edits = append(edits, schema.Edit{File: f, Start: q, End: q + 1})
	}
	if dbDefault != "" && c.Default == nil {
		edits = append(edits, schema.Edit{
			File:  f,
			Start: c.Span.End,
			End:   c.Span.End,
			New:   " @default(dbgenerated(" + quote(dbDefault) + "))",
		})
	}
	return edits, nil
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
