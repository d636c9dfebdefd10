package sqlddl

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// Parse reads one declarative SQL file (a schema dump or a schema.sql that
// is applied whole) into a new model. Its columns can be fixed in place.
func Parse(path string, src []byte, d schema.Dialect) *schema.Model {
	m := &schema.Model{Dialect: d}
	f := schema.NewFile(path, src)
	f.Syntax = &Syntax{Declarative: true}
	Apply(m, f)
	return m
}

// Apply replays the statements of f, in order, into m, using m.Dialect.
// Migration replay calls it once per file. When f has no Syntax it gets a
// non-declarative one: columns that a migration defined are fixed by a new
// migration, never by editing the old one. Set f.Syntax to
// &Syntax{Declarative: true} first to read one more declarative file.
func Apply(m *schema.Model, f *schema.File) {
	if f.Syntax == nil {
		f.Syntax = &Syntax{}
	}
	syn, _ := f.Syntax.(*Syntax)
	if syn != nil {
		syn.init(f, m.Dialect)
	}
	known := false
	for _, g := range m.Files {
		known = known || g == f
	}
	if !known {
		m.Files = append(m.Files, f)
	}
	r := newReader(m, f, syn)
	r.run()
	f.Comments = r.lx.Comments
	m.Errors = append(m.Errors, r.lx.Errors...)
	m.Errors = append(m.Errors, r.errs...)
}

type reader struct {
	m                    *schema.Model
	f                    *schema.File
	src                  []byte
	syn                  *Syntax
	lx                   *Lexer
	fold                 bool // PostgreSQL and CockroachDB fold unquoted names to lower case
	mysql, sqlite, mssql bool

	toks     []Token // the current statement, reused between statements
	i        int     // cursor in toks
	lim      int     // tokens at or after lim read as EOF
	stmtEnd  int
	errs     []*schema.ParseError
	byName   map[string][]*schema.Table // tables by tableKey, built on first use
	inCreate bool                       // reading CREATE TABLE: its constraints are part of the definitions
}

func newReader(m *schema.Model, f *schema.File, syn *Syntax) *reader {
	r := &reader{m: m, f: f, src: f.Src, syn: syn, lx: NewLexer(f, m.Dialect)}
	switch m.Dialect {
	case schema.MySQL, schema.MariaDB:
		r.mysql = true
	case schema.SQLite:
		r.sqlite = true
	case schema.SQLServer:
		r.mssql = true
	default:
		r.fold = true
	}
	return r
}

func (r *reader) run() {
	for {
		r.toks = r.toks[:0]
		var t Token
		for {
			t = r.lx.Next()
			if t.Kind == Semi || t.Kind == EOF {
				break
			}
			r.toks = append(r.toks, t)
		}
		if len(r.toks) > 0 {
			r.statement()
		}
		if t.Kind == EOF {
			return
		}
	}
}

// bail aborts the statement being read; statement recovers it into a
// ParseError so the next statement is read normally.
type bail struct {
	off int
	msg string
}

func (r *reader) failf(format string, args ...any) {
	panic(bail{r.cur().Start, fmt.Sprintf(format, args...)})
}

func (r *reader) statement() {
	r.i, r.lim = 0, len(r.toks)
	r.stmtEnd = r.toks[len(r.toks)-1].End
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(bail)
			if !ok {
				panic(e)
			}
			r.errs = append(r.errs, r.f.Errorf(b.off, "%s", b.msg))
		}
	}()
	switch {
	case r.kw("CREATE"):
		r.i++
		r.accept("OR", "REPLACE")
		for r.kwAny("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED") {
			r.i++
		}
		switch {
		case r.kw("TABLE"):
			r.i++
			r.createTable()
		case r.kw("UNIQUE"):
			r.i++
			r.createIndex(true)
		case r.kwAny("INDEX", "CLUSTERED", "NONCLUSTERED"):
			r.createIndex(false)
		}
	case r.kw("ALTER"):
		r.i++
		if r.kw("TABLE") {
			r.i++
			r.alterTable()
		} else if r.kw("INDEX") {
			r.i++
			r.alterIndex()
		}
	case r.kw("DROP"):
		r.i++
		if r.kw("TABLE") {
			r.i++
			r.dropTable()
		} else if r.kw("INDEX") {
			r.i++
			r.dropIndex()
		}
	case r.kw("RENAME") && r.mysql:
		r.i++
		if r.kw("TABLE") {
			r.i++
			r.renameTables()
		}
	}
}

