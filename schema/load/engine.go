package load

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
)

// FileDialect is DetectDialect's per-file step: the engine one file of a
// schema names for itself, and how it says so. A folder may mix engines
// file by file (x.up.mysql.sql beside x.up.spanner.sql, a ClickHouse
// baseline beside PostgreSQL migrations), so each file's own word is read
// before the schema's dialect applies to it:
//
//   - a name whose last dotted part before .sql is an engine
//     (001_files.up.mysql.sql, events.clickhouse.sql, x.sqlite.up.sql);
//   - in a folder of declarative files, a name that starts or ends with
//     an engine (postgres_baseline.sql, events_clickhouse.sql);
//   - syntax only an engine idemlint does not model writes: ClickHouse's
//     ENGINE = MergeTree, INDEX … TYPE bloom_filter GRANULARITY 1,
//     LowCardinality(…), CODEC(…); Spanner's ) PRIMARY KEY (…) after a
//     table's columns, STRING(MAX), INTERLEAVE IN PARENT.
//
// A modelled engine is never guessed from syntax here (ENGINE=InnoDB says
// MySQL, but the schema-wide sniff already weighs that); a wrong guess would
// take a step out of its history. DialectUnknown means the file says
// nothing and the schema's dialect applies.
func FileDialect(path string, src []byte, declarative bool) (schema.Dialect, string) {
	if d := dottedEngine(filepath.Base(path)); d != schema.DialectUnknown {
		return d, "file name"
	}
	if d := wordEngine(filepath.Base(path)); d != schema.DialectUnknown && (declarative || !d.Modelled()) {
		return d, "file name"
	}
	if d, why := unmodelledSyntax(src); d != schema.DialectUnknown {
		return d, why
	}
	return schema.DialectUnknown, ""
}

// dottedEngine reads x.up.mysql.sql, x.mysql.sql and x.mysql.up.sql.
func dottedEngine(base string) schema.Dialect {
	lower := strings.ToLower(base)
	if !strings.HasSuffix(lower, ".sql") {
		return schema.DialectUnknown
	}
	parts := strings.Split(strings.TrimSuffix(lower, ".sql"), ".")
	for i := len(parts) - 1; i >= 1 && i >= len(parts)-2; i-- {
		if d, ok := schema.ParseDialect(parts[i]); ok {
			return d
		}
	}
	return schema.DialectUnknown
}

// wordEngine reads an engine as the first or last word of a file name:
// clickhouse_baseline_20260819.sql, 28_drop_constraint_cockroach.sql. A
// word in the middle (migrate_from_mysql_data.sql) names no engine.
func wordEngine(base string) schema.Dialect {
	stem := strings.ToLower(strings.TrimSuffix(base, filepath.Ext(base)))
	words := strings.FieldsFunc(stem, func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	for len(words) > 0 && leadingVersion(words[0]) {
		words = words[1:]
	}
	for len(words) > 0 && (words[len(words)-1] == "up" || words[len(words)-1] == "down") {
		words = words[:len(words)-1]
	}
	if len(words) < 2 {
		return schema.DialectUnknown // schema.sql, or a name that is only an engine word's folder
	}
	for _, w := range []string{words[0], words[len(words)-1]} {
		if d, ok := schema.ParseDialect(w); ok && w != "pg" && w != "psql" {
			return d
		}
	}
	return schema.DialectUnknown
}

func leadingVersion(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return w[0] == 'v' || w[0] == 'V' // Flyway's V1
		}
	}
	return true
}

// engineSyntax are constructs only one unmodelled engine writes. may is a
// cheap test that holds wherever re can match (it looks for the words the
// expression needs, in the order it needs them): most files fail it, and
// the expression, slow on a large file (tens of milliseconds on a 0.5 MB
// dump), then does not run at all.
var engineSyntax = sync.OnceValue(func() []struct {
	d   schema.Dialect
	re  *regexp.Regexp
	may func([]byte) bool
} {
	return []struct {
		d   schema.Dialect
		re  *regexp.Regexp
		may func([]byte) bool
	}{
		{schema.ClickHouse, regexp.MustCompile(`(?i)\bENGINE\s*=\s*(?:\w*MergeTree|Distributed|Kafka|TinyLog|StripeLog|Log|Buffer|Dictionary|MaterializedPostgreSQL)\b`), mayClickHouseEngine},
		{schema.ClickHouse, regexp.MustCompile(`(?i)\bTYPE\s+(?:minmax|set\s*\(\s*\d+\s*\)|bloom_filter|ngrambf_v1|tokenbf_v1|full_text|inverted)(?:\s*\([^)]*\))?\s+GRANULARITY\b`),
			func(src []byte) bool { return foldIndex(src, "granularity", 0) >= 0 }},
		{schema.ClickHouse, regexp.MustCompile(`\bLowCardinality\s*\(|\bCODEC\s*\(\s*(?:ZSTD|LZ4|Delta|DoubleDelta|Gorilla|T64)`),
			func(src []byte) bool {
				return bytes.Contains(src, []byte("LowCardinality")) || bytes.Contains(src, []byte("CODEC"))
			}},
		{schema.Spanner, regexp.MustCompile(`(?i)\bINTERLEAVE\s+IN\s+PARENT\b|\bSTRING\s*\(\s*(?:MAX|\d+)\s*\)|\bBYTES\s*\(\s*MAX\s*\)`),
			func(src []byte) bool {
				return foldIndex(src, "interleave", 0) >= 0 || foldBeforeParen(src, "string", true) || foldBeforeParen(src, "bytes", false)
			}},
		{schema.Spanner, regexp.MustCompile(`(?i)\)\s*PRIMARY\s+KEY\s*\(`), mayParenPrimaryKey},
	}
})

