package schema

import (
	"sort"
	"strings"
)

// This file holds idemlint's one reading of partial-index predicates: which
// rows a WHERE clause leaves out of a unique. internal/dbdiff checks it
// against PostgreSQL and SQLite themselves.

// ExcludesNull reports whether where, the predicate of a partial unique on
// table t, can only hold for rows in which column col is NOT NULL. Such an
// index says the column is optional on purpose: rows without it are not
// meant to be deduplicated. Names in where resolve against t's columns by
// d's rules (see [PredicateColumns]).
//
// The answer is yes only where the predicate plainly says so, so a "no" can
// be wrong (a missed exclusion, a false alarm) but a "yes" should not be (a
// missed finding). Yes means: a top-level AND conjunct that is `col IS NOT
// NULL` (or NOTNULL, `NOT col IS NULL`, `col IS TRUE`), the boolean column
// itself, or a comparison (=, <>, <, LIKE, ~, IN, BETWEEN, = ANY, and their
// NOT forms) with col on a side that holds nothing that can turn a NULL
// into a value (COALESCE, CASE, IS, concat, greatest, AND/OR …); a
// top-level OR only when every branch says so. Casts are looked through.
func ExcludesNull(d Dialect, t *Table, where, col string) bool {
	return excludesNull(d, t, where, col)
}

// PredicateColumns returns the columns of t that where mentions, sorted.
// Unquoted names fold as the dialect folds them (to lower case on
// PostgreSQL and CockroachDB, to upper case on Oracle) and then match
// exactly; quoted names match exactly; elsewhere names match without
// regard to case. An unquoted name that matches no column exactly falls back
// to the one column it matches without regard to case (generated SQL, such
// as Prisma's where: objects, writes physical names unquoted).
func PredicateColumns(d Dialect, t *Table, where string) []string {
	seen := map[string]bool{}
	var out []string
	for _, tk := range predicateTokens(d, t, where) {
		if tk.col != "" && !seen[tk.col] {
			seen[tk.col] = true
			out = append(out, tk.col)
		}
	}
	sort.Strings(out)
	return out
}

func excludesNull(d Dialect, t *Table, where, col string) bool {
	return exprExcludesNull(predicateTokens(d, t, where), col)
}

// ExcludesEmpty reports whether where, the predicate of a partial unique
// on table t, only holds for rows in which column col is neither NULL nor
// the empty string: a top-level AND conjunct comparing col with the empty
// string by <>, != or >, or length(col) > 0 (and the char_length/len
// spellings), casts looked through; a top-level OR when every branch does.
// Such an index lets keyless requests (an empty key) in without colliding (IDEM202).
func ExcludesEmpty(d Dialect, t *Table, where, col string) bool {
	return excludesEmpty(d, t, where, col)
}

func excludesEmpty(d Dialect, t *Table, where, col string) bool {
	return exprExcludesEmpty(predicateTokens(d, t, where), col)
}

// ptok is one token of predicate text.
type ptok struct {
	// s is a keyword, operator or unquoted name lower-cased; a string
	// literal as "'" (the empty string as "''", which IDEM202 cares about);
	// a number as written; a quoted name as `"` + name, so that it never
	// reads as a keyword.
	s string
	// col is the table column a name resolves to, or "". Function names,
	// qualifiers and types never resolve.
	col string
}

func exprExcludesNull(toks []ptok, col string) bool {
	return exprExcludes(toks, col, conjunctExcludesNull)
}

// exprExcludes reports whether a predicate rules out rows, given which
// conjunctions do: a disjunction rules them out when every branch does, a
// conjunction when any term does.
func exprExcludes(toks []ptok, col string, conjunct func([]ptok, string) bool) bool {
	toks = stripParens(toks)
	if len(toks) == 0 {
		return false
	}
	if ors := splitTop(toks, "or"); len(ors) > 1 {
		for _, b := range ors {
			if !exprExcludes(b, col, conjunct) {
				return false
			}
		}
		return true
	}
	if ands := splitTop(toks, "and"); len(ands) > 1 {
		for _, c := range ands {
			if exprExcludes(c, col, conjunct) {
				return true
			}
		}
		return false
	}
	return conjunct(toks, col)
}

// strictOps are comparisons that are NULL when an operand is NULL.
var strictOps = map[string]bool{
	"=": true, "==": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"like": true, "ilike": true, "in": true, "~": true, "~*": true, "!~": true, "!~*": true,
	"~~": true, "!~~": true, "~~*": true, "!~~*": true, "between": true, "similar": true,
	"glob": true, "regexp": true, "rlike": true, "match": true,
	"@>": true, "<@": true, "&&": true, "?": true, "?|": true, "?&": true, "@@": true, "@?": true,
}

