package schema

import "strings"

// excludesNull reports whether the partial-index predicate where can only
// hold for rows in which column col is NOT NULL. Such an index says the
// column is optional on purpose: rows without it are not meant to be
// deduplicated.
//
// The test is conservative in the direction that avoids false alarms only
// where the predicate plainly says so: a top-level AND conjunct that is
// `col IS NOT NULL`, `NOT col IS NULL`, or a comparison on col (comparisons
// are strict: NULL makes them NULL, and WHERE drops the row). A top-level OR
// excludes NULL only if every branch does.
func excludesNull(where, col string) bool {
	toks := predicateTokens(where)
	return exprExcludesNull(toks, strings.ToLower(col))
}

func exprExcludesNull(toks []string, col string) bool {
	toks = stripParens(toks)
	if len(toks) == 0 {
		return false
	}
	if ors := splitTop(toks, "or"); len(ors) > 1 {
		for _, b := range ors {
			if !exprExcludesNull(b, col) {
				return false
			}
		}
		return true
	}
	if ands := splitTop(toks, "and"); len(ands) > 1 {
		for _, c := range ands {
			if exprExcludesNull(c, col) {
				return true
			}
		}
		return false
	}
	return conjunctExcludesNull(toks, col)
}

var strictOps = map[string]bool{
	"=": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"like": true, "ilike": true, "in": true, "~": true, "~~": true, "~*": true, "!~": true,
	"between": true, "similar": true, "glob": true, "regexp": true, "rlike": true, "match": true,
}

// nullTolerant are functions and keywords that can turn a NULL into a value,
// so a comparison over them proves nothing about NULL.
var nullTolerant = map[string]bool{
	"coalesce": true, "ifnull": true, "nvl": true, "isnull": true, "case": true,
	"is": true, "concat": true, "concat_ws": true,
}

func conjunctExcludesNull(toks []string, col string) bool {
	// NOT col IS NULL / NOT (col IS NULL)
	if toks[0] == "not" {
		inner := stripParens(toks[1:])
		return len(inner) == 3 && inner[0] == col && inner[1] == "is" && inner[2] == "null"
	}
	// col IS NOT NULL (allowing a cast: col::text IS NOT NULL)
	if n := len(toks); n >= 4 && toks[n-3] == "is" && toks[n-2] == "not" && toks[n-1] == "null" {
		lhs := toks[:n-3]
		return len(lhs) >= 1 && lhs[0] == col && (len(lhs) == 1 || lhs[1] == "::")
	}
	// A comparison with col on one side and nothing null-tolerant there.
	depth := 0
	for i, t := range toks {
		switch t {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth != 0 || !strictOps[t] {
			continue
		}
		if i > 0 && toks[i-1] == "not" && t != "in" && t != "like" && t != "ilike" && t != "between" {
			continue
		}
		return sideStrictOn(toks[:i], col) || sideStrictOn(toks[i+1:], col)
	}
	return false
}

func sideStrictOn(side []string, col string) bool {
	mentions := false
	for _, t := range side {
		if nullTolerant[t] {
			return false
		}
		if t == col {
			mentions = true
		}
	}
	return mentions
}

func stripParens(toks []string) []string {
	for len(toks) >= 2 && toks[0] == "(" && toks[len(toks)-1] == ")" && closes(toks) {
		toks = toks[1 : len(toks)-1]
	}
	return toks
}

// closes reports whether the "(" at toks[0] is closed by the last token.
func closes(toks []string) bool {
	depth := 0
	for i, t := range toks {
		switch t {
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

func splitTop(toks []string, kw string) [][]string {
	var out [][]string
	depth, start := 0, 0
	between := false // inside BETWEEN x AND y, whose AND is not a conjunction
	for i, t := range toks {
		switch t {
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

// predicateTokens splits SQL predicate text into lower-cased tokens:
// identifiers with their quotes removed and any qualifier dropped
// (t."Key" → key), string literals as one quote token (the empty string
// as two quotes), numbers, and operators.
func predicateTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
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
			if j == i+1 {
				toks = append(toks, "''") // the empty string, which IDEM202 cares about
			} else {
				toks = append(toks, "'")
			}
			i = j + 1
		case c == '"' || c == '`' || c == '[':
			end := byte('"')
			if c == '`' {
				end = '`'
			} else if c == '[' {
				end = ']'
			}
			j := strings.IndexByte(s[i+1:], end)
			if j < 0 {
				j = len(s) - i - 1
			}
			toks = appendIdent(toks, strings.ToLower(s[i+1:i+1+j]))
			i += j + 2
		case isIdentByte(c):
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			toks = appendIdent(toks, strings.ToLower(s[i:j]))
			i = j
		default:
			j := i + 1
			if j < len(s) && strings.ContainsRune("=<>!:~*|", rune(s[j])) && strings.ContainsRune("<>!:~=|", rune(c)) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks
}

// appendIdent appends an identifier, folding a qualified name (t.col) into
// its last part.
func appendIdent(toks []string, id string) []string {
	if n := len(toks); n >= 2 && toks[n-1] == "." {
		toks[n-2] = id
		return toks[:n-1]
	}
	return append(toks, id)
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// excludesEmpty reports whether the predicate where only holds for rows in
// which col is neither NULL nor the empty string: a top-level AND conjunct
// comparing col with the empty string by <>, != or >, or length(col) > 0
// (and the char_length/len spellings).
func excludesEmpty(where, col string) bool {
	col = strings.ToLower(col)
	toks := stripParens(predicateTokens(where))
	for _, c := range splitTop(toks, "and") {
		c = stripParens(c)
		switch {
		case len(c) == 3 && c[0] == col && (c[1] == "<>" || c[1] == "!=" || c[1] == ">") && c[2] == "''":
			return true
		case len(c) == 6 && (c[0] == "length" || c[0] == "char_length" || c[0] == "len") && c[1] == "(" && c[2] == col && c[3] == ")" &&
			(c[4] == ">" || c[4] == "<>" || c[4] == "!=") && c[5] == "0":
			return true
		}
	}
	return false
}
