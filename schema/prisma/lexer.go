package prisma

import (
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/idemlint/idemlint/schema"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIdent
	tString
	tNumber
	tLParen
	tRParen
	tLBrack
	tRBrack
	tLBrace
	tRBrace
	tComma
	tColon
	tEquals
	tAt
	tAtAt
	tQuestion
	tDot
	tIllegal
)

var tokNames = [...]string{
	tEOF:      "end of file",
	tNewline:  "end of line",
	tIdent:    "identifier",
	tString:   "string",
	tNumber:   "number",
	tLParen:   `"("`,
	tRParen:   `")"`,
	tLBrack:   `"["`,
	tRBrack:   `"]"`,
	tLBrace:   `"{"`,
	tRBrace:   `"}"`,
	tComma:    `","`,
	tColon:    `":"`,
	tEquals:   `"="`,
	tAt:       `"@"`,
	tAtAt:     `"@@"`,
	tQuestion: `"?"`,
	tDot:      `"."`,
	tIllegal:  "invalid character",
}

// lexer turns source bytes into tokens on demand. It reads the source as a
// string that shares the file's bytes, so that names are substrings and
// cost no allocation, and the source is not copied.
type lexer struct {
	f   *schema.File
	src string
	pos int

	tok        tokKind
	start, end int    // the current token's bytes
	illegal    string // why the current tIllegal token is one

	comments []schema.Comment
	errs     []*schema.ParseError
}

func (l *lexer) init(f *schema.File) {
	l.f = f
	// The model's strings share f.Src rather than a copy of it (a copy was
	// one more input size of memory): nothing writes to a File's Src once it
	// is read; fixes are edits applied to a new buffer.
	l.src = unsafe.String(unsafe.SliceData(f.Src), len(f.Src))
	// The comments go to the model: size their list once. Every comment
	// starts with "//" or "/*" (a few such pairs are in strings).
	if n := strings.Count(l.src, "/"); n > 1 {
		l.comments = make([]schema.Comment, 0, min(n/2, strings.Count(l.src, "//")+strings.Count(l.src, "/*")))
	}
	// A UTF-8 byte order mark is not part of the schema.
	if strings.HasPrefix(l.src, "\ufeff") {
		l.pos = 3
	}
}

// text returns the current token's bytes.
func (l *lexer) text() string { return l.src[l.start:l.end] }

func (l *lexer) errorf(off int, format string, args ...any) {
	l.errs = append(l.errs, l.f.Errorf(off, format, args...))
}

const (
	identStart = 1 << iota
	identPart
)

var charClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			t[c] = identStart | identPart
		case c >= '0' && c <= '9', c == '-':
			t[c] = identPart
		}
	}
	return t
}()

func isIdentStart(c byte) bool { return charClass[c]&identStart != 0 }

func isIdentPart(c byte) bool { return charClass[c]&identPart != 0 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// next advances to the next token. Spaces and comments are skipped;
// newlines are tokens because they end fields and properties.
func (l *lexer) next() {
	src := l.src
	i := l.pos
	for i < len(src) {
		c := src[i]
		switch c {
		case ' ', '\t', '\r', '\f', '\v':
			i++
			continue
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				i = l.comment(i)
				continue
			}
			if i+1 < len(src) && src[i+1] == '*' {
				i = l.blockComment(i)
				continue
			}
		}
		break
	}
	l.start = i
	if i >= len(src) {
		l.tok, l.end, l.pos = tEOF, i, i
		return
	}
	c := src[i]
	tok := tIllegal
	j := i + 1
	switch {
	case isIdentStart(c):
		for j < len(src) && isIdentPart(src[j]) {
			j++
		}
		tok = tIdent
	case isDigit(c) || c == '-' && j < len(src) && isDigit(src[j]):
		j = l.number(i)
		tok = tNumber
	default:
		switch c {
		case '\n':
			tok = tNewline
		case '"':
			var ok bool
			if j, ok = l.str(i); ok {
				tok = tString
			} else {
				l.illegal = "unterminated string"
			}
		case '(':
			tok = tLParen
		case ')':
			tok = tRParen
		case '[':
			tok = tLBrack
		case ']':
			tok = tRBrack
		case '{':
			tok = tLBrace
		case '}':
			tok = tRBrace
		case ',':
			tok = tComma
		case ':':
			tok = tColon
		case '=':
			tok = tEquals
		case '?':
			tok = tQuestion
		case '.':
			tok = tDot
		case '@':
			tok = tAt
			if j < len(src) && src[j] == '@' {
				tok = tAtAt
				j++
			}
		default:
			l.illegal = describeChar(src[i:])
			if c >= utf8.RuneSelf {
				if r, n := utf8.DecodeRuneInString(src[i:]); r != utf8.RuneError || n > 1 {
					j = i + n
				}
			}
		}
	}
	l.tok, l.end, l.pos = tok, j, j
}