// foldIndex returns the offset of the first occurrence of word (lower
// case ASCII) in src at or after from, ignoring ASCII case, or -1.
func foldIndex(src []byte, word string, from int) int {
	lo, up := word[0], word[0]-'a'+'A'
	nextLo, nextUp := -1, -1 // the next offsets of lo and up at or after i
	for i := from; i < len(src); {
		if nextLo < i {
			if nextLo = bytes.IndexByte(src[i:], lo); nextLo < 0 {
				nextLo = len(src)
			} else {
				nextLo += i
			}
		}
		if nextUp < i {
			if nextUp = bytes.IndexByte(src[i:], up); nextUp < 0 {
				nextUp = len(src)
			} else {
				nextUp += i
			}
		}
		j := min(nextLo, nextUp)
		if j+len(word) > len(src) {
			return -1
		}
		if bytes.EqualFold(src[j:j+len(word)], []byte(word)) {
			return j
		}
		i = j + 1
	}
	return -1
}

// isRegexpSpace is \s of package regexp.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// foldBeforeParen reports whether word (any case), starting a word, is
// followed by "(" and then MAX or, when digits is set, a digit (white
// space between allowed), somewhere in src: STRING(MAX), STRING(64),
// BYTES(MAX).
func foldBeforeParen(src []byte, word string, digits bool) bool {
	for i := foldIndex(src, word, 0); i >= 0; i = foldIndex(src, word, i+1) {
		if i > 0 && isWordByte(src[i-1]) {
			continue
		}
		k := i + len(word)
		for k < len(src) && isRegexpSpace(src[k]) {
			k++
		}
		if k >= len(src) || src[k] != '(' {
			continue
		}
		k++
		for k < len(src) && isRegexpSpace(src[k]) {
			k++
		}
		if k+3 <= len(src) && bytes.EqualFold(src[k:k+3], []byte("max")) || digits && k < len(src) && src[k] >= '0' && src[k] <= '9' {
			return true
		}
	}
	return false
}

// mayClickHouseEngine reports whether some ENGINE (any case) is followed by
// "=" and a word the ClickHouse engine expression accepts.
func mayClickHouseEngine(src []byte) bool {
	for i := foldIndex(src, "engine", 0); i >= 0; i = foldIndex(src, "engine", i+1) {
		k := i + len("engine")
		for k < len(src) && isRegexpSpace(src[k]) {
			k++
		}
		if k >= len(src) || src[k] != '=' {
			continue
		}
		k++
		for k < len(src) && isRegexpSpace(src[k]) {
			k++
		}
		w := k
		for w < len(src) && isWordByte(src[w]) {
			w++
		}
		word := strings.ToLower(string(src[k:w]))
		switch {
		case strings.HasSuffix(word, "mergetree"), word == "distributed", word == "kafka", word == "tinylog", word == "stripelog",
			word == "log", word == "buffer", word == "dictionary", word == "materializedpostgresql":
			return true
		}
	}
	return false
}

// mayParenPrimaryKey reports whether some PRIMARY (any case) has ")" before
// it, white space between allowed.
func mayParenPrimaryKey(src []byte) bool {
	for i := foldIndex(src, "primary", 0); i >= 0; i = foldIndex(src, "primary", i+1) {
		k := i
		for k > 0 && isRegexpSpace(src[k-1]) {
			k--
		}
		if k > 0 && src[k-1] == ')' {
			return true
		}
	}
	return false
}

// unmodelledSyntax finds, outside line comments, a construct of an engine
// idemlint does not model, and says where.
func unmodelledSyntax(src []byte) (schema.Dialect, string) {
	if !mayHoldEngineSyntax(src) {
		return schema.DialectUnknown, ""
	}
	for _, e := range engineSyntax() {
		if !e.may(src) {
			continue // re cannot match
		}
		for _, loc := range e.re.FindAllIndex(src, 4) {
			if inLineComment(src, loc[0]) {
				continue
			}
			line := 1 + bytes.Count(src[:loc[0]], []byte("\n"))
			text := strings.Join(strings.Fields(string(src[loc[0]:loc[1]])), " ")
			return e.d, fmt.Sprintf("%q at line %d", text, line)
		}
	}
	return schema.DialectUnknown, ""
}