// ---- token helpers ----

func (r *reader) tok(i int) Token {
	if i < r.lim && i >= 0 {
		return r.toks[i]
	}
	e := r.stmtEnd
	if r.lim < len(r.toks) && r.lim >= 0 {
		e = r.toks[r.lim].Start
	}
	return Token{EOF, e, e}
}

func (r *reader) cur() Token          { return r.tok(r.i) }
func (r *reader) atEnd() bool         { return r.i >= r.lim }
func (r *reader) text(t Token) string { return string(r.src[t.Start:t.End]) }

func (r *reader) kwAt(i int, kw string) bool {
	t := r.tok(i)
	return t.Kind == Ident && eqFold(r.src[t.Start:t.End], kw)
}

func (r *reader) kw(kw string) bool { return r.kwAt(r.i, kw) }

func (r *reader) kwAny(kws ...string) bool {
	for _, k := range kws {
		if r.kw(k) {
			return true
		}
	}
	return false
}

// accept consumes the keyword sequence kws if it comes next.
func (r *reader) accept(kws ...string) bool {
	for j, k := range kws {
		if !r.kwAt(r.i+j, k) {
			return false
		}
	}
	r.i += len(kws)
	return true
}

func (r *reader) expect(kws ...string) {
	if !r.accept(kws...) {
		r.failf("expected %s, found %q", strings.Join(kws, " "), r.text(r.cur()))
	}
}

func isNameKind(k TokenKind) bool { return k == Ident || k == QuotedIdent || k == Template }