// nullTolerant are functions and keywords that can turn a NULL into a value
// (or a NULL operand into a TRUE result), so a comparison over them proves
// nothing about NULL.
var nullTolerant = map[string]bool{
	"coalesce": true, "ifnull": true, "nvl": true, "nvl2": true, "isnull": true, "notnull": true,
	"case": true, "iif": true, "is": true, "distinct": true, "nullif": true, "greatest": true, "least": true,
	"concat": true, "concat_ws": true, "format": true, "printf": true, "quote": true, "quote_nullable": true, "typeof": true,
	"num_nulls": true, "num_nonnulls": true, "row": true, "array": true, "array_remove": true, "array_replace": true,
	"array_position": true, "array_positions": true, "array_append": true, "array_prepend": true, "array_cat": true,
	"json_build_object": true, "jsonb_build_object": true, "json_build_array": true, "jsonb_build_array": true,
	"json_object": true, "json_array": true, "json_quote": true, "json_set": true, "json_insert": true,
	"json_replace": true, "jsonb_set_lax": true,
	// NULL OR TRUE is TRUE and NULL AND FALSE is FALSE.
	"and": true, "or": true,
}

func conjunctExcludesNull(toks []ptok, col string) bool {
	n := len(toks)
	if isCol(toks, col) { // a boolean column on its own: WHERE active
		return true
	}
	if toks[0].s == "not" {
		return notExcludesNull(stripParens(toks[1:]), col)
	}
	if lhs, ok := cutSuffix(toks, "is", "true"); ok {
		return exprExcludesNull(lhs, col)
	}
	// x IS NOT NULL (or PostgreSQL's postfix NOTNULL), x IS FALSE and x IS
	// NOT UNKNOWN are false when x is NULL, which it is when col is and x
	// is strict in col: the column itself, a cast, data->>'k', lower(col).
	for _, suffix := range [][]string{{"is", "not", "null"}, {"notnull"}, {"is", "false"}, {"is", "not", "unknown"}} {
		lhs, ok := cutSuffix(toks, suffix...)
		if !ok {
			continue
		}
		if suffix[0] != "is" || suffix[1] != "false" {
			// A row is NOT NULL only when every field is.
			if len(lhs) > 2 && lhs[0].s == "row" && lhs[0].col == "" {
				lhs = lhs[1:]
			}
			for _, f := range listItems(lhs) {
				if sideStrictOn(f, col) {
					return true
				}
			}
		}
		return sideStrictOn(lhs, col)
	}
	return n > 1 && comparisonExcludesNull(toks, col)
}

// notExcludesNull handles NOT inner: NOT keeps a NULL a NULL, so the
// boolean column, `col IS NULL` and a strict comparison on col qualify.
func notExcludesNull(inner []ptok, col string) bool {
	if len(inner) == 0 || len(splitTop(inner, "or")) > 1 || len(splitTop(inner, "and")) > 1 {
		return false
	}
	if inner[0].s == "not" { // NOT NOT x is x, NULL included
		return exprExcludesNull(inner[1:], col)
	}
	if isCol(stripCast(inner), col) {
		return true
	}
	for _, suffix := range [][]string{{"is", "null"}, {"isnull"}} {
		if lhs, ok := cutSuffix(inner, suffix...); ok {
			// (col, other) IS NULL is false once other is set, so NOT
			// of it holds: a row does not count.
			return sideStrictOn(lhs, col) && !hasRow(lhs)
		}
	}
	return comparisonExcludesNull(inner, col)
}

// comparisonExcludesNull finds the first top-level strict comparison and
// asks whether col sits on a side that stays NULL when col is NULL. The
// list of IN, and the bounds of NOT BETWEEN, do not count: 'a' IN (col, 'a')
// holds whatever col is.
func comparisonExcludesNull(toks []ptok, col string) bool {
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
		left, not := toks[:i], false
		if i > 0 && toks[i-1].s == "not" {
			left, not = toks[:i-1], true
		}
		if sideStrictOn(left, col) {
			return true
		}
		right := toks[i+1:]
		switch {
		case t.s == "in" && not:
			// x NOT IN (…, NULL, …) is never TRUE.
			items := listItems(right)
			if items == nil {
				return sideStrictOn(right, col)
			}
			for _, e := range items {
				if sideStrictOn(e, col) {
					return true
				}
			}
			return false
		case t.s == "in" || t.s == "between" && not:
			return false
		case t.s == "between":
			// Either bound NULL makes BETWEEN NULL or FALSE, never TRUE.
			if j := indexTop(right, "and"); j > 0 {
				return sideStrictOn(right[:j], col) || sideStrictOn(right[j+1:], col)
			}
		}
		return sideStrictOn(right, col)
	}
	return false
}

