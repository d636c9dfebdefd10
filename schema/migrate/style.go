package migrate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// recentSteps is how many of a history's last steps its style is learned
// from: conventions drift, and a new step should look like the latest ones.
const recentSteps = 8

// A Style is how the recent steps of a history are written, beyond what
// its Convention fixes, so that a new step a fix adds follows them.
type Style struct {
	// SQL is how statements are spelt (a template schema qualifier, a
	// search_path statement, keyword case).
	SQL sqlddl.Spelling
	// GooseBlocks: the goose steps wrap their sections in
	// -- +goose StatementBegin / StatementEnd.
	GooseBlocks bool
	// Ext is the engine a golang-migrate name carries before .sql:
	// "mysql" for 001_files.up.mysql.sql.
	Ext string
	// Notes is the YAML file every step folder holds beside up.sql with the
	// step's name (formance ledger's notes.yaml, which its migrator
	// requires); empty when the folders hold none.
	Notes string

	dialect schema.Dialect
	set     bool
}

// StyleFor learns the Style of h's last steps that run on dialect d (all
// steps that are not another engine's variant when d is DialectUnknown).
func (h *History) StyleFor(d schema.Dialect) Style {
	h.Load()
	st := Style{dialect: d, set: true}
	var recent []*Step
	for i := len(h.Steps) - 1; i >= 0 && len(recent) < recentSteps; i-- {
		if s := &h.Steps[i]; s.AppliesTo(d) && s.err == nil && !s.planned {
			recent = append(recent, s)
		}
	}
	if len(recent) == 0 {
		return st
	}
	st.SQL = spellingOf(recent)
	if h.Convention == Goose {
		blocks := 0
		for _, s := range recent {
			if containsFoldBytes(s.src, []byte("-- +goose statementbegin")) {
				blocks++
			}
		}
		st.GooseBlocks = 2*blocks > len(recent)
	}
	if h.Convention == GolangMigrate {
		st.Ext = engineExt(filepath.Base(recent[0].Path))
	}
	if h.Convention == DirPerMigration {
		st.Notes = notesFile(recent)
	}
	return st
}

// engineExt returns the engine extension of a golang-migrate name:
// "mysql" for 001_x.up.mysql.sql, "" for 001_x.up.sql.
func engineExt(base string) string {
	stem, dir := upDownName(base)
	if dir == "" {
		return ""
	}
	ext := base[len(stem)+1+len(dir):] // ".mysql.sql" or ".sql"
	ext = ext[:len(ext)-len(".sql")]
	return strings.TrimPrefix(ext, ".")
}

// notesFile returns the name of a YAML file with a name: line that every
// one of the recent step folders holds.
func notesFile(recent []*Step) string {
	for _, name := range []string{"notes.yaml", "notes.yml"} {
		all := true
		for _, s := range recent {
			b, err := os.ReadFile(filepath.Join(filepath.Dir(s.Path), name))
			if err != nil || !bytes.HasPrefix(bytes.TrimSpace(b), []byte("name:")) {
				all = false
				break
			}
		}
		if all {
			return name
		}
	}
	return ""
}

var (
	templateQualifier = lazyRegexp(`("?(?:\{\{[^{}\n]*\}\}|%s)"?)[ \t]*\.[ \t]*["A-Za-z_]`)
	// tableRef finds the table a DDL or DML statement names, qualified or
	// not: ALTER TABLE [IF EXISTS] [ONLY] x, CREATE TABLE [IF NOT EXISTS] x,
	// INSERT INTO x, UPDATE x, CREATE [UNIQUE] INDEX … ON x.
	tableRef   = lazyRegexp(`(?i)\b(?:alter\s+table(?:\s+if\s+exists)?(?:\s+only)?|create\s+table(?:\s+if\s+not\s+exists)?|insert\s+into|update|index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?\S+\s+on(?:\s+only)?)\s+("[^"\n]+"|[A-Za-z_][\w$]*)(\s*\.\s*(?:"[^"\n]+"|[A-Za-z_][\w$]*))?`)
	searchPath = lazyRegexp(`(?im)^[ \t]*set[ \t]+(?:local[ \t]+)?search_path[ \t]*(?:=|to)[ \t]*[^;\n]+;?`)
	keywordRe  = lazyRegexp(`\b(?:create|alter|table|index|update|insert|into|values|not|null|add|column|drop|set|where|CREATE|ALTER|TABLE|INDEX|UPDATE|INSERT|INTO|VALUES|NOT|NULL|ADD|COLUMN|DROP|SET|WHERE)\b`)
)

