package sqlddl

import (
	"bytes"
	"unicode/utf8"

	"github.com/idemlint/idemlint/schema"
)

// A TokenKind classifies a token.
type TokenKind uint8

const (
	EOF         TokenKind = iota
	Ident                 // unquoted identifier or keyword
	QuotedIdent           // "x", `x`, [x]
	Template              // {{ ... }} or %s: a placeholder filled in before the SQL runs
	String                // '..', E'..', $$..$$, MySQL "..", N'..', X'..'
	Number
	Param // $1, ?, :name is not recognised
	Op    // operators and punctuation other than the ones below
	LParen
	RParen
	Comma
	Dot
	Semi // statement terminator: ';', a MySQL DELIMITER, or a SQL Server GO line
)

var kindNames = [...]string{"EOF", "Ident", "QuotedIdent", "Template", "String", "Number", "Param", "Op", "LParen", "RParen", "Comma", "Dot", "Semi"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// A Token is a kind and a byte range of the source; it holds no string so
// that lexing allocates nothing per token.
type Token struct {
	Kind       TokenKind
	Start, End int
}

// Character classes, looked up by byte so the hot loop avoids branches on
// unicode tables. Bytes >= 0x80 are identifier bytes: PostgreSQL, MySQL and
// SQLite accept non-ASCII letters in unquoted names.
const (
	cSpace = 1 << iota
	cIdentStart
	cIdent
	cDigit
	cDollar // '$', which continues identifiers except in SQLite
)

var class = func() (t [256]uint8) {
	for _, c := range " \t\n\r\f\v" {
		t[c] = cSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cIdentStart | cIdent
		t[c-'a'+'A'] = cIdentStart | cIdent
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cIdent | cDigit
	}
	t['_'] = cIdentStart | cIdent
	t['$'] = cDollar
	for c := 0x80; c < 256; c++ {
		t[c] = cIdentStart | cIdent
	}
	return t
}()

// A Lexer splits SQL source into tokens for one dialect. Comments are
// collected into Comments rather than returned; problems go to Errors.
type Lexer struct {
	src  []byte
	str  string // src as a string when the caller has one (see reader); comments share it
	file *schema.File
	d    schema.Dialect
	pos  int

	Comments []schema.Comment
	Errors   []*schema.ParseError

	delim     []byte // MySQL DELIMITER; nil means ';'
	execDepth int    // inside MySQL /*! ... */ executable comments
	nTok      int    // tokens since the last terminator
	copyStmt  bool   // current statement starts with COPY
	copyStdin bool   // ... and reads FROM stdin: data follows the ';'
	// strayReported: a stray blank (see stray) was reported in this file.
	strayReported bool

	pg, mysql, sqlite, mssql bool
	identCont                uint8 // class bits of the bytes that continue an identifier
}

// NewLexer returns a lexer over f.Src for dialect d.
func NewLexer(f *schema.File, d schema.Dialect) *Lexer {
	l := &Lexer{src: f.Src, file: f, d: d, identCont: cIdent | cDollar}
	switch d {
	case schema.MySQL, schema.MariaDB:
		l.mysql = true
	case schema.SQLite:
		l.sqlite = true
		l.identCont = cIdent
	case schema.SQLServer:
		l.mssql = true
	default:
		// PostgreSQL, CockroachDB and unknown dialects: PostgreSQL rules
		// are the most permissive for what idemlint reads.
		l.pg = true
	}
	if !utf8.Valid(l.src) {
		off := 0
		for off < len(l.src) {
			r, n := utf8.DecodeRune(l.src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		l.errorf(off, "invalid UTF-8")
	}
	return l
}

func (l *Lexer) errorf(off int, format string, args ...any) {
	l.Errors = append(l.Errors, l.file.Errorf(off, format, args...))
}

func (l *Lexer) comment(start, textStart, textEnd, end int) {
	l.Comments = append(l.Comments, schema.Comment{
		Span: l.file.Span(start, end),
		Text: l.substr(textStart, textEnd),
	})
}

// substr returns src[start:end] as a string, slicing str when it is set
// rather than allocating.
func (l *Lexer) substr(start, end int) string {
	if len(l.str) == len(l.src) {
		return l.str[start:end]
	}
	return string(l.src[start:end])
}

// atLineStart reports whether only blanks precede off on its line.
func (l *Lexer) atLineStart(off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch l.src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

func (l *Lexer) lineEnd(off int) int {
	if i := bytes.IndexByte(l.src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(l.src)
}

// Next returns the next token; at the end it returns EOF forever.
func (l *Lexer) Next() Token {
	t := l.next()
	switch t.Kind {
	case Semi:
		if l.copyStdin {
			l.skipCopyData()
		}
		l.nTok, l.copyStmt, l.copyStdin = 0, false, false
	case EOF:
	default:
		if t.Kind == Ident {
			if l.nTok == 0 && l.pg && eqFold(l.src[t.Start:t.End], "COPY") {
				l.copyStmt = true
			} else if l.copyStmt && eqFold(l.src[t.Start:t.End], "STDIN") {
				l.copyStdin = true
			}
		}
		l.nTok++
	}
	return t
}

// skipCopyData skips the rows pg_dump writes after COPY ... FROM stdin;
// they end at a line holding only `\.`.
func (l *Lexer) skipCopyData() {
	p := l.lineEnd(l.pos)
	for p < len(l.src) {
		p++ // past '\n'
		e := l.lineEnd(p)
		line := bytes.TrimRight(l.src[p:e], "\r \t")
		if len(line) == 2 && line[0] == '\\' && line[1] == '.' {
			l.pos = e
			return
		}
		p = e
	}
	if start := l.lineEnd(l.pos); len(bytes.TrimSpace(l.src[start:])) > 0 {
		// psql reads the rest of the file as rows too, so a statement in it
		// is not run; say so rather than skip it in silence.
		l.errorf(l.pos, "COPY ... FROM stdin data has no end line \\. : the rest of the file is read as its rows")
	}
	l.pos = len(l.src)
}

func (l *Lexer) next() Token {
	src := l.src
	for {
		p := l.pos
		for p < len(src) && class[src[p]]&cSpace != 0 {
			p++
		}
		if p < len(src) && (src[p] == 0 || src[p] >= 0x80) {
			if n := l.stray(p); n > 0 {
				l.pos = p + n
				continue
			}
		}
		l.pos = p
		if p >= len(src) {
			if l.execDepth > 0 {
				l.errorf(p, "unterminated /*! comment")
				l.execDepth = 0
			}
			return Token{EOF, p, p}
		}
		if l.delim != nil && bytes.HasPrefix(src[p:], l.delim) {
			l.pos = p + len(l.delim)
			return Token{Semi, p, l.pos}
		}
		c := src[p]
		switch {
		case class[c]&cIdentStart != 0:
			if p+1 < len(src) && src[p+1] == '\'' {
				switch c {
				case 'E', 'e':
					if l.pg {
						return l.string(p, p+1, true)
					}
				case 'N', 'n', 'X', 'x', 'B', 'b':
					return l.string(p, p+1, l.mysql)
				}
			}
			if (c == 'U' || c == 'u') && l.pg && p+2 < len(src) && src[p+1] == '&' && (src[p+2] == '\'' || src[p+2] == '"') {
				if src[p+2] == '"' {
					return l.quoted(p, p+2, '"')
				}
				return l.string(p, p+2, false)
			}
			e, cont := p+1, l.identCont
			if l.delim == nil {
				for e < len(src) && class[src[e]]&cont != 0 && (src[e] < 0x80 || strayLen(src[e:]) == 0) {
					e++
				}
			} else {
				for e < len(src) && class[src[e]]&cont != 0 && (src[e] < 0x80 || strayLen(src[e:]) == 0) && !bytes.HasPrefix(src[e:], l.delim) {
					e++ // stopping at END$$ with DELIMITER $$
				}
			}
			l.pos = e
			if c == 'G' || c == 'g' {
				if l.mssql && e-p == 2 && (src[p+1] == 'O' || src[p+1] == 'o') && l.atLineStart(p) &&
					len(bytes.TrimSpace(src[e:l.lineEnd(e)])) == 0 {
					return Token{Semi, p, e}
				}
			}
			if (c == 'D' || c == 'd') && l.mysql && l.nTok == 0 && eqFold(src[p:e], "DELIMITER") {
				le := l.lineEnd(e)
				d := bytes.TrimSpace(src[e:le])
				l.pos = le
				if len(d) == 0 || string(d) == ";" {
					l.delim = nil
				} else {
					l.delim = d
				}
				continue
			}
			return Token{Ident, p, e}
		case class[c]&cDigit != 0:
			return l.number(p)
		}
		switch c {
		case ';':
			l.pos = p + 1
			if l.delim != nil {
				return Token{Op, p, p + 1}
			}
			return Token{Semi, p, p + 1}
		case '(':
			l.pos = p + 1
			return Token{LParen, p, p + 1}
		case ')':
			l.pos = p + 1
			return Token{RParen, p, p + 1}
		case ',':
			l.pos = p + 1
			return Token{Comma, p, p + 1}
		case '.':
			if p+1 < len(src) && class[src[p+1]]&cDigit != 0 {
				return l.number(p)
			}
			l.pos = p + 1
			return Token{Dot, p, p + 1}
		case '\'':
			return l.string(p, p, l.mysql)
		case '"':
			if l.mysql {
				return l.string(p, p, true)
			}
			return l.quoted(p, p, '"')
		case '`':
			if l.mysql || l.sqlite {
				return l.quoted(p, p, '`')
			}
		case '[':
			if l.sqlite || l.mssql {
				return l.quoted(p, p, ']')
			}
		case '-':
			if p+1 < len(src) && src[p+1] == '-' {
				e := l.lineEnd(p)
				te := e
				if te > p+2 && src[te-1] == '\r' {
					te--
				}
				l.comment(p, p+2, te, e)
				l.pos = e
				continue
			}
		case '#':
			if l.mysql {
				e := l.lineEnd(p)
				l.comment(p, p+1, e, e)
				l.pos = e
				continue
			}
		case '/':
			if p+1 < len(src) && src[p+1] == '*' {
				if l.mysql && p+2 < len(src) && src[p+2] == '!' {
					// Executable comment: MySQL runs its body, so lex it as code.
					q := p + 3
					for q < len(src) && class[src[q]]&cDigit != 0 {
						q++
					}
					l.execDepth++
					l.pos = q
					continue
				}
				if l.blockComment(p) {
					continue
				}
				return Token{EOF, len(src), len(src)}
			}
		case '*':
			if l.execDepth > 0 && p+1 < len(src) && src[p+1] == '/' {
				l.execDepth--
				l.pos = p + 2
				continue
			}
		case '\\':
			if l.pg {
				// psql meta-command (\connect, \restrict ...): not SQL; it
				// runs to the end of its line. \g and its kin (\gx, \gset,
				// \gexec) send the statement before them, as ';' does.
				e := p + 1
				for e < len(src) && class[src[e]]&cIdent != 0 {
					e++
				}
				l.pos = l.lineEnd(p)
				if e > p+1 && (src[p+1] == 'g' || src[p+1] == 'G') {
					return Token{Semi, p, e}
				}
				continue
			}
		case '$':
			if l.pg {
				if t, ok := l.dollar(p); ok {
					return t
				}
			}
		case '{':
			if p+1 < len(src) && src[p+1] == '{' {
				if i := bytes.Index(src[p+2:], []byte("}}")); i >= 0 {
					l.pos = p + 2 + i + 2
					return Token{Template, p, l.pos}
				}
				l.errorf(p, "unterminated template placeholder {{")
				l.pos = len(src)
				return Token{EOF, len(src), len(src)}
			}
		case '%':
			// printf-style placeholder (%s) some migration runners fill in.
			if p+1 < len(src) && src[p+1] == 's' && (p+2 >= len(src) || class[src[p+2]]&cIdent == 0) {
				l.pos = p + 2
				return Token{Template, p, p + 2}
			}
		case '?':
			l.pos = p + 1
			return Token{Param, p, p + 1}
		}
		return l.op(p)
	}
}

// stray reads past a character that is a blank to a reader's eye but not
// to SQL's: a byte order mark (Windows editors and SSMS start files with
// one), a NUL, a no-break or other Unicode space. Glued to a word, it made
// the word unknown and the whole statement was skipped. It is read as a
// blank, and, except for a byte order mark at the start of the file,
// reported once per file, since the database may refuse it.
func (l *Lexer) stray(p int) int {
	n := strayLen(l.src[p:])
	if n == 0 {
		return 0
	}
	if p == 0 && n == 3 && l.src[0] == 0xEF {
		return n // a byte order mark that starts the file: tools strip it
	}
	if !l.strayReported {
		l.strayReported = true
		r, _ := utf8.DecodeRune(l.src[p:])
		l.errorf(p, "stray character U+%04X (%s) read as a blank; the database may refuse it", r, strayName(r))
	}
	return n
}

// strayLen returns the length of the stray blank b starts with, or 0.
func strayLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch c := b[0]; {
	case c == 0:
		return 1
	case c < 0x80:
		return 0
	}
	r, n := utf8.DecodeRune(b)
	switch {
	case r == 0xFEFF, r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200B, r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return n
	}
	return 0
}

func strayName(r rune) string {
	switch r {
	case 0:
		return "NUL"
	case 0xFEFF:
		return "byte order mark"
	case 0xA0:
		return "no-break space"
	}
	return "Unicode space"
}

// op lexes an operator: a run of operator characters, stopped before a
// comment start so that `x--y` still sees the comment.
func (l *Lexer) op(p int) Token {
	e := p + 1
	if isOpChar(l.src[p]) {
		for e < len(l.src) && l.opContinues(e) {
			e++
		}
	}
	l.pos = e
	return Token{Op, p, e}
}

func isOpChar(c byte) bool {
	switch c {
	case ':', '-', '<', '>', '=', '!', '|', '&', '~', '@', '#', '+', '*', '/', '%', '^':
		return true
	}
	return false
}

func (l *Lexer) opContinues(e int) bool {
	src := l.src
	c := src[e]
	if !isOpChar(c) {
		return false
	}
	next := byte(0)
	if e+1 < len(src) {
		next = src[e+1]
	}
	switch c {
	case '-':
		return next != '-'
	case '/':
		return next != '*'
	case '*':
		return !(l.execDepth > 0 && next == '/')
	case '#':
		return !l.mysql
	}
	return true
}

func (l *Lexer) number(p int) Token {
	src := l.src
	e := p
	if src[e] == '0' && e+1 < len(src) && (src[e+1] == 'x' || src[e+1] == 'X') {
		e += 2
	}
	for e < len(src) {
		c := src[e]
		if class[c]&cIdent != 0 || c == '.' {
			e++
			continue
		}
		if (c == '+' || c == '-') && (src[e-1] == 'e' || src[e-1] == 'E') {
			e++
			continue
		}
		break
	}
	l.pos = e
	return Token{Number, p, e}
}

// string lexes a '...' literal whose quote is at q (p may point at a prefix
// such as E or N). backslash enables backslash escapes (PostgreSQL E”,
// MySQL).
func (l *Lexer) string(p, q int, backslash bool) Token {
	src := l.src
	quote := src[q]
	i := q + 1
	for i < len(src) {
		c := src[i]
		if c == '\\' && backslash {
			i += 2
			continue
		}
		if c == quote {
			if i+1 < len(src) && src[i+1] == quote {
				i += 2
				continue
			}
			l.pos = i + 1
			return Token{String, p, i + 1}
		}
		i++
	}
	l.errorf(p, "unterminated string")
	l.pos = len(src)
	return Token{EOF, len(src), len(src)}
}

// quoted lexes a quoted identifier whose opening quote is at q; close is the
// closing character, doubled to escape it.
func (l *Lexer) quoted(p, q int, close byte) Token {
	src := l.src
	i := q + 1
	for i < len(src) {
		if src[i] == close {
			if i+1 < len(src) && src[i+1] == close {
				i += 2
				continue
			}
			l.pos = i + 1
			return Token{QuotedIdent, p, i + 1}
		}
		i++
	}
	l.errorf(p, "unterminated quoted identifier")
	l.pos = len(src)
	return Token{EOF, len(src), len(src)}
}

// blockComment skips a /* */ comment at p (nested for PostgreSQL) and
// records it; it reports false when the comment does not end.
func (l *Lexer) blockComment(p int) bool {
	src := l.src
	depth := 1
	i := p + 2
	for i < len(src) {
		if src[i] == '*' && i+1 < len(src) && src[i+1] == '/' {
			depth--
			i += 2
			if depth == 0 {
				l.comment(p, p+2, i-2, i)
				l.pos = i
				return true
			}
			continue
		}
		if l.pg && src[i] == '/' && i+1 < len(src) && src[i+1] == '*' {
			depth++
			i += 2
			continue
		}
		i++
	}
	l.errorf(p, "unterminated comment")
	l.pos = len(src)
	return false
}

// dollar lexes $1 parameters and $tag$...$tag$ strings at p.
func (l *Lexer) dollar(p int) (Token, bool) {
	src := l.src
	e := p + 1
	if e < len(src) && class[src[e]]&cDigit != 0 {
		for e < len(src) && class[src[e]]&cDigit != 0 {
			e++
		}
		l.pos = e
		return Token{Param, p, e}, true
	}
	for e < len(src) && class[src[e]]&cIdent != 0 {
		e++
	}
	if e >= len(src) || src[e] != '$' {
		return Token{}, false
	}
	tag := src[p : e+1]
	if i := bytes.Index(src[e+1:], tag); i >= 0 {
		l.pos = e + 1 + i + len(tag)
		return Token{String, p, l.pos}, true
	}
	l.errorf(p, "unterminated dollar-quoted string %s", schema.QuoteText(string(tag)))
	l.pos = len(src)
	return Token{EOF, len(src), len(src)}, true
}

// eqFold reports whether b equals the upper-case ASCII keyword kw, ignoring
// case, without allocating.
func eqFold(b []byte, kw string) bool {
	if len(b) != len(kw) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != kw[i] {
			return false
		}
	}
	return true
}

// Tokenize lexes all of f and returns its tokens, comments and errors; for
// tests and tools. Parse does not build this slice.
func Tokenize(f *schema.File, d schema.Dialect) ([]Token, []schema.Comment, []*schema.ParseError) {
	l := NewLexer(f, d)
	var toks []Token
	for {
		t := l.Next()
		if t.Kind == EOF {
			break
		}
		toks = append(toks, t)
	}
	return toks, l.Comments, l.Errors
}

// sub returns a lexer over src[start:end] of l's file, with offsets into
// the whole file: a string's body read as SQL (a DO block).
func (l *Lexer) sub(start, end int) *Lexer {
	s := &Lexer{src: l.src[:end], file: l.file, d: l.d, pos: start, identCont: l.identCont,
		pg: l.pg, mysql: l.mysql, sqlite: l.sqlite, mssql: l.mssql}
	if len(l.str) == len(l.src) {
		s.str = l.str[:end]
	}
	return s
}
