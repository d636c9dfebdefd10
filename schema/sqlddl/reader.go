package sqlddl

import (
	"fmt"
	"strings"
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
	inCreate bool          // reading CREATE TABLE: its constraints are part of the definitions
	creating *schema.Table // the table CREATE TABLE is building: its keys are named when it is complete
	pg       bool          // PostgreSQL: 63-byte names, generated index names
	scratch  []byte        // for building generated names
	cand     []byte        // a generated name being tried
	// creatingNames holds the names of creating's keys by nameKey while
	// finishTable names the keys of a table with many.
	creatingNames map[string]bool

	// Model objects are allocated in chunks (see arena).
	cols arena[column]
	// fileSyn is the Syntax of the file read: syn, but never set aside
	// (redefine reads without defining).
	fileSyn *Syntax
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
	r := &reader{m: m, st: st, f: f, src: f.Src, s: unsafe.String(unsafe.SliceData(f.Src), len(f.Src)), syn: syn, fileSyn: syn, lx: NewLexer(f, m.Dialect)}
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
		for t.Kind == Template {
			t = lx.Next() // a template action before a statement ({{ if .Partitioned }}) is not the statement
		}
		if t.Kind == EOF {
			return
		}
		if t.Kind == Semi {
			continue
		}
		if !plpgsql && !r.isDDLStart(t) && !r.isDo(t) {
			// Nothing statement reads (INSERT, COPY, SET, GRANT, ...): skip it
			// at lexing speed, without collecting its tokens, unless a
			// statement that it reads starts inside it.
			t = r.skip(lx, t)
		}
		if t.Kind != Semi && t.Kind != EOF {
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
				r.statements()
			}
		}
		if t.Kind == EOF {
			return
		}
	}
}

// skip reads past the statement that starts with first, which statement
// does not read, and returns its terminator. A statement that statement
// reads may start inside it: after text idemlint does not know (a stray
// word, an IF of SQL Server's), a CREATE or ALTER is where reading starts
// again, and that token is returned; one after GRANT, REVOKE or DENY is a
// privilege (GRANT CREATE TABLE TO u). A statement that starts with a word
// that is not SQL idemlint knows to skip, and mentions UNIQUE or a column
// named like a key, is reported: it may hide a finding.
func (r *reader) skip(lx *Lexer, first Token) Token {
	privilege := first.Kind == Ident && (eqFold(r.src[first.Start:first.End], "GRANT") || eqFold(r.src[first.Start:first.End], "REVOKE") || eqFold(r.src[first.Start:first.End], "DENY"))
	known := first.Kind == Ident && skippedVerbs[strings.ToUpper(r.text(first))]
	var mention Token
	for t := first; ; t = lx.Next() {
		if t.Kind == Semi || t.Kind == EOF {
			if mention.End > 0 {
				r.errs = append(r.errs, r.f.Errorf(first.Start, "statement not read: idemlint does not know statements that start with `%s`, and this one mentions `%s`",
					schema.QuoteText(r.text(first)), schema.QuoteText(r.text(mention))))
			}
			return t
		}
		if t.Start > first.Start && !privilege && r.restartsAt(t) {
			if !known {
				r.errs = append(r.errs, r.f.Errorf(first.Start, "text idemlint does not know (`%s`) before the %s statement at line %d; read from %s on",
					schema.QuoteText(r.text(first)), strings.ToUpper(r.text(t)), r.f.Position(t.Start).Line, strings.ToUpper(r.text(t))))
			}
			return t
		}
		if !known && mention.End == 0 && (t.Kind == Ident || t.Kind == QuotedIdent) && r.mentionsKey(t) {
			mention = t
		}
	}
}

// mentionsKey reports whether t is UNIQUE or names a column like a key.
func (r *reader) mentionsKey(t Token) bool {
	if t.Kind == Ident && eqFold(r.src[t.Start:t.End], "UNIQUE") {
		return true
	}
	return schema.NamedLikeKey(r.ident(t))
}

