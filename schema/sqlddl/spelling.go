package sqlddl

import (
	"strings"
)

// A Spelling is how a migration history writes its SQL, so that the
// statements a fix adds read like the history's own and act where they
// act: formance ledger's steps run once per bucket schema and name every
// table "{{.Schema}}".logs, so a fix that wrote plain logs would alter
// whatever the search_path finds. The zero Spelling writes plain SQL with
// upper-case keywords.
type Spelling struct {
	// Qualifier goes, with a dot, before a table name whose own schema is
	// unknown or a template: `"{{.Schema}}"`, `public`.
	Qualifier string
	// Prelude is a statement to run first, as the history's steps do:
	// `set search_path = '{{ .Schema }}';`. Unused with a Qualifier.
	Prelude string
	// Lower writes keywords in lower case.
	Lower bool
}

// apply writes sql (statements RequireColumnSQL built) in sp's spelling.
func (sp Spelling) apply(sql string) string {
	if sql == "" {
		return sql
	}
	if sp.Lower {
		sql = lowerKeywords(sql)
	}
	if sp.Prelude != "" && sp.Qualifier == "" {
		sql = sp.Prelude + "\n" + sql
	}
	return sql
}

// lowerKeywords lower-cases the words written wholly in upper case outside
// quoted names, string literals and comments: the keywords of SQL that
// requireColumnSQL writes (its own names are lower case or quoted).
func lowerKeywords(sql string) string {
	b := []byte(sql)
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '-' && i+1 < len(b) && b[i+1] == '-':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '\'' || c == '"' || c == '`' || c == '[':
			end := c
			if c == '[' {
				end = ']'
			}
			i++
			for i < len(b) && b[i] != end {
				i++
			}
			i++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_':
			j := i
			upper := true
			for j < len(b) && (b[j] >= 'A' && b[j] <= 'Z' || b[j] >= 'a' && b[j] <= 'z' || b[j] >= '0' && b[j] <= '9' || b[j] == '_') {
				upper = upper && !(b[j] >= 'a' && b[j] <= 'z')
				j++
			}
			if upper {
				copy(b[i:j], strings.ToLower(string(b[i:j])))
			}
			i = j
		default:
			i++
		}
	}
	return string(b)
}
