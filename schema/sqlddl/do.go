package sqlddl

import (
	"sort"
	"strings"
)

// PostgreSQL DO blocks run when the migration runs, so the DDL in their
// body shapes the schema. doBlock reads a plpgsql body as a sequence of
// statements: control words in front of a statement (BEGIN, DECLARE, END,
// IF … THEN, ELSIF … THEN, ELSE, LOOP, WHILE/FOR … LOOP, EXCEPTION WHEN …
// THEN, labels) are skipped and the CREATE, ALTER and DROP statements found
// are applied. This is an approximation: every conditional branch is taken
// as if it ran, loops as if they ran once, and exception handlers as if
// they ran too; statements the engine would reject (a second primary key,
// an index that exists) are ignored as they are elsewhere. EXECUTE of a
// constant string whose text is its value (dollar-quoted, or without
// doubled quotes) is read as the SQL it runs; EXECUTE of anything else
// (format(), concatenations, variables) is skipped.
//
// Function bodies (CREATE FUNCTION … AS $$ … $$) are not read: they run
// when called, not when the migration runs.

// doBlock reads the DO statement in r.toks.
func (r *reader) doBlock() {
	body := -1
	lang := ""
	for i := 1; i < len(r.toks); i++ {
		t := r.tk(i)
		switch {
		case t.Kind == String && body < 0:
			body = i
		case t.Kind == Ident && eqFold(r.src[t.Start:t.End], "LANGUAGE") && i+1 < len(r.toks):
			lang = strings.Trim(r.text(r.tk(i+1)), `'"`)
			i++
		}
	}
	if body < 0 || lang != "" && !strings.EqualFold(lang, "plpgsql") {
		return
	}
	if start, end, ok := r.stringBody(r.tk(body)); ok {
		r.runBody(start, end, true)
	}
}

// stringBody returns the offsets of the text of string literal t when that
// text is the literal's value byte for byte: dollar-quoted, or quoted with
// no doubled quote inside.
func (r *reader) stringBody(t Token) (start, end int, ok bool) {
	s := r.text(t)
	if len(s) >= 2 && s[0] == '$' {
		i := strings.IndexByte(s[1:], '$')
		if i < 0 || 2*(i+2) > len(s) {
			return 0, 0, false
		}
		n := i + 2
		return t.Start + n, t.End - n, true
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' && !strings.Contains(s[1:len(s)-1], "'") {
		return t.Start + 1, t.End - 1, true
	}
	return 0, 0, false
}

// runBody reads the statements in src[start:end], a string's body.
func (r *reader) runBody(start, end int, plpgsql bool) {
	lx := r.lx.sub(start, end)
	r.run(lx, plpgsql)
	r.errs = append(r.errs, lx.Errors...)
	if len(lx.Comments) > 0 {
		// Keep the file's comments in source order: the outer lexer has
		// already read past this body.
		cs := r.lx.Comments
		at := sort.Search(len(cs), func(i int) bool { return cs[i].Span.Start >= start })
		cs = append(cs, lx.Comments...)
		copy(cs[at+len(lx.Comments):], cs[at:len(cs)-len(lx.Comments)])
		copy(cs[at:], lx.Comments)
		r.lx.Comments = cs
	}
}

// plpgsqlStatement reads the statement in r.toks, from a plpgsql body.
func (r *reader) plpgsqlStatement() {
	n := len(r.toks)
	i := 0
	// skipTo advances i past the first token at depth 0 that spells word.
	skipTo := func(word string) bool {
		depth := 0
		for ; i < n; i++ {
			switch t := r.tk(i); t.Kind {
			case LParen:
				depth++
			case RParen:
				depth--
			case Ident:
				if depth == 0 && eqFold(r.src[t.Start:t.End], word) {
					i++
					return true
				}
			}
		}
		return false
	}
strip:
	for i < n {
		t := r.tk(i)
		if t.Kind == Op && r.text(t) == "<<" { // <<label>>
			for i < n && !(r.tk(i).Kind == Op && r.text(r.tk(i)) == ">>") {
				i++
			}
			i++
			continue
		}
		if t.Kind != Ident {
			break
		}
		w := r.src[t.Start:t.End]
		switch {
		case eqFold(w, "BEGIN"), eqFold(w, "ELSE"), eqFold(w, "LOOP"), eqFold(w, "THEN"),
			eqFold(w, "DECLARE"), eqFold(w, "EXCEPTION"):
			i++
		case eqFold(w, "END"):
			return // END [IF|LOOP|CASE] [label]
		case eqFold(w, "IF"), eqFold(w, "ELSIF"), eqFold(w, "ELSEIF"), eqFold(w, "WHEN"):
			if !skipTo("THEN") {
				return
			}
		case eqFold(w, "WHILE"), eqFold(w, "FOR"), eqFold(w, "FOREACH"):
			if !skipTo("LOOP") {
				return
			}
		case eqFold(w, "CASE"):
			i++
			for i < n && !(r.tk(i).Kind == Ident && eqFold(r.src[r.tk(i).Start:r.tk(i).End], "WHEN")) {
				i++
			}
		default:
			break strip
		}
	}
	if i >= n {
		return
	}
	first := r.tk(i)
	switch {
	case first.Kind == Ident && eqFold(r.src[first.Start:first.End], "EXECUTE"):
		r.execute(i + 1)
	case r.isDDLStart(first):
		k := copy(r.toks, r.toks[i:])
		r.toks = r.toks[:k]
		r.kws = r.kws[:copy(r.kws, r.kws[i:])]
		r.statement()
	}
}

// execute reads EXECUTE's argument at token i when it is constant.
func (r *reader) execute(i int) {
	n := len(r.toks)
	if i >= n {
		return
	}
	t := r.tk(i)
	if t.Kind == String && (i+1 == n || r.tk(i+1).Kind == Ident) { // USING / INTO follow
		if start, end, ok := r.stringBody(t); ok {
			r.runBody(start, end, false)
		}
	}
}