// cutSuffix reports whether toks ends with the keywords kws and returns what
// comes before them, which must not be empty.
func cutSuffix(toks []ptok, kws ...string) ([]ptok, bool) {
	n := len(toks) - len(kws)
	if n < 1 {
		return nil, false
	}
	for i, kw := range kws {
		if toks[n+i].s != kw {
			return nil, false
		}
	}
	return toks[:n], true
}

// stripCast removes parentheses and casts (x::type, CAST(x AS type)) from
// an operand.
func stripCast(toks []ptok) []ptok {
	for {
		toks = stripParens(toks)
		if len(toks) > 3 && toks[0].s == "cast" && toks[1].s == "(" && closes(toks[1:]) {
			inner := toks[2 : len(toks)-1]
			if i := indexTop(inner, "as"); i > 0 {
				toks = inner[:i]
				continue
			}
		}
		if i := indexTop(toks, "::"); i > 0 && isTypeName(toks[i+1:]) {
			toks = toks[:i]
			continue
		}
		return toks
	}
}

// isTypeName reports whether toks can be the type of a cast, such as
// text, character varying(10), public.mood[] or text::varchar, rather than a
// type followed by more of the expression (k::text IS NOT NULL).
func isTypeName(toks []ptok) bool {
	for _, t := range toks {
		switch t.s {
		case "(", ")", ",", "[", "]", ".", "::":
			continue
		case "is", "not", "null", "and", "or", "in", "like", "ilike", "between", "similar", "glob",
			"regexp", "match", "notnull", "isnull", "collate", "escape":
			return false
		}
		if t.s == "" || strings.IndexByte(opChars, t.s[0]) >= 0 || t.s[0] == '\'' {
			return false
		}
	}
	return len(toks) > 0
}

