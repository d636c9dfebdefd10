package sqlddl

import (
	"fmt"
	"unsafe"

	"github.com/idemlint/idemlint/schema"
)

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

	toks     []tok     // the current statement, reused between statements
	kws      []keyword // the keyword each of toks spells, or unknownKeyword until asked
	i        int       // cursor in toks
	lim      int       // tokens at or after lim read as EOF
	stmtEnd  int
	errs     []*schema.ParseError
	inCreate bool                        // reading CREATE TABLE: its constraints are part of the definitions
	creating *schema.Table               // the table CREATE TABLE is building: its keys are named when it is complete
	pg       bool                        // PostgreSQL: 63-byte names, generated index names
	scratch  []byte                      // for building generated names
	cand     []byte                      // a generated name being tried
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
				r.toks = append(r.toks, tok{int32(t.Start), int32(t.End), t.Kind})
				r.kws = append(r.kws, unknownKeyword)
				t = lx.Next()
			}
			if plpgsql {
				r.plpgsqlStatement()
			} else if r.isDo(r.tk(0)) {
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
	return eqFold(b, "CREATE") || eqFold(b, "ALTER") || eqFold(b, "DROP") || r.mysql && eqFold(b, "RENAME") || eqFold(b, "COMMENT")
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
	r.stmtEnd = r.tk(len(r.toks) - 1).End
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
	case r.kw(kwComment):
		r.i++
		r.commentOn()
	case r.kw(kwRename) && r.mysql:
		r.i++
		if r.kw(kwTable) {
			r.i++
			r.renameTables()
		}
	}
}

// commentOn reads PostgreSQL's COMMENT ON COLUMN [schema.]table.column IS
// 'text' into the column's Comment (a comment can say what a column is
// for: an idempotency key). Comments on other objects are skipped.
func (r *reader) commentOn() {
	if !r.accept(kwOn) || !r.kw(kwColumn) {
		return
	}
	r.i++
	q := r.qualName()
	if is := r.cur(); q.ns == "" || r.atEnd() || !eqFold(r.src[is.Start:is.End], "IS") {
		return
	}
	r.i++
	t := r.findTable(qname{name: q.ns})
	if t == nil {
		return
	}
	if c := r.findColumn(t, q.name); c != nil && r.cur().Kind == String {
		c.Comment = r.text(r.cur())
	} else if c != nil {
		c.Comment = "" // COMMENT ON COLUMN … IS NULL drops it
	}
}

func (r *reader) span(start, end int) schema.Span { return r.f.Span(start, end) }

func (r *reader) stmtSpan() schema.Span { return r.span(r.tk(0).Start, r.stmtEnd) }