// mayHoldEngineSyntax is a cheap test that lets files without any of the
// words engineSyntax looks for skip the regular expressions.
func mayHoldEngineSyntax(src []byte) bool {
	for _, w := range [][]byte{[]byte("ENGINE"), []byte("engine"), []byte("Engine"), []byte("GRANULARITY"), []byte("granularity"),
		[]byte("LowCardinality"), []byte("CODEC"), []byte("INTERLEAVE"), []byte("interleave"), []byte("STRING("), []byte("STRING ("),
		[]byte("BYTES(MAX"), []byte("PRIMARY KEY ("), []byte("PRIMARY KEY("), []byte("primary key ("), []byte("primary key(")} {
		if bytes.Contains(src, w) {
			return true
		}
	}
	return false
}

// inLineComment reports whether the line holding off has "--" before it.
func inLineComment(src []byte, off int) bool {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.Contains(src[start:off], []byte("--"))
}

// An enginePlan says which engines a migration history is replayed as,
// and which of its files are left out, with a note each.
type enginePlan struct {
	replay []engineChoice
	notes  []schema.Note
}

type engineChoice struct {
	d    schema.Dialect
	from string
}

// engineSteps applies the per-file step of DetectDialect to a history
// whose dialect was decided as d (from): each step that names its own
// engine becomes a variant for that engine (migrate.Step.Variant), and the
// history is replayed once per engine, never mixing two:
//
//   - steps that name no engine are common to every replay; with such
//     steps the history is one schema of dialect d (or, when nothing but
//     the default decided d, of the one modelled engine the named steps
//     agree on), and steps for other engines are noted, not replayed;
//   - when every step names its engine (achgateway's .up.mysql.sql beside
//     .up.spanner.sql), each modelled engine is its own history;
//   - a step of an engine idemlint does not model is noted, never read,
//     and so is a whole history decided as one (a clickhouse/ folder).
func engineSteps(h *migrate.History, d schema.Dialect, from string, override schema.Dialect) enginePlan {
	var plan enginePlan
	why := map[int]string{}
	common := false
	var named []engineChoice
	for i := range h.Steps {
		s := &h.Steps[i]
		if s.Variant == schema.DialectUnknown {
			if fd, fwhy := FileDialect(s.Path, s.Src(), false); fd != schema.DialectUnknown {
				s.Variant = fd
				why[i] = fwhy
			}
		}
		if s.Variant == schema.DialectUnknown {
			common = true
			continue
		}
		if s.Variant.Modelled() && !hasEngine(named, s.Variant) {
			named = append(named, engineChoice{s.Variant, "file name " + filepath.Base(s.Path)})
		}
	}
	switch {
	case common && d.Modelled():
		if strings.HasPrefix(from, "default") && len(named) == 1 {
			d, from = named[0].d, named[0].from
		}
		plan.replay = []engineChoice{{d, from}}
	case common:
		// The whole history is of an engine idemlint does not model.
	case hasEngine(named, override):
		plan.replay = []engineChoice{{override, "-dialect flag"}}
	default:
		plan.replay = named
	}
	for i := range h.Steps {
		s := &h.Steps[i]
		if replayed(plan.replay, s) {
			continue
		}
		e := s.Variant
		if e == schema.DialectUnknown {
			plan.notes = append(plan.notes, unmodelledNote(s.Path, d, from))
			continue
		}
		if !e.Modelled() {
			plan.notes = append(plan.notes, unmodelledNote(s.Path, e, cmpOr(why[i], "file name")))
			continue
		}
		plan.notes = append(plan.notes, schema.Note{Path: s.Path, Message: fmt.Sprintf(
			"not read: a step written for %s, in a history read as %s (%s)", e.Title(), plan.replay[0].d.Title(), plan.replay[0].from)})
	}
	return plan
}

func hasEngine(list []engineChoice, d schema.Dialect) bool {
	for _, e := range list {
		if e.d == d {
			return true
		}
	}
	return false
}

func replayed(list []engineChoice, s *migrate.Step) bool {
	for _, e := range list {
		if s.AppliesTo(e.d) {
			return true
		}
	}
	return false
}

// unmodelledNote says a file is left unread because idemlint does not
// model its engine.
func unmodelledNote(path string, d schema.Dialect, from string) schema.Note {
	return schema.Note{Path: path, Message: fmt.Sprintf("not read: written for %s (%s), an engine idemlint does not model", d.Title(), from)}
}
