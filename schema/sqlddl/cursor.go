package sqlddl

import (
	"strings"
)

func (r *reader) tok(i int) Token {
	if i < r.lim && i >= 0 {
		return r.tk(i)
	}
	e := r.stmtEnd
	if r.lim < len(r.toks) && r.lim >= 0 {
		e = r.tk(r.lim).Start
	}
	return Token{EOF, e, e}
}

func (r *reader) cur() Token { return r.tok(r.i) }

func (r *reader) atEnd() bool { return r.i >= r.lim }

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
	if t := r.tk(i); t.Kind == Ident {
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

// A tok is a Token of the statement being read, in 12 bytes rather than
// 24: a statement's tokens are all held at once, and one wide CREATE TABLE
// has millions. Offsets fit: apply refuses files of 2 GiB or more.
type tok struct {
	start, end int32
	kind       TokenKind
}

func (t tok) token() Token { return Token{t.kind, int(t.start), int(t.end)} }

// compact converts tokens from Tokenize into toks.
func compact(ts []Token) []tok {
	out := make([]tok, len(ts))
	for i, t := range ts {
		out[i] = tok{int32(t.Start), int32(t.End), t.Kind}
	}
	return out
}

// tk returns token i of the statement, which must exist (tok reads past
// the limit as EOF).
func (r *reader) tk(i int) Token { return r.toks[i].token() }

// matchParen returns the index of the RParen closing the LParen at toks[i],
// or len(toks) when it is not closed. It is the one bracket matcher of the
// package: the cursor, key expressions and generated names all use it.
func matchParen(toks []tok, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].kind {
		case LParen:
			depth++
		case RParen:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(toks)
}

// matching returns the index of the RParen closing the LParen at i, or lim.
func (r *reader) matching(i int) int { return matchParen(r.toks[:min(r.lim, len(r.toks))], i) }

// matchingIn returns the index of the RParen closing the LParen at i,
// looking no further than to.
func (r *reader) matchingIn(i, to int) int { return matchParen(r.toks[:min(to, len(r.toks))], i) }

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
		switch r.tk(j).Kind {
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

// atStop reports whether the cursor is at a keyword of stops.
func (r *reader) atStop(stops *stopSet) bool {
	k := r.keywordAt(r.i)
	return stops.has(k) || k == kwCharacter && r.kwAt(r.i+1, kwSet)
}

// skipTo advances over tokens (parenthesised groups whole) until a stop
// keyword at depth 0 or the limit; it returns the end offset of the last
// token consumed, or -1.
func (r *reader) skipTo(stops *stopSet, atLeastOne bool) int {
	end := -1
	for !r.atEnd() && (atLeastOne || !r.atStop(stops)) {
		atLeastOne = false
		if r.cur().Kind == LParen {
			r.i = r.matching(r.i)
		}
		end = r.cur().End
		r.i++
	}
	return end
}

// blankBefore returns the start of the blanks before off on its line, so a
// removed word takes its leading space with it.
func (r *reader) blankBefore(off int) int {
	for off > 0 && (r.src[off-1] == ' ' || r.src[off-1] == '\t') {
		off--
	}
	return off
}

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