// indexTop returns the index of the first top-level token s, or -1.
func indexTop(toks []ptok, s string) int {
	depth := 0
	for i, t := range toks {
		switch t.s {
		case "(":
			depth++
		case ")":
			depth--
		case s:
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// listItems splits a parenthesised list "(a, b, …)" at its top-level
// commas; nil when toks is not one such list of two or more items.
func listItems(toks []ptok) [][]ptok {
	if len(toks) < 2 || toks[0].s != "(" || !closes(toks) {
		return nil
	}
	items := splitTop(toks[1:len(toks)-1], ",")
	if len(items) < 2 {
		return nil
	}
	return items
}

// hasRow reports whether toks holds a row constructor: a parenthesised
// list that is not a function's arguments.
func hasRow(toks []ptok) bool {
	var call []bool // per open parenthesis: does it follow a name?
	for i, t := range toks {
		switch t.s {
		case "(":
			call = append(call, i > 0 && isIdentByte(toks[i-1].s[0]))
		case ")":
			if len(call) > 0 {
				call = call[:len(call)-1]
			}
		case ",":
			if len(call) > 0 && !call[len(call)-1] {
				return true
			}
		}
	}
	return false
}

func isCol(toks []ptok, col string) bool { return len(toks) == 1 && toks[0].col == col && col != "" }

func sideStrictOn(side []ptok, col string) bool {
	mentions := false
	for _, t := range side {
		if t.col == "" && nullTolerant[t.s] {
			return false
		}
		if t.col == col {
			mentions = true
		}
	}
	return mentions && col != ""
}

func stripParens(toks []ptok) []ptok {
	if len(toks) < 2 || toks[0].s != "(" || toks[len(toks)-1].s != ")" {
		return toks
	}
	// One pass pairs the brackets; asking closes once per layer made
	// n nested layers cost O(n²).
	match := make([]int, len(toks))
	var open []int
	for i, t := range toks {
		match[i] = -1
		switch t.s {
		case "(":
			open = append(open, i)
		case ")":
			if n := len(open); n > 0 {
				match[open[n-1]] = i
				open = open[:n-1]
			}
		}
	}
	i, j := 0, len(toks)-1
	for i < j && toks[i].s == "(" && toks[j].s == ")" && match[i] == j {
		i++
		j--
	}
	return toks[i : j+1]
}

// closes reports whether the "(" at toks[0] is closed by the last token.
func closes(toks []ptok) bool {
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

func splitTop(toks []ptok, kw string) [][]ptok {
	var out [][]ptok
	depth, start := 0, 0
	between := false // inside BETWEEN x AND y, whose AND is not a conjunction
	for i, t := range toks {
		switch t.s {
		case "(":
			depth++
		case ")":
			depth--
		case "between":
			// Only a top-level BETWEEN owns the next top-level AND: one
			// inside parentheses has consumed its AND there.
			between = between || depth == 0
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

func exprExcludesEmpty(toks []ptok, col string) bool {
	return exprExcludes(toks, col, conjunctExcludesEmpty)
}

// lengthFuncs measure a string: length(col) > 0 rules out the empty string.
var lengthFuncs = map[string]bool{"length": true, "char_length": true, "character_length": true, "len": true, "octet_length": true}

// conjunctExcludesEmpty matches col compared with the empty string by <>,
// != or > (the empty string first: <> or <), and length(col) > 0 (<> 0,
// != 0, >= 1).
func conjunctExcludesEmpty(c []ptok, col string) bool {
	for i, t := range c {
		if i == 0 || i == len(c)-1 {
			continue
		}
		switch t.s {
		case "<>", "!=", ">", "<", ">=":
		default:
			continue
		}
		l, r := stripCast(c[:i]), stripCast(c[i+1:])
		if isEmptyString(r) && isColOrTrimmed(l, col) && t.s != "<" && t.s != ">=" ||
			isEmptyString(l) && isColOrTrimmed(r, col) && (t.s == "<>" || t.s == "!=" || t.s == "<") {
			return true
		}
		if len(l) >= 4 && lengthFuncs[l[0].s] && l[0].col == "" && l[1].s == "(" && closes(l[1:]) &&
			isColOrTrimmed(stripCast(l[2:len(l)-1]), col) && len(r) == 1 {
			return r[0].s == "0" && t.s != "<" && t.s != ">=" || r[0].s == "1" && t.s == ">="
		}
		return false
	}
	return false
}

// emptyPreserving are one-argument functions that map the empty string to
// itself: btrim(key) compared with the empty string rules the empty key
// out as key itself does.
var emptyPreserving = map[string]bool{"btrim": true, "trim": true, "ltrim": true, "rtrim": true, "lower": true, "upper": true}

// isColOrTrimmed reports whether toks is col, or col under functions of
// emptyPreserving (casts looked through).
func isColOrTrimmed(toks []ptok, col string) bool {
	for range 8 {
		if isCol(toks, col) {
			return true
		}
		if len(toks) < 4 || !emptyPreserving[toks[0].s] || toks[0].col != "" || toks[1].s != "(" || !closes(toks[1:]) {
			return false
		}
		toks = stripCast(toks[2 : len(toks)-1])
	}
	return false
}

func isEmptyString(toks []ptok) bool { return len(toks) == 1 && toks[0].s == "''" }

// rawTok is a token before names are resolved.
type rawTok struct {
	s      string
	name   string // a name as written (quotes removed); "" for other tokens
	quoted bool
}

// predicateTokens splits predicate text into tokens and resolves names to
// t's columns. A qualified name (t."Key") becomes its last part; comments
// are dropped.
func predicateTokens(d Dialect, t *Table, s string) []ptok {
	raw := lexPredicate(d, s)
	res := newColumnResolver(d, t)
	out := make([]ptok, 0, len(raw))
	for i, r := range raw {
		if r.s == "." && len(out) > 0 && i+1 < len(raw) && raw[i+1].name != "" && raw[i-1].name != "" {
			out = out[:len(out)-1] // a qualifier: the next name replaces it
			continue
		}
		tk := ptok{s: r.s}
		next := ""
		if i+1 < len(raw) {
			next = raw[i+1].s
		}
		if r.name != "" && next != "(" && next != "." && !(i > 0 && raw[i-1].s == "::") {
			tk.col = res.resolve(r.name, r.quoted)
		}
		out = append(out, tk)
	}
	return out
}

// lexPredicate splits s into raw tokens.
func lexPredicate(d Dialect, s string) []rawTok {
	toks := make([]rawTok, 0, len(s)/4+1)           // about one token per four bytes
	brackets := d != PostgreSQL && d != CockroachDB // [name] quotes; PostgreSQL subscripts arrays
	for i := skipBlank(s, 0); i < len(s); i = skipBlank(s, i) {
		var t rawTok
		t, i = lexToken(s, i, brackets)
		toks = append(toks, t)
	}
	return toks
}

// skipBlank returns the index of the first byte at or after i that is
// neither white space nor inside a comment.
func skipBlank(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return len(s)
			}
			i += j + 4
		default:
			return i
		}
	}
	return i
}

// lexToken reads the token at s[i] and returns it with the index after it.
func lexToken(s string, i int, brackets bool) (rawTok, int) {
	c := s[i]
	switch {
	case c == '\'':
		j := quoteEnd(s, i, '\'')
		if j == i+2 {
			return rawTok{s: "''"}, j // the empty string, which IDEM202 cares about
		}
		return rawTok{s: "'"}, j
	case c == '"' || c == '`' || c == '[' && brackets:
		return quotedName(s, i)
	case c >= '0' && c <= '9':
		j := i
		for j < len(s) && (isIdentByte(s[j]) || s[j] == '.') {
			j++
		}
		return rawTok{s: s[i:j]}, j
	case isIdentByte(c):
		j := i
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		return rawTok{s: lowerWord(s[i:j]), name: s[i:j]}, j
	case c == ':':
		if i+1 < len(s) && s[i+1] == ':' {
			return rawTok{s: "::"}, i + 2
		}
	case strings.IndexByte(opChars, c) >= 0:
		j := opEnd(s, i)
		return rawTok{s: s[i:j]}, j
	}
	return rawTok{s: s[i : i+1]}, i + 1
}

// quotedName reads the quoted name at s[i] ("x", `x` or [x]); a doubled
// closing quote stands for itself, and an unterminated name runs to the end.
func quotedName(s string, i int) (rawTok, int) {
	end := s[i]
	if end == '[' {
		end = ']'
	}
	j := quoteEnd(s, i, end)
	name := s[i+1:]
	if j <= len(s) {
		name = s[i+1 : j-1]
	}
	if end != ']' {
		name = strings.ReplaceAll(name, string([]byte{end, end}), string(end))
	}
	return rawTok{s: `"` + name, name: name, quoted: true}, min(j, len(s))
}

// keywords are the words predicates are read by, lower-cased once.
var keywords = []string{"and", "or", "not", "is", "null", "in", "like", "ilike", "between", "similar", "to",
	"true", "false", "unknown", "distinct", "from", "any", "all", "some", "array", "row", "case", "when", "then",
	"else", "end", "cast", "as", "notnull", "isnull", "glob", "regexp", "match", "escape", "coalesce", "text"}

// lowerWord lower-cases a word, without allocating for keywords and for
// words already in lower case.
func lowerWord(w string) string {
	for _, k := range keywords {
		if len(k) == len(w) && strings.EqualFold(k, w) {
			return k
		}
	}
	return strings.ToLower(w)
}

// quoteEnd returns the index just past the quoted text starting at s[i],
// a doubled closing quote standing for itself; len(s)+1 when unterminated.
func quoteEnd(s string, i int, end byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == end {
			if end != ']' && j+1 < len(s) && s[j+1] == end {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s) + 1
}

const opChars = "+-*/<>=~!@#%^&|?"

// opEnd returns the end of the operator starting at s[i], by PostgreSQL's
// rule: the longest run of operator characters, less trailing + and -
// unless the run holds one of ~ ! @ # % ^ & | ?, so that k=-1 is k = -1.
func opEnd(s string, i int) int {
	j := i
	for j < len(s) && strings.IndexByte(opChars, s[j]) >= 0 {
		if j > i && (s[j] == '-' && s[j-1] == '-' || s[j] == '*' && s[j-1] == '/') {
			j-- // a comment starts inside the run
			break
		}
		j++
	}
	if !strings.ContainsAny(s[i:j], "~!@#%^&|?") {
		for j > i+1 && (s[j-1] == '+' || s[j-1] == '-') {
			j--
		}
	}
	return j
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// columnResolver maps names in predicate text to t's columns under d's
// rules; see [PredicateColumns]. Tables are small: a scan beats building
// maps on every call.
type columnResolver struct {
	t *Table
	d Dialect
}

func newColumnResolver(d Dialect, t *Table) columnResolver { return columnResolver{t: t, d: d} }

func (r columnResolver) resolve(name string, quoted bool) string {
	if r.t == nil {
		return ""
	}
	switch r.d {
	case PostgreSQL, CockroachDB, Oracle:
		// Unquoted names fold: the column must be spelled in the folded case.
		folded := strings.ToLower
		if r.d == Oracle {
			folded = strings.ToUpper
		}
		for _, c := range r.t.Columns {
			if quoted && c.Name == name || !quoted && strings.EqualFold(c.Name, name) && folded(c.Name) == c.Name {
				return c.Name
			}
		}
		if quoted {
			return ""
		}
	}
	// Without regard to case, and only when one column matches.
	found := ""
	for _, c := range r.t.Columns {
		if strings.EqualFold(c.Name, name) {
			if found != "" {
				return ""
			}
			found = c.Name
		}
	}
	return found
}
