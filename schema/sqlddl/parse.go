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
	m   *schema.Model
	f   *schema.File
	src []byte
	// s is src as a string, converted once per file: names, types and
	// expressions are substrings of it rather than allocations of their own.
	s                    string
	syn                  *Syntax
	lx                   *Lexer
	fold                 bool // PostgreSQL and CockroachDB fold unquoted names to lower case
	mysql, sqlite, mssql bool

	toks     []Token   // the current statement, reused between statements
	kws      []keyword // the keyword each of toks spells, or unknownKeyword until asked
	i        int       // cursor in toks
	lim      int       // tokens at or after lim read as EOF
	stmtEnd  int
	errs     []*schema.ParseError
	byName   map[string][]*schema.Table // tables by tableKey, built on first use
	inCreate bool                       // reading CREATE TABLE: its constraints are part of the definitions

	// Model objects are allocated in chunks (see arena).
	cols    arena[column]
	uniques arena[schema.Unique]
	defs    arena[schema.Default]
	parts   arena[schema.IndexPart]
	refs    arena[string]
	tables  arena[schema.Table]
	// Slices of Table.Columns, Table.Uniques and byName entries.
	colPtrs    arena[*schema.Column]
	uniquePtrs arena[*schema.Unique]
	tablePtrs  arena[*schema.Table]
	names      stringArena // generated constraint names
}

func newReader(m *schema.Model, f *schema.File, syn *Syntax) *reader {
	r := &reader{m: m, f: f, src: f.Src, s: string(f.Src), syn: syn, lx: NewLexer(f, m.Dialect)}
	r.lx.str = r.s
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
		t := r.lx.Next()
		if t.Kind == EOF {
			return
		}
		if t.Kind == Semi {
			continue
		}
		if !r.isDDLStart(t) {
			// Nothing statement reads (INSERT, COPY, SET, GRANT, ...): skip it
			// at lexing speed, without collecting its tokens.
			for t.Kind != Semi && t.Kind != EOF {
				t = r.lx.Next()
			}
		} else {
			r.toks, r.kws = r.toks[:0], r.kws[:0]
			for t.Kind != Semi && t.Kind != EOF {
				r.toks = append(r.toks, t)
				r.kws = append(r.kws, unknownKeyword)
				t = r.lx.Next()
			}
			r.statement()
		}
		if t.Kind == EOF {
			return
		}
	}
}

