package sqlddl

import (
	"fmt"
	"strings"
	"unsafe"

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
// When f has no Syntax it gets a non-declarative one: columns that a
// migration defined are fixed by a new migration, never by editing the old
// one. Set f.Syntax to &Syntax{Declarative: true} first to read one more
// declarative file.
//
// Apply rebuilds its lookup tables (tables and keys by name) from m on every
// call; to replay many files in sequence use a [Replayer], which keeps them.
func Apply(m *schema.Model, f *schema.File) {
	newState(m).apply(f)
}

// A Replayer applies files to one model in sequence (migrations in order),
// keeping between files the lookup tables Apply would rebuild for each: a
// history of n files costs O(total size) rather than O(n × model).
//
// The model must not be changed by anything else between calls; if its
// tables were, the Replayer notices a different table count and rebuilds.
type Replayer struct {
	st *state
}

// NewReplayer returns a Replayer that applies files to m.
func NewReplayer(m *schema.Model) *Replayer {
	return &Replayer{st: newState(m)}
}

// Model returns the model files are applied to.
func (p *Replayer) Model() *schema.Model { return p.st.m }

// Apply replays f into the model, as [Apply] does.
func (p *Replayer) Apply(f *schema.File) {
	if len(p.st.m.Tables) != p.st.nTables {
		p.st = newState(p.st.m)
	}
	p.st.apply(f)
}

// state is what reading keeps about a model between files: lookup tables
// that always agree with m.Tables after a file was applied.
type state struct {
	m    *schema.Model
	fold bool
	// rels holds tables, uniques and the names of non-unique indexes by
	// tableKey(name), in one map: they share PostgreSQL's namespace of
	// relations, so nameTaken asks once.
	rels    map[string][]rel
	files   map[*schema.File]bool // m.Files, as a set
	nTables int                   // len(m.Tables) after the last file

	relArena arena[rel]
}

// A rel is what goes by a name: a table (t, no u), a unique and the table
// it was added to (u and t), or a non-unique index (neither; PostgreSQL's
// generated names must avoid theirs). Renames and drops leave uniques
// behind; findKey checks each before trusting it.
type rel struct {
	u *schema.Unique
	t *schema.Table
}

func (x rel) isTable() bool { return x.u == nil && x.t != nil }
func (x rel) isOther() bool { return x.u == nil && x.t == nil }

func newState(m *schema.Model) *state {
	st := &state{m: m, fold: foldsNames(m.Dialect)}
	st.rels = make(map[string][]rel, 3*len(m.Tables)+16)
	st.files = make(map[*schema.File]bool, len(m.Files)+1)
	for _, f := range m.Files {
		st.files[f] = true
	}
	for _, t := range m.Tables {
		st.indexTable(t)
		for _, u := range t.Uniques {
			st.indexKey(t, u)
		}
	}
	st.nTables = len(m.Tables)
	return st
}

func foldsNames(d schema.Dialect) bool {
	switch d {
	case schema.MySQL, schema.MariaDB, schema.SQLite, schema.SQLServer:
		return false
	}
	return true
}

func (st *state) apply(f *schema.File) {
	m := st.m
	if f.Syntax == nil {
		f.Syntax = &Syntax{}
	}
	syn, _ := f.Syntax.(*Syntax)
	if syn != nil {
		syn.init(f, m.Dialect)
	}
	if !st.files[f] {
		st.files[f] = true
		m.Files = append(m.Files, f)
	}
	if len(m.Tables) == 0 && len(st.rels) == 0 {
		// Sized for up to five names (tables, keys and indexes) per KiB of
		// src, capped for data dumps: growing a large map rehashes every
		// name in it.
		st.rels = make(map[string][]rel, min(5*(len(f.Src)/1024), 1<<16))
	}
	r := newReader(st, f, syn)
	r.run(r.lx, false)
	f.Comments = r.lx.Comments
	m.Errors = append(m.Errors, r.lx.Errors...)
	m.Errors = append(m.Errors, r.errs...)
	st.nTables = len(m.Tables)
}

// tableKey is the lookup key of a table, index or constraint name under the
// dialect's rules.
func (st *state) tableKey(name string) string {
	if st.fold {
		return name
	}
	return strings.ToLower(name)
}

// addRel records x under name.
func (st *state) addRel(name string, x rel) {
	k := st.tableKey(name)
	if xs := st.rels[k]; len(xs) > 0 {
		st.rels[k] = append(xs, x)
	} else {
		st.rels[k] = st.relArena.one(x) // usually the only relation of that name
	}
}

// indexTable records t under its name.
func (st *state) indexTable(t *schema.Table) { st.addRel(t.Name, rel{t: t}) }

// indexKey records that u, of table t, goes by its current name.
func (st *state) indexKey(t *schema.Table, u *schema.Unique) {
	if u.Name != "" {
		st.addRel(u.Name, rel{u: u, t: t})
	}
}

// live reports whether t is still one of the model's tables.
func (st *state) live(t *schema.Table) bool {
	for _, x := range st.rels[st.tableKey(t.Name)] {
		if x.isTable() && x.t == t {
			return true
		}
	}
	return false
}

// hasOther reports whether a non-unique index is named name.
func (st *state) hasOther(name string) bool {
	for _, x := range st.rels[st.tableKey(name)] {
		if x.isOther() {
			return true
		}
	}
	return false
}

// dropOther forgets a non-unique index named name, reporting whether there
// was one.
func (st *state) dropOther(name string) bool {
	k := st.tableKey(name)
	xs := st.rels[k]
	for i, x := range xs {
		if x.isOther() {
			st.rels[k] = append(xs[:i], xs[i+1:]...)
			return true
		}
	}
	return false
}

type reader struct {
	m   *schema.Model
	st  *state
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
	inCreate bool                        // reading CREATE TABLE: its constraints are part of the definitions
	creating *schema.Table               // the table CREATE TABLE is building: its keys are named when it is complete
	pg       bool                        // PostgreSQL: 63-byte names, generated index names
	scratch  []byte                      // for building generated names
	colIdx   map[*schema.Table]*colIndex // columns by name, for wide tables (see findColumn)
	// creatingNames holds the names of creating's keys by nameKey while
	// finishTable names the keys of a table with many.
	creatingNames map[string]bool

	// Model objects are allocated in chunks (see arena).
	cols    arena[column]
	uniques arena[schema.Unique]
	defs    arena[schema.Default]
	parts   arena[schema.IndexPart]
	refs    arena[string]
	tables  arena[schema.Table]
	// Slices of Table.Columns and Table.Uniques.
	colPtrs    arena[*schema.Column]
	uniquePtrs arena[*schema.Unique]
	names      stringArena // generated constraint names
}

func newReader(st *state, f *schema.File, syn *Syntax) *reader {
	m := st.m
	// The model's strings share f.Src rather than a copy of it (a copy was
	// one more input size of memory): nothing writes to a File's Src once it
	// is read; fixes are edits applied to a new buffer.
	r := &reader{m: m, st: st, f: f, src: f.Src, s: unsafe.String(unsafe.SliceData(f.Src), len(f.Src)), syn: syn, lx: NewLexer(f, m.Dialect)}
	r.pg = m.Dialect == schema.PostgreSQL
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

// run reads the statements lx yields. In a plpgsql body (a DO block),
// control words before a statement are skipped (see plpgsqlStart).
func (r *reader) run(lx *Lexer, plpgsql bool) {
	for {
		t := lx.Next()
		if t.Kind == EOF {
			return
		}
		if t.Kind == Semi {
			continue
		}
		if !plpgsql && !r.isDDLStart(t) && !r.isDo(t) {
			// Nothing statement reads (INSERT, COPY, SET, GRANT, ...): skip it
			// at lexing speed, without collecting its tokens.
			for t.Kind != Semi && t.Kind != EOF {
				t = lx.Next()
			}
		} else {
			r.toks, r.kws = r.toks[:0], r.kws[:0]
			for t.Kind != Semi && t.Kind != EOF {
				r.toks = append(r.toks, t)
				r.kws = append(r.kws, unknownKeyword)
				t = lx.Next()
			}
			if plpgsql {
				r.plpgsqlStatement()
			} else if r.isDo(r.toks[0]) {
				r.doBlock()
			} else {
				r.statement()
			}
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

// isDo reports whether a statement starting with t is a PostgreSQL DO block.
func (r *reader) isDo(t Token) bool {
	return r.fold && t.Kind == Ident && t.End-t.Start == 2 && eqFold(r.src[t.Start:t.End], "DO")
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
	if r.pg && len(s) > maxIdentLen {
		return truncateIdent(r.ident0(t, s))
	}
	return r.ident0(t, s)
}

func (r *reader) ident0(t Token, s string) string {
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

// tableKey is the lookup key of a name under the dialect's rules.
func (r *reader) tableKey(name string) string { return r.st.tableKey(name) }

// findTable finds a table by name; a missing namespace (or a template one)
// matches any, as a search_path would.
func (r *reader) findTable(q qname) *schema.Table {
	for _, x := range r.st.rels[r.tableKey(q.name)] {
		if x.isTable() && r.nsMatch(x.t.Namespace, q.ns) {
			return x.t
		}
	}
	return nil
}

// findKey returns the unique named name (and its table) in namespace ns
// ("" for any), or nils.
func (r *reader) findKey(ns, name string) (*schema.Unique, *schema.Table) {
	k := r.tableKey(name)
	refs := r.st.rels[k]
	for i := 0; i < len(refs); i++ {
		ref := refs[i]
		if ref.u == nil { // a table or a non-unique index
			continue
		}
		if r.eqName(ref.u.Name, name) && r.st.live(ref.t) && hasUnique(ref.t, ref.u) {
			if r.nsMatch(ref.t.Namespace, ns) {
				return ref.u, ref.t
			}
			continue
		}
		// Stale: renamed, dropped, or its table is gone.
		refs = append(refs[:i], refs[i+1:]...)
		i--
	}
	if len(refs) == 0 {
		delete(r.st.rels, k)
	} else {
		r.st.rels[k] = refs
	}
	return nil, nil
}

func hasUnique(t *schema.Table, u *schema.Unique) bool {
	for _, x := range t.Uniques {
		if x == u {
			return true
		}
	}
	return false
}

// setKeyName renames u, of table t.
func (r *reader) setKeyName(t *schema.Table, u *schema.Unique, name string) {
	u.Name = name
	r.st.indexKey(t, u)
}

// nameTaken reports whether a relation (table or index) is named name, as
// PostgreSQL's ChooseRelationName asks before using a generated name.
func (r *reader) nameTaken(name string) bool {
	keys := false
	for _, x := range r.st.rels[r.tableKey(name)] {
		if x.u == nil { // a table or a non-unique index
			return true
		}
		keys = true
	}
	if keys { // uniques may be stale
		if u, _ := r.findKey("", name); u != nil {
			return true
		}
	}
	if t := r.creating; t != nil {
		if r.creatingNames != nil {
			return r.creatingNames[r.nameKey(name)]
		}
		for _, u := range t.Uniques {
			if r.eqName(u.Name, name) {
				return true
			}
		}
	}
	return false
}

func (r *reader) addTable(t *schema.Table) {
	r.m.Tables = append(r.m.Tables, t)
	r.st.indexTable(t)
	for _, u := range t.Uniques {
		r.st.indexKey(t, u)
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

// unindexTable forgets t under its name.
func (r *reader) unindexTable(t *schema.Table) {
	k := r.tableKey(t.Name)
	xs := r.st.rels[k]
	out := xs[:0]
	for _, x := range xs {
		if !x.isTable() || x.t != t {
			out = append(out, x)
		}
	}
	r.st.rels[k] = out
}

func (r *reader) removeTable(t *schema.Table) {
	r.m.Tables = without(r.m.Tables, t)
	r.unindexTable(t)
}

func (r *reader) renameTable(t *schema.Table, name string) {
	r.unindexTable(t)
	t.Name = name
	r.st.indexTable(t)
}

func (r *reader) span(start, end int) schema.Span { return r.f.Span(start, end) }

func (r *reader) stmtSpan() schema.Span { return r.span(r.toks[0].Start, r.stmtEnd) }