// skippedVerbs are the first words of statements that shape no key, which
// are skipped without a word.
var skippedVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`ABORT ANALYZE ANALYSE ATTACH BACKUP BEGIN BULK CALL CHECKPOINT CLOSE CLUSTER
		COMMENT COMMIT COPY DEALLOCATE DECLARE DELETE DENY DETACH DISCARD EXEC EXECUTE EXPLAIN FETCH FLUSH GO
		GRANT IF IMPORT INSERT LISTEN LOAD LOCK MERGE MOVE NOTIFY OPEN OPTIMIZE PRAGMA PREPARE PRINT REFRESH
		REINDEX RELEASE REPLACE RESET RESTORE RETURN REVOKE ROLLBACK SAVEPOINT SECURITY SELECT SET SHOW SOURCE
		START TABLE TRUNCATE UNLISTEN UPDATE UPSERT USE VACUUM VALUES WITH END RAISERROR THROW WHILE ELSE
		USING SECURITY LABEL PERFORM RAISE UNLOCK HANDLER CHECK REPAIR INSTALL UNINSTALL KILL PURGE RENAME DO`) {
		m[w] = true
	}
	return m
}()

// isDDLStart reports whether a statement starting with t is one that
// statement may read.
func (r *reader) isDDLStart(t Token) bool {
	if t.Kind != Ident {
		return false
	}
	b := r.src[t.Start:t.End]
	return eqFold(b, "CREATE") || eqFold(b, "ALTER") || eqFold(b, "DROP") || r.mysql && eqFold(b, "RENAME") || eqFold(b, "COMMENT")
}

// restartsAt reports whether reading may start again at t, inside text
// that is being skipped: a CREATE, ALTER, DROP (or MySQL RENAME). COMMENT,
// which statement also reads, is a common column name.
func (r *reader) restartsAt(t Token) bool {
	return r.isDDLStart(t) && !eqFold(r.src[t.Start:t.End], "COMMENT")
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
		default:
			r.noteView()
			r.readInside()
		}
	case r.kw(kwAlter):
		r.i++
		if r.kw(kwTable) {
			r.i++
			r.alterTable()
		} else if r.kw(kwIndex) {
			r.i++
			r.alterIndex()
		} else {
			r.readInside()
		}
	case r.kw(kwDrop):
		r.i++
		if r.kw(kwTable) {
			r.i++
			r.dropTable()
		} else if r.kw(kwIndex) {
			r.i++
			r.dropIndex()
		} else {
			r.readInside()
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
		c.SetComment(r.text(r.cur()))
	} else if c != nil {
		c.SetComment("") // COMMENT ON COLUMN … IS NULL drops it
	}
}

// statements reads the statement in r.toks. Under a MySQL DELIMITER, ';'
// ends no statement, so a file that forgot to set the delimiter back
// holds several statements in one; the server refuses them, but each
// CREATE or ALTER after a ';' is read as its own statement rather than
// lost inside the one before it.
func (r *reader) statements() {
	all, allKws := r.toks, r.kws
	start := 0
	for j := 1; j+1 < len(all); j++ {
		if all[j].kind == Op && all[j].end-all[j].start == 1 && r.src[all[j].start] == ';' {
			if next := all[j+1].token(); r.restartsAt(next) {
				r.toks, r.kws = all[start:j], allKws[start:j]
				r.statement()
				start = j + 1
			}
		}
	}
	r.toks, r.kws = all[start:], allKws[start:]
	r.statement()
	r.toks, r.kws = all, allKws
}

// readInside deals with a statement that starts like one statement reads
// but is not (CREATE SCHEMA, CREATE TRIGGER, ALTER SEQUENCE…): one that
// statement reads may start inside it, as the tables of PostgreSQL's
// CREATE SCHEMA s CREATE TABLE t (…) do, and is read from there on.
func (r *reader) readInside() {
	for j := 1; j+1 < len(r.toks); j++ {
		t := r.tk(j)
		if !r.restartsAt(t) {
			continue
		}
		r.i = j + 1
		if r.kwAny(kwTable, kwUnique, kwIndex) {
			r.toks, r.kws = r.toks[j:], r.kws[j:]
			r.statement()
			return
		}
	}
}

func (r *reader) span(start, end int) schema.Span { return r.f.Span(start, end) }

func (r *reader) stmtSpan() schema.Span { return r.span(r.tk(0).Start, r.stmtEnd) }
