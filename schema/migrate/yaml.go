package migrate

import (
	"strings"
)

// parseYAML reads the subset of YAML that configuration files such as
// sqlc.yaml use: block mappings and sequences by indentation, plain and
// quoted scalars, flow sequences ([a, b]), comments and block scalars. It
// returns map[string]any, []any, string or nil, the shapes encoding/json
// gives for the same document, so one walker serves both. Anchors, tags and
// flow mappings are kept as plain strings; a config that needs them is
// beyond what we read. It never fails: malformed lines are skipped.
func parseYAML(src []byte) any {
	y := &yamlParser{}
	for _, raw := range strings.Split(string(src), "\n") {
		line := strings.TrimRight(stripYAMLComment(raw), " \t\r")
		text := strings.TrimLeft(line, " ")
		if text == "" || text == "---" || text == "..." {
			continue
		}
		y.lines = append(y.lines, yamlLine{indent: len(line) - len(text), text: text})
	}
	if len(y.lines) == 0 {
		return nil
	}
	return y.node()
}

type yamlLine struct {
	indent int
	text   string
}

type yamlParser struct {
	lines []yamlLine
	p     int
}

// node reads the value that starts at the current line.
func (y *yamlParser) node() any {
	l := y.lines[y.p]
	if isSeqItem(l.text) {
		return y.seq(l.indent)
	}
	if _, _, ok := splitYAMLKey(l.text); ok {
		return y.mapping(l.indent)
	}
	y.p++
	return yamlScalar(l.text)
}

func isSeqItem(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

func (y *yamlParser) seq(indent int) []any {
	out := []any{}
	for y.p < len(y.lines) && y.lines[y.p].indent >= indent {
		l := y.lines[y.p]
		if l.indent > indent || !isSeqItem(l.text) {
			if l.indent == indent {
				break
			}
			y.p++ // stray deeper line: skip rather than loop
			continue
		}
		rest := strings.TrimLeft(l.text[1:], " ")
		if rest == "" {
			y.p++
			if y.p < len(y.lines) && y.lines[y.p].indent > indent {
				out = append(out, y.node())
			} else {
				out = append(out, nil)
			}
			continue
		}
		// "- key: v" opens a mapping whose keys line up with "key": read
		// the rest of the line as if it started there.
		y.lines[y.p] = yamlLine{indent: indent + len(l.text) - len(rest), text: rest}
		out = append(out, y.node())
	}
	return out
}

func (y *yamlParser) mapping(indent int) map[string]any {
	m := map[string]any{}
	for y.p < len(y.lines) && y.lines[y.p].indent >= indent {
		l := y.lines[y.p]
		if l.indent > indent {
			y.p++
			continue
		}
		key, val, ok := splitYAMLKey(l.text)
		if !ok {
			break
		}
		y.p++
		switch {
		case val == "":
			// The value is the block below: deeper, or a sequence at the
			// key's own indentation, which YAML allows.
			if y.p < len(y.lines) {
				if n := y.lines[y.p]; n.indent > indent || n.indent == indent && isSeqItem(n.text) {
					m[key] = y.node()
					continue
				}
			}
			m[key] = nil
		case val[0] == '|' || val[0] == '>':
			var parts []string
			for y.p < len(y.lines) && y.lines[y.p].indent > indent {
				parts = append(parts, y.lines[y.p].text)
				y.p++
			}
			sep := "\n"
			if val[0] == '>' {
				sep = " "
			}
			m[key] = strings.Join(parts, sep)
		default:
			m[key] = yamlScalar(val)
		}
	}
	return m
}

// splitYAMLKey splits "key: value" (or "key:") at the first colon outside
// quotes that ends the line or is followed by a blank.
func splitYAMLKey(s string) (key, val string, ok bool) {
	if s == "" || strings.ContainsRune("[{\"'", rune(s[0])) && !quotedKey(s) {
		return "", "", false
	}
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t'):
			k, _ := yamlScalar(strings.TrimSpace(s[:i])).(string)
			return k, strings.TrimSpace(s[i+1:]), true
		}
	}
	return "", "", false
}

// quotedKey reports whether s starts with a quoted string followed by a
// colon ("schema": x), as in JSON-style YAML.
func quotedKey(s string) bool {
	if s[0] != '"' && s[0] != '\'' {
		return false
	}
	end := strings.IndexByte(s[1:], s[0])
	return end >= 0 && strings.HasPrefix(strings.TrimLeft(s[end+2:], " "), ":")
}

func yamlScalar(s string) any {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "~" || s == "null":
		return nil
	case s[0] == '[' && s[len(s)-1] == ']':
		out := []any{}
		for _, item := range splitFlow(s[1 : len(s)-1]) {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, yamlScalar(item))
			}
		}
		return out
	case len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"':
		inner := s[1 : len(s)-1]
		r := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\t`, "\t")
		return r.Replace(inner)
	case len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'':
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// splitFlow splits the inside of a flow sequence at commas outside quotes
// and brackets.
func splitFlow(s string) []string {
	var out []string
	var q byte
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// stripYAMLComment removes a # comment: one at the start of the line or
// after a blank, outside quotes.
func stripYAMLComment(s string) string {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			// A quote opens a string only at the start of a scalar.
			if i == 0 || strings.ContainsRune(" \t[,:-", rune(s[i-1])) {
				q = c
			}
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}
