package dbdiff

import (
	"sort"
	"strings"
)

// A token of SQL expression text. col is the table column an identifier
// resolves to, or "".
type token struct {
	s   string // lower-cased for keywords and operators
	col string
}

// resolver maps identifiers to a table's column names under a dialect's
// rules.
type resolver struct {
	exact map[string]string // PostgreSQL: name as stored → name
	fold  map[string]string // lower-cased name → name
	pg    bool              // unquoted identifiers fold to lower case; quoted ones are exact
}

func newResolver(cols []string, pg bool) *resolver {
	r := &resolver{exact: map[string]string{}, fold: map[string]string{}, pg: pg}
	for _, c := range cols {
		r.exact[c] = c
		if _, dup := r.fold[strings.ToLower(c)]; !dup {
			r.fold[strings.ToLower(c)] = c
		}
	}
	return r
}

func (r *resolver) resolve(id string, quoted bool) string {
	if !r.pg {
		return r.fold[strings.ToLower(id)]
	}
	if quoted {
		return r.exact[id]
	}
	return r.exact[strings.ToLower(id)]
}

const opChars = "<>=!~*+-/%^&|#@:?"

// tokens splits expression text. Identifiers that name a column of the
// table get col set, except function names (followed by "("), types (after
// "::") and qualifiers (followed by ".").
func (r *resolver) tokens(s string) []token {
	var toks []token
	type ident struct {
		at     int
		name   string
		quoted bool
	}
	var ids []ident
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '\'':
			j := i + 1
			for j < len(s) {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			toks = append(toks, token{s: "'"})
			i = j + 1
		case c == '"' || c == '`' || c == '[':
			end := byte('"')
			switch c {
			case '`':
				end = '`'
			case '[':
				end = ']'
			}
			j := i + 1
			var b strings.Builder
			for j < len(s) {
				if s[j] == end {
					if j+1 < len(s) && s[j+1] == end && end != ']' {
						b.WriteByte(end)
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			ids = append(ids, ident{len(toks), b.String(), true})
			toks = append(toks, token{s: "\x00" + b.String()})
			i = j + 1
		case isIdentByte(c) && !(c >= '0' && c <= '9'):
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			ids = append(ids, ident{len(toks), s[i:j], false})
			toks = append(toks, token{s: strings.ToLower(s[i:j])})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (isIdentByte(s[j]) || s[j] == '.') {
				j++
			}
			toks = append(toks, token{s: "0"})
			i = j
		case strings.IndexByte(opChars, c) >= 0:
			j := i
			for j < len(s) && strings.IndexByte(opChars, s[j]) >= 0 {
				j++
			}
			toks = append(toks, token{s: s[i:j]})
			i = j
		default:
			toks = append(toks, token{s: string(c)})
			i++
		}
	}
	for _, id := range ids {
		k := id.at
		if k+1 < len(toks) && (toks[k+1].s == "(" || toks[k+1].s == ".") {
			continue
		}
		if k > 0 && toks[k-1].s == "::" {
			continue
		}
		toks[k].col = r.resolve(id.name, id.quoted)
	}
	return toks
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// refs returns the sorted set of columns an expression mentions.
func (r *resolver) refs(expr string) []string {
	return colSet(r.tokens(expr))
}

func colSet(toks []token) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range toks {
		if t.col != "" && !seen[t.col] {
			seen[t.col] = true
			out = append(out, t.col)
		}
	}
	sort.Strings(out)
	return out
}

// predicate normalises a partial index's WHERE text; nil when where is
// empty.
func (r *resolver) predicate(where string) *Predicate {
	where = strings.TrimSpace(where)
	if where == "" {
		return nil
	}
	toks := r.tokens(where)
	p := &Predicate{Columns: colSet(toks), Text: where}
	for _, c := range p.Columns {
		if excludesNull(toks, c) {
			p.ExcludesNull = append(p.ExcludesNull, c)
		}
	}
	return p
}

// excludesNull reports whether the predicate can only hold for rows where
// col is NOT NULL. See [Predicate].
func excludesNull(toks []token, col string) bool {
	toks = stripParens(toks)
	if len(toks) == 0 {
		return false
	}
	if ors := splitTop(toks, "or"); len(ors) > 1 {
		for _, b := range ors {
			if !excludesNull(b, col) {
				return false
			}
		}
		return true
	}
	if ands := splitTop(toks, "and"); len(ands) > 1 {
		for _, c := range ands {
			if excludesNull(c, col) {
				return true
			}
		}
		return false
	}
	return conjunctExcludesNull(toks, col)
}

var strictOps = map[string]bool{
	"=": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"like": true, "ilike": true, "in": true, "~": true, "~~": true, "~*": true, "!~": true, "!~~": true,
	"!~*": true, "~~*": true, "!~~*": true, "similar": true, "between": true, "glob": true, "regexp": true, "match": true,
}

// nullTolerant tokens can turn a NULL into a value.
var nullTolerant = map[string]bool{
	"coalesce": true, "ifnull": true, "nvl": true, "isnull": true, "case": true,
	"is": true, "concat": true, "concat_ws": true, "format": true, "num_nulls": true, "num_nonnulls": true,
	"array_remove": true, "array_position": true, "json_build_object": true, "jsonb_build_object": true,
	"row": true, "array": true, "distinct": true, "notnull": true,
}

func conjunctExcludesNull(toks []token, col string) bool {
	n := len(toks)
	// A boolean column on its own: WHERE active.
	if n == 1 {
		return toks[0].col == col
	}
	if toks[0].s == "not" {
		inner := stripParens(toks[1:])
		return len(inner) == 3 && isCol(stripCast(inner[:1]), col) && inner[1].s == "is" && inner[2].s == "null"
	}
	if n >= 4 && toks[n-3].s == "is" && toks[n-2].s == "not" && toks[n-1].s == "null" {
		return isCol(stripCast(toks[:n-3]), col)
	}
	if n >= 2 && toks[n-1].s == "notnull" { // PostgreSQL's postfix NOTNULL
		return isCol(stripCast(toks[:n-1]), col)
	}
	depth := 0
	for i, t := range toks {
		switch t.s {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth != 0 || !strictOps[t.s] {
			continue
		}
		left := toks[:i]
		if i > 0 && toks[i-1].s == "not" {
			left = toks[:i-1]
		}
		return sideStrictOn(left, col) || sideStrictOn(toks[i+1:], col)
	}
	return false
}

// stripCast removes parentheses and a trailing ::type from an operand.
func stripCast(toks []token) []token {
	toks = stripParens(toks)
	for i, t := range toks {
		if t.s == "::" {
			return stripParens(toks[:i])
		}
	}
	return toks
}

func isCol(toks []token, col string) bool { return len(toks) == 1 && toks[0].col == col }

func sideStrictOn(side []token, col string) bool {
	mentions := false
	for _, t := range side {
		if nullTolerant[t.s] && t.col == "" {
			return false
		}
		if t.col == col {
			mentions = true
		}
	}
	return mentions
}

func stripParens(toks []token) []token {
	for len(toks) >= 2 && toks[0].s == "(" && toks[len(toks)-1].s == ")" && closes(toks) {
		toks = toks[1 : len(toks)-1]
	}
	return toks
}

// closes reports whether the "(" at toks[0] is closed by the last token.
func closes(toks []token) bool {
	depth := 0
	for i, t := range toks {
		switch t.s {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 && i != len(toks)-1 {
				return false
			}
		}
	}
	return depth == 0
}

func splitTop(toks []token, kw string) [][]token {
	var out [][]token
	depth, start := 0, 0
	between := false // inside BETWEEN x AND y
	for i, t := range toks {
		if t.col != "" {
			continue
		}
		switch t.s {
		case "(":
			depth++
		case ")":
			depth--
		case "between":
			between = depth == 0
		case kw:
			if depth != 0 {
				continue
			}
			if kw == "and" && between {
				between = false
				continue
			}
			out = append(out, toks[start:i])
			start = i + 1
		}
	}
	return append(out, toks[start:])
}