// matching returns the index of the RParen closing the LParen at i, or lim.
func (r *reader) matching(i int) int {
	depth := 0
	for j := i; j < r.lim; j++ {
		switch r.toks[j].Kind {
		case LParen:
			depth++
		case RParen:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return r.lim
}

// skipGroup skips a parenthesised group if one comes next.
func (r *reader) skipGroup() {
	if r.cur().Kind == LParen {
		r.i = r.matching(r.i) + 1
	}
}

// split returns the [start, end) token ranges of the comma-separated items
// in [from, to), ignoring commas inside parentheses.
func (r *reader) split(from, to int) [][2]int {
	var out [][2]int
	depth, start := 0, from
	for j := from; j < to; j++ {
		switch r.toks[j].Kind {
		case LParen:
			depth++
		case RParen:
			depth--
		case Comma:
			if depth == 0 {
				out = append(out, [2]int{start, j})
				start = j + 1
			}
		}
	}
	if start < to {
		out = append(out, [2]int{start, to})
	}
	return out
}

// ---- names ----

type qname struct {
	ns, name   string
	start, end int
}

// ident returns the name a single token spells: unquoted names folded per
// dialect, quoted ones unescaped, templates as written.
func (r *reader) ident(t Token) string {
	b := r.src[t.Start:t.End]
	switch t.Kind {
	case QuotedIdent:
		if len(b) >= 2 && (b[0] == 'U' || b[0] == 'u') && b[1] == '&' {
			b = b[2:]
		}
		if len(b) < 2 {
			return string(b)
		}
		q := b[len(b)-1]
		inner := string(b[1 : len(b)-1])
		if strings.IndexByte(inner, q) >= 0 {
			inner = strings.ReplaceAll(inner, string([]byte{q, q}), string(q))
		}
		return inner
	case Ident:
		if r.fold {
			for _, c := range b {
				if 'A' <= c && c <= 'Z' {
					return strings.ToLower(string(b))
				}
			}
		}
	}
	return string(b)
}

// namePart reads one part of a name: adjacent name tokens such as
// {{.Prefix}}logs form one part.
func (r *reader) namePart() (string, bool) {
	t := r.cur()
	if !isNameKind(t.Kind) {
		return "", false
	}
	j := r.i + 1
	for isNameKind(r.tok(j).Kind) && r.tok(j).Start == r.tok(j-1).End {
		j++
	}
	if j == r.i+1 {
		r.i++
		return r.ident(t), true
	}
	s := string(r.src[t.Start:r.tok(j-1).End])
	r.i = j
	return s, true
}

// qualName reads a possibly schema-qualified name.
func (r *reader) qualName() qname {
	start := r.cur().Start
	var parts []string
	for {
		p, ok := r.namePart()
		if !ok {
			r.failf("expected a name, found %q", r.text(r.cur()))
		}
		parts = append(parts, p)
		if r.cur().Kind == Dot && isNameKind(r.tok(r.i+1).Kind) {
			r.i++
			continue
		}
		break
	}
	q := qname{name: parts[len(parts)-1], start: start, end: r.tok(r.i - 1).End}
	if len(parts) > 1 {
		q.ns = parts[len(parts)-2]
	}
	return q
}

func (r *reader) eqName(a, b string) bool {
	if r.fold {
		return a == b
	}
	return strings.EqualFold(a, b)
}

func isTemplate(s string) bool { return strings.Contains(s, "{{") || s == "%s" }

func (r *reader) nsMatch(a, b string) bool {
	return a == "" || b == "" || isTemplate(a) || isTemplate(b) || r.eqName(a, b)
}

// tableKey is the lookup key of a table name under the dialect's rules.
func (r *reader) tableKey(name string) string {
	if r.fold {
		return name
	}
	return strings.ToLower(name)
}

// findTable finds a table by name; a missing namespace (or a template one)
// matches any, as a search_path would.
func (r *reader) findTable(q qname) *schema.Table {
	if r.byName == nil {
		r.byName = make(map[string][]*schema.Table, len(r.m.Tables))
		for _, t := range r.m.Tables {
			k := r.tableKey(t.Name)
			r.byName[k] = append(r.byName[k], t)
		}
	}
	for _, t := range r.byName[r.tableKey(q.name)] {
		if r.nsMatch(t.Namespace, q.ns) {
			return t
		}
	}
	return nil
}

func (r *reader) findColumn(t *schema.Table, name string) *schema.Column {
	for _, c := range t.Columns {
		if r.eqName(c.Name, name) {
			return c
		}
	}
	return nil
}

func (r *reader) addTable(t *schema.Table) {
	r.findTable(qname{}) // builds the index
	r.m.Tables = append(r.m.Tables, t)
	k := r.tableKey(t.Name)
	r.byName[k] = append(r.byName[k], t)
}

func without(ts []*schema.Table, t *schema.Table) []*schema.Table {
	out := ts[:0]
	for _, u := range ts {
		if u != t {
			out = append(out, u)
		}
	}
	return out
}

func (r *reader) removeTable(t *schema.Table) {
	r.findTable(qname{})
	r.m.Tables = without(r.m.Tables, t)
	k := r.tableKey(t.Name)
	r.byName[k] = without(r.byName[k], t)
}

func (r *reader) renameTable(t *schema.Table, name string) {
	r.findTable(qname{})
	k := r.tableKey(t.Name)
	r.byName[k] = without(r.byName[k], t)
	t.Name = name
	k = r.tableKey(name)
	r.byName[k] = append(r.byName[k], t)
}

func (r *reader) span(start, end int) schema.Span { return r.f.Span(start, end) }

func (r *reader) stmtSpan() schema.Span { return r.span(r.toks[0].Start, r.stmtEnd) }