// spellingOf learns how steps (the newest first) write SQL.
func spellingOf(recent []*Step) sqlddl.Spelling {
	var sp sqlddl.Spelling
	qualifiers := map[string]int{}
	plainRefs := 0
	lower, upper := 0, 0
	paths := map[string]int{}
	firstPath := map[string]int{}
	for i, s := range recent {
		ss := s.spelling()
		for q, c := range ss.qualifiers {
			qualifiers[q] += c
		}
		plainRefs += ss.plainRefs
		for _, p := range ss.paths {
			paths[p]++
			if _, ok := firstPath[p]; !ok {
				firstPath[p] = i
			}
		}
		lower += ss.lower
		upper += ss.upper
	}
	best, n := "", 0
	for q, c := range qualifiers {
		if c > n || c == n && q < best {
			best, n = q, c
		}
	}
	// A template qualifier is always the history's word; a plain schema
	// name only when most references carry it.
	if isTemplateText([]byte(best)) || n > plainRefs {
		sp.Qualifier = best
	}
	for p, c := range paths {
		if 2*c >= len(recent) && (sp.Prelude == "" || firstPath[p] < firstPath[sp.Prelude]) {
			sp.Prelude = p
		}
	}
	if sp.Prelude != "" && !strings.HasSuffix(sp.Prelude, ";") {
		sp.Prelude += ";"
	}
	sp.Lower = lower > upper
	return sp
}

// A stepSpelling is what one step says of how the history writes SQL:
// spellingOf adds those of the recent steps up.
type stepSpelling struct {
	qualifiers   map[string]int // schema qualifiers, a template's counted twice
	plainRefs    int            // table references without one
	paths        []string       // the search_path statements, each once, in order
	lower, upper int            // keywords in lower and upper case
}

// stepSpellingOnce holds a step's spelling once learned: the language
// server learns a history's style on each keystroke, and only the step
// being edited has a new text.
type stepSpellingOnce struct {
	once sync.Once
	sp   stepSpelling
}

// spelling returns what s says of the history's spelling.
func (s *Step) spelling() *stepSpelling {
	if s.spell == nil {
		sp := spellingOfStep(s.src)
		return &sp
	}
	s.spell.once.Do(func() { s.spell.sp = spellingOfStep(s.src) })
	return &s.spell.sp
}

func spellingOfStep(text []byte) stepSpelling {
	sp := stepSpelling{qualifiers: map[string]int{}}
	src := stripLineComments(text)
	for _, m := range templateQualifier().FindAllSubmatch(src, -1) {
		sp.qualifiers[string(m[1])] += 2 // a template says more than a name
	}
	for _, m := range tableRef().FindAllSubmatch(src, -1) {
		switch {
		case len(m[2]) == 0:
			sp.plainRefs++
		case !isTemplateText(m[1]):
			sp.qualifiers[string(m[1])]++
		}
	}
	seen := map[string]bool{}
	for _, m := range searchPath().FindAll(src, -1) {
		p := strings.TrimSpace(string(m))
		if !seen[p] {
			seen[p] = true
			sp.paths = append(sp.paths, p)
		}
	}
	for _, m := range keywordRe().FindAll(src, -1) {
		if m[0] >= 'a' {
			sp.lower++
		} else {
			sp.upper++
		}
	}
	return sp
}

// isTemplateText reports whether a name is a placeholder filled in before
// the SQL runs: Go's text/template {{.Schema}}, fmt's %s.
func isTemplateText(b []byte) bool {
	return bytes.Contains(b, []byte("{{")) || bytes.Contains(b, []byte("%s"))
}

// stripLineComments blanks -- comments, so commented-out SQL says nothing.
func stripLineComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("--")) {
		return src
	}
	out := bytes.Clone(src)
	for i := 0; i+1 < len(out); i++ {
		switch out[i] {
		case '\'':
			for i++; i < len(out) && out[i] != '\''; i++ {
			}
		case '-':
			if out[i+1] == '-' {
				for ; i < len(out) && out[i] != '\n'; i++ {
					out[i] = ' '
				}
			}
		}
	}
	return out
}

func containsFoldBytes(b, lowerNeedle []byte) bool {
	return bytes.Contains(bytes.ToLower(b), lowerNeedle)
}
