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
//     table's columns, STRING(MAX), INTERLEAVE IN PARENT (not STRING(n),
//     which CockroachDB writes too).
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
// cheap test that holds wherever re can match (it looks, among the words
// of the file found in one pass, for those the expression needs, in the
// order it needs them): most files fail it, and the expression, slow on a
// large file (tens of milliseconds on a 0.5 MB dump), then does not run
// at all.
var engineSyntax = sync.OnceValue(func() []struct {
	d   schema.Dialect
	re  *regexp.Regexp
	may func([]byte, *engineWords) bool
} {
	return []struct {
		d   schema.Dialect
		re  *regexp.Regexp
		may func([]byte, *engineWords) bool
	}{
		{schema.ClickHouse, regexp.MustCompile(`(?i)\bENGINE\s*=\s*(?:\w*MergeTree|Distributed|Kafka|TinyLog|StripeLog|Log|Buffer|Dictionary|MaterializedPostgreSQL)\b`), mayClickHouseEngine},
		{schema.ClickHouse, regexp.MustCompile(`(?i)\bTYPE\s+(?:minmax|set\s*\(\s*\d+\s*\)|bloom_filter|ngrambf_v1|tokenbf_v1|full_text|inverted)(?:\s*\([^)]*\))?\s+GRANULARITY\b`),
			func(_ []byte, w *engineWords) bool { return len(w[ewGranularity]) > 0 }},
		{schema.ClickHouse, regexp.MustCompile(`\bLowCardinality\s*\(|\bCODEC\s*\(\s*(?:ZSTD|LZ4|Delta|DoubleDelta|Gorilla|T64)`),
			func(src []byte, w *engineWords) bool {
				return spelt(src, w[ewLowCardinality], "LowCardinality") || spelt(src, w[ewCodec], "CODEC")
			}},
		// STRING(n) alone says nothing: CockroachDB writes it too (an
		// alias of VARCHAR(n)); Spanner's own tables end ") PRIMARY KEY (".
		{schema.Spanner, regexp.MustCompile(`(?i)\bINTERLEAVE\s+IN\s+PARENT\b|\bSTRING\s*\(\s*MAX\s*\)|\bBYTES\s*\(\s*MAX\s*\)`),
			func(src []byte, w *engineWords) bool {
				return len(w[ewInterleave]) > 0 || sizedAt(src, w[ewString], len("string")) || sizedAt(src, w[ewBytes], len("bytes"))
			}},
		{schema.Spanner, regexp.MustCompile(`(?i)\)\s*PRIMARY\s+KEY\s*\(`), mayParenPrimaryKey},
	}
})

// The words engineSyntax's cheap tests look for, lower case.
const (
	ewEngine = iota
	ewGranularity
	ewLowCardinality
	ewCodec
	ewInterleave
	ewString
	ewBytes
	ewPrimary
	engineWordCount
)

var engineWordList = [engineWordCount]string{"engine", "granularity", "lowcardinality", "codec", "interleave", "string", "bytes", "primary"}

// engineWords are the offsets where each of engineWordList stands as a
// whole word (ASCII letters, digits and _ around it end it, as \b does),
// in any case.
type engineWords [engineWordCount][]int

// scanEngineWords finds engineWordList's words in src, in one pass: a
// search per word made a 0.5 MB dump cost milliseconds, since the words'
// first letters are everywhere.
func scanEngineWords(src []byte) *engineWords {
	var w engineWords
	for i := 0; i < len(src); {
		if !isWordByte(src[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(src) && isWordByte(src[j]) {
			j++
		}
		if n := j - i; n >= 5 && n <= 14 {
			for k, word := range engineWordList {
				if len(word) == n && asciiFoldEqual(src[i:j], word) {
					w[k] = append(w[k], i)
					break
				}
			}
		}
		i = j
	}
	return &w
}

// asciiFoldEqual reports whether b, ASCII word bytes, spells lower, a lower
// case ASCII word, in any case.
func asciiFoldEqual(b []byte, lower string) bool {
	for i := range len(b) {
		if b[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// spelt reports whether one of the offsets holds word exactly as written.
func spelt(src []byte, offsets []int, word string) bool {
	for _, i := range offsets {
		if string(src[i:i+len(word)]) == word {
			return true
		}
	}
	return false
}

// isRegexpSpace is \s of package regexp.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// sizedAt reports whether a word n bytes long at one of the offsets is
// followed by "(" and then MAX (white space between allowed): STRING(MAX),
// BYTES(MAX).
func sizedAt(src []byte, offsets []int, n int) bool {
	for _, i := range offsets {
		k := i + n
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
		if k+3 <= len(src) && bytes.EqualFold(src[k:k+3], []byte("max")) {
			return true
		}
	}
	return false
}

// mayClickHouseEngine reports whether some ENGINE (any case) is followed by
// "=" and a word the ClickHouse engine expression accepts.
func mayClickHouseEngine(src []byte, w *engineWords) bool {
	for _, i := range w[ewEngine] {
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
func mayParenPrimaryKey(src []byte, w *engineWords) bool {
	for _, i := range w[ewPrimary] {
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
	words := scanEngineWords(src)
	for _, e := range engineSyntax() {
		if !e.may(src, words) {
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
//
// known, when not nil, returns what FileDialect says of step i when that is
// already known (a cache of the steps' texts as read).
func engineSteps(h *migrate.History, d schema.Dialect, from string, override schema.Dialect, known func(int) (schema.Dialect, string, bool)) enginePlan {
	var plan enginePlan
	why := map[int]string{}
	common := false
	var named []engineChoice
	for i := range h.Steps {
		s := &h.Steps[i]
		if s.Variant == schema.DialectUnknown {
			fd, fwhy, ok := schema.DialectUnknown, "", false
			if known != nil {
				fd, fwhy, ok = known(i)
			}
			if !ok {
				fd, fwhy = FileDialect(s.Path, s.Src(), false)
			}
			if fd != schema.DialectUnknown {
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