// isDDLStart reports whether a statement starting with t is one that
// statement may read.
func (r *reader) isDDLStart(t Token) bool {
	if t.Kind != Ident {
		return false
	}
	b := r.src[t.Start:t.End]
	return eqFold(b, "CREATE") || eqFold(b, "ALTER") || eqFold(b, "DROP") || r.mysql && eqFold(b, "RENAME")
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
	case r.kw(kwCreate):
		r.i++
		r.accept(kwOr, kwReplace)
		for r.kwAny(kwGlobal, kwLocal, kwTemp, kwTemporary, kwUnlogged) {
			r.i++
		}
		switch {
		case r.kw(kwTable):
			r.i++
			r.createTable()
		case r.kw(kwUnique):
			r.i++
			r.createIndex(true)
		case r.kwAny(kwIndex, kwClustered, kwNonclustered):
			r.createIndex(false)
		}
	case r.kw(kwAlter):
		r.i++
		if r.kw(kwTable) {
			r.i++
			r.alterTable()
		} else if r.kw(kwIndex) {
			r.i++
			r.alterIndex()
		}
	case r.kw(kwDrop):
		r.i++
		if r.kw(kwTable) {
			r.i++
			r.dropTable()
		} else if r.kw(kwIndex) {
			r.i++
			r.dropIndex()
		}
	case r.kw(kwRename) && r.mysql:
		r.i++
		if r.kw(kwTable) {
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
func (r *reader) text(t Token) string { return r.s[t.Start:t.End] }

// keywordAt returns the keyword token i spells; tokens at or after r.lim
// read as EOF, which is none. Tokens are classified when first asked about:
// many never are (names, index parts, skipped groups).
func (r *reader) keywordAt(i int) keyword {
	if uint(i) < uint(r.lim) && r.kws[i] != unknownKeyword { // uint: also i < 0
		return r.kws[i]
	}
	return r.classify(i)
}

func (r *reader) classify(i int) keyword {
	if i < 0 || i >= r.lim {
		return notKeyword
	}
	k := notKeyword
	if t := r.toks[i]; t.Kind == Ident {
		k = lookupKeyword(r.src[t.Start:t.End])
	}
	r.kws[i] = k
	return k
}

func (r *reader) kwAt(i int, k keyword) bool { return r.keywordAt(i) == k }

func (r *reader) kw(k keyword) bool { return r.keywordAt(r.i) == k }

func (r *reader) kwAny(kws ...keyword) bool {
	for _, k := range kws {
		if r.kw(k) {
			return true
		}
	}
	return false
}

// accept consumes the keyword sequence kws if it comes next.
func (r *reader) accept(kws ...keyword) bool {
	for j, k := range kws {
		if !r.kwAt(r.i+j, k) {
			return false
		}
	}
	r.i += len(kws)
	return true
}

func (r *reader) expect(kws ...keyword) {
	if !r.accept(kws...) {
		words := make([]string, len(kws))
		for i, k := range kws {
			words[i] = keywordNames[k]
		}
		r.failf("expected %s, found %q", strings.Join(words, " "), r.text(r.cur()))
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

// split appends to out the [start, end) token ranges of the comma-separated
// items in [from, to), ignoring commas inside parentheses. Callers pass a
// stack buffer as out.
func (r *reader) split(out [][2]int, from, to int) [][2]int {
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
	s := r.s[t.Start:t.End]
	switch t.Kind {
	case QuotedIdent:
		if len(s) >= 2 && (s[0] == 'U' || s[0] == 'u') && s[1] == '&' {
			s = s[2:]
		}
		if len(s) < 2 {
			return s
		}
		q := s[len(s)-1]
		inner := s[1 : len(s)-1]
		if strings.IndexByte(inner, q) >= 0 {
			inner = strings.ReplaceAll(inner, string([]byte{q, q}), string(q))
		}
		return inner
	case Ident:
		if r.fold {
			for i := 0; i < len(s); i++ {
				if s[i]-'A' < 26 { // 'A' <= s[i] && s[i] <= 'Z'
					return strings.ToLower(s)
				}
			}
		}
	}
	return s
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
	s := r.s[t.Start:r.tok(j-1).End]
	r.i = j
	return s, true
}

// qualName reads a possibly schema-qualified name.
func (r *reader) qualName() qname {
	q := qname{start: r.cur().Start}
	for n := 0; ; n++ {
		p, ok := r.namePart()
		if !ok {
			r.failf("expected a name, found %q", r.text(r.cur()))
		}
		if n > 0 {
			q.ns = q.name // the part before the last one
		}
		q.name = p
		if r.cur().Kind == Dot && isNameKind(r.tok(r.i+1).Kind) {
			r.i++
			continue
		}
		break
	}
	q.end = r.tok(r.i - 1).End
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
		// Sized for the tables there are and about one per 2 KiB of src to come.
		r.byName = make(map[string][]*schema.Table, len(r.m.Tables)+len(r.src)/2048)
		for _, t := range r.m.Tables {
			r.indexTable(t)
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
	r.indexTable(t)
}

// indexTable adds t to byName under its name.
func (r *reader) indexTable(t *schema.Table) {
	k := r.tableKey(t.Name)
	if ts := r.byName[k]; len(ts) > 0 {
		r.byName[k] = append(ts, t)
	} else {
		r.byName[k] = r.tablePtrs.one(t) // usually the only table of that name
	}
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
	r.indexTable(t)
}

func (r *reader) span(start, end int) schema.Span { return r.f.Span(start, end) }

func (r *reader) stmtSpan() schema.Span { return r.span(r.toks[0].Start, r.stmtEnd) }
