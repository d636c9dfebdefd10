package sqlddl

import (
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/idemlint/idemlint/schema"
)

// PostgreSQL names hold at most NAMEDATALEN-1 bytes: longer identifiers are
// truncated (on a character boundary), and generated names are built to fit.
const maxIdentLen = 63

// truncateIdent is PostgreSQL's truncate_identifier.
func truncateIdent(s string) string { return clip(s, maxIdentLen) }

// clip cuts s to at most n bytes on a character boundary (pg_mbcliplen).
func clip(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// appendObjectName is PostgreSQL's makeObjectName: name1_name2_label, the
// longer of name1 and name2 shortened a byte at a time until the whole fits
// in 63 bytes. suffix (a number or nothing) ends the label.
func appendObjectName(b []byte, name1, name2, label, suffix string) []byte {
	overhead := len(label) + len(suffix) + 1
	if name2 != "" {
		overhead++
	}
	n1, n2 := len(name1), len(name2)
	for avail := maxIdentLen - overhead; n1+n2 > avail; {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	b = append(b, clip(name1, n1)...)
	b = append(b, '_')
	if name2 != "" {
		b = append(b, clip(name2, n2)...)
		b = append(b, '_')
	}
	b = append(b, label...)
	return append(b, suffix...)
}

// chooseName is PostgreSQL's ChooseRelationName: makeObjectName, with
// label1, label2… while the name is taken by a table or an index.
// Candidates are built in a scratch buffer; only the chosen name is kept.
func (r *reader) chooseName(name1, name2, label string) string {
	r.cand = appendObjectName(r.cand[:0], name1, name2, label, "")
	if !r.nameTaken(bytesString(r.cand)) {
		return r.names.concat(bytesString(r.cand))
	}
	if r.st.suffixes == nil {
		r.st.suffixes = make(map[string]suffixHint)
	}
	first := string(r.cand)
	pass := 1
	if h, ok := r.st.suffixes[first]; ok && h.freed == r.st.freed {
		pass = h.next
	}
	var num [20]byte
	for ; ; pass++ {
		r.cand = appendObjectName(r.cand[:0], name1, name2, label, bytesString(strconv.AppendInt(num[:0], int64(pass), 10)))
		if !r.nameTaken(bytesString(r.cand)) {
			break
		}
	}
	r.st.suffixes[first] = suffixHint{freed: r.st.freed, next: pass + 1}
	return r.names.concat(bytesString(r.cand))
}

// bytesString views b as a string without copying, for a lookup or a copy
// made before b changes.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// generatedKeyName is the name PostgreSQL gives unnamed key u of table t:
// t_pkey, t_cols_key or t_cols_idx, where cols are the key's columns (and
// INCLUDE columns) as ChooseIndexColumnNames spells them.
func (r *reader) generatedKeyName(t *schema.Table, u *schema.Unique, include []string) string {
	if u.Kind == schema.PrimaryKey {
		return r.chooseName(t.Name, "", "pkey")
	}
	var buf [8]string
	cols := buf[:0]
	for _, p := range u.Parts {
		n := p.Column
		if n == "" {
			n = figureIndexColname(p.Expr, r.m.Dialect)
		}
		cols = append(cols, n)
	}
	cols = append(cols, include...)
	label := "key"
	if u.Kind == schema.UniqueIndex {
		label = "idx"
	}
	r.scratch = appendIndexNameAddition(r.scratch[:0], uniqueColNames(cols))
	// chooseName copies the addition before scratch is reused.
	return r.chooseName(t.Name, bytesString(r.scratch), label)
}

// uniqueColNames makes the names unique as ChooseIndexColumnNames does: a
// repeated name gets 1, 2… appended.
func uniqueColNames(cols []string) []string {
	for i := 1; i < len(cols); i++ {
		orig := cols[i]
		for n := 1; containsStr(cols[:i], cols[i]); n++ {
			suffix := strconv.Itoa(n)
			cols[i] = clip(orig, maxIdentLen-len(suffix)) + suffix
		}
	}
	return cols
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// indexNameAddition is PostgreSQL's ChooseIndexNameAddition: the names
// joined by "_", stopping once the result reaches 64 bytes (appendObjectName
// shortens it after).
func appendIndexNameAddition(b []byte, cols []string) []byte {
	for i, c := range cols {
		if i > 0 {
			b = append(b, '_')
		}
		b = append(b, clip(c, maxIdentLen)...)
		if len(b) >= maxIdentLen+1 {
			break
		}
	}
	return b
}

// figureIndexColname is PostgreSQL's FigureIndexColname for an index
// expression as written: a column (possibly cast) gives its name, a
// function call the function's name, CASE "case", a cast of anything else
// its type; others give "expr".
func figureIndexColname(expr string, d schema.Dialect) string {
	toks, _, _ := Tokenize(schema.NewFile("", []byte(expr)), d)
	text := func(t Token) string { return expr[t.Start:t.End] }
	lower := func(t Token) string {
		if t.Kind == QuotedIdent {
			if len(text(t)) >= 2 {
				return text(t)[1 : len(text(t))-1]
			}
			return text(t)
		}
		b := []byte(text(t))
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	// Strip parentheses around the whole expression.
	for len(toks) >= 2 && toks[0].Kind == LParen && closeOrLast(toks, 0) == len(toks)-1 {
		toks = toks[1 : len(toks)-1]
	}
	if len(toks) == 0 {
		return "expr"
	}
	// The operand before any trailing casts.
	end := 0
	name := ""
	switch t := toks[0]; {
	case t.Kind == LParen:
		end = closeOrLast(toks, 0) + 1
		name = figureIndexColname(expr[t.Start:toks[end-1].End], d)
		if name == "expr" {
			name = ""
		}
	case t.Kind == Ident || t.Kind == QuotedIdent:
		end = 1
		for end+1 < len(toks) && toks[end].Kind == Dot && (toks[end+1].Kind == Ident || toks[end+1].Kind == QuotedIdent) {
			end += 2
		}
		last := toks[end-1]
		switch {
		case end < len(toks) && toks[end].Kind == LParen:
			end = closeOrLast(toks, end) + 1
			name = lower(last)
		case t.Kind == Ident && eqFold([]byte(text(t)), "CASE"):
			return "case"
		case t.Kind == Ident && (eqFold([]byte(text(t)), "ARRAY")):
			return "array"
		default:
			name = lower(last)
		}
	case t.Kind == String || t.Kind == Number:
		end = 1
	default:
		return "expr"
	}
	// Only casts may follow: ::type, ::type(n), ::type[].
	castType := ""
	for end < len(toks) {
		if toks[end].Kind != Op || text(toks[end]) != "::" || end+1 >= len(toks) {
			return "expr"
		}
		end++
		j := end
		for j < len(toks) && (toks[j].Kind == Ident || toks[j].Kind == QuotedIdent || toks[j].Kind == Dot) {
			j++
		}
		if j == end {
			return "expr"
		}
		castType = lower(toks[j-1])
		for j < len(toks) && (toks[j].Kind == LParen || toks[j].Kind == Op && text(toks[j]) == "[]" || toks[j].Kind == Op && text(toks[j]) == "[") {
			if toks[j].Kind == LParen {
				j = closeOrLast(toks, j) + 1
			} else {
				for j < len(toks) && !(toks[j].Kind == Op && (text(toks[j]) == "]" || text(toks[j]) == "[]")) {
					j++
				}
				j++
			}
		}
		end = j
	}
	if name != "" {
		return name
	}
	if castType != "" {
		return castType
	}
	return "expr"
}

// closeOrLast is matchParen, but an unclosed group ends at the last token:
// an index expression may be cut short, and its name is still figured.
func closeOrLast(toks []Token, i int) int { return min(matchParen(compact(toks), i), len(toks)-1) }