func describeChar(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n <= 1 {
		return fmt.Sprintf("invalid UTF-8 byte 0x%02x", s[0])
	}
	return fmt.Sprintf("unexpected character %q", r)
}

// comment records the comment starting at i and returns the offset of the
// end of its line (the newline itself is left for next).
func (l *lexer) comment(i int) int {
	src := l.src
	end := strings.IndexByte(src[i:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += i
	}
	stop := end
	for stop > i && src[stop-1] == '\r' {
		stop--
	}
	text := strings.TrimPrefix(src[i+2:stop], "/") // a /// doc comment
	for k := 0; k < len(text); k++ {
		if text[k] >= utf8.RuneSelf {
			if !utf8.ValidString(text[k:]) {
				off := i + (stop - i - len(text)) + k + invalidAt(text[k:])
				l.errorf(off, "invalid UTF-8 in comment")
			}
			break
		}
	}
	l.comments = append(l.comments, schema.Comment{
		Span: l.f.Span(i, stop),
		Text: strings.TrimSpace(text),
	})
	return end
}

// blockComment records the /* … */ comment starting at i and returns its
// end. Prisma accepts them although its documentation shows only //.
func (l *lexer) blockComment(i int) int {
	src := l.src
	end := strings.Index(src[i+2:], "*/")
	stop := len(src)
	text := src[i+2:]
	if end < 0 {
		l.errorf(i, "unterminated /* comment")
	} else {
		stop = i + 2 + end + 2
		text = src[i+2 : i+2+end]
	}
	if k := invalidAt(text); k < len(text) {
		l.errorf(i+2+k, "invalid UTF-8 in comment")
	}
	text = strings.TrimLeft(text, "*") // /** doc */
	l.comments = append(l.comments, schema.Comment{
		Span: l.f.Span(i, stop),
		Text: strings.TrimSpace(text),
	})
	return stop
}

// invalidAt returns the offset of the first invalid UTF-8 sequence in s.
func invalidAt(s string) int {
	for k := 0; k < len(s); {
		r, n := utf8.DecodeRuneInString(s[k:])
		if r == utf8.RuneError && n <= 1 {
			return k
		}
		k += n
	}
	return len(s)
}

func (l *lexer) number(i int) int {
	src := l.src
	j := i
	if src[j] == '-' {
		j++
	}
	for j < len(src) && isDigit(src[j]) {
		j++
	}
	if j+1 < len(src) && src[j] == '.' && isDigit(src[j+1]) {
		j++
		for j < len(src) && isDigit(src[j]) {
			j++
		}
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(src[k]) {
			for k < len(src) && isDigit(src[k]) {
				k++
			}
			j = k
		}
	}
	return j
}

// str scans the string literal starting at i and returns its end, and
// whether it was terminated on its line.
func (l *lexer) str(i int) (int, bool) {
	src := l.src
	j := i + 1
	ascii := true
	for j < len(src) {
		c := src[j]
		switch {
		case c == '"':
			if !ascii && !utf8.ValidString(src[i:j]) {
				l.errorf(i+invalidAt(src[i:j]), "invalid UTF-8 in string")
			}
			return j + 1, true
		case c == '\\':
			j += 2
			continue
		case c == '\n':
			return j, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		j++
	}
	return len(src), false
}

// unquote decodes the string literal s (quotes included). Prisma strings
// use JSON-like escapes; an unknown escape stands for the escaped character.
func unquote(s string) string {
	if len(s) < 2 {
		return ""
	}
	s = s[1 : len(s)-1]
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '0':
			b.WriteByte(0)
		case 'u':
			if r, ok := hex4(s[i+1:]); ok {
				i += 4
				// A surrogate pair spells one character outside the BMP.
				if r >= 0xD800 && r < 0xDC00 && i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					if r2, ok := hex4(s[i+3:]); ok && r2 >= 0xDC00 && r2 < 0xE000 {
						r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
						i += 6
					}
				}
				b.WriteRune(r)
			} else {
				b.WriteByte('u')
			}
		default:
			b.WriteByte(e)
		}
	}
	return b.String()
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	return r, true
}
