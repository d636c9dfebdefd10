package schema

import (
	"bytes"
	"sort"
	"strings"
)

// IgnoreDirective suppresses findings: `idemlint:ignore IDEM101 reason`
// on the finding's line or alone on the line above it. Several codes may be
// given separated by commas; "*" matches every code.
const IgnoreDirective = "idemlint:ignore"

// FileIgnoreDirective suppresses findings anywhere in the file that holds
// it: `idemlint:file-ignore IDEM102 reason`.
const FileIgnoreDirective = "idemlint:file-ignore"

// commentsFor returns the comments that attach to the element starting at
// s: those on the same line as its start, plus the run of comment-only
// lines immediately above it.
func commentsFor(s Span) []Comment {
	f := s.File
	if f == nil || len(f.Comments) == 0 {
		return nil
	}
	line := f.Line(s.Start)
	var out []Comment
	want := line
	// Comments are in source order; walk back from the last one that starts
	// on or before the element's line, found by binary search (a file with
	// thousands of columns and comments asks once per column).
	next := len(f.Src)
	if starts := f.LineStarts(); line < len(starts) {
		next = starts[line]
	}
	last := sort.Search(len(f.Comments), func(i int) bool { return f.Comments[i].Span.Start >= next })
	for i := last - 1; i >= 0; i-- {
		c := f.Comments[i]
		cl := f.Line(c.Span.Start)
		if cl > line {
			continue
		}
		if cl == line {
			out = append(out, c)
			continue
		}
		if cl == want-1 && aloneOnLine(f, c) {
			out = append(out, c)
			want = cl
			continue
		}
		if cl < want-1 {
			break
		}
	}
	return out
}

// aloneOnLine reports whether only white space surrounds c on its line: a
// block comment followed by code annotates that code, not the next line.
func aloneOnLine(f *File, c Comment) bool {
	starts := f.LineStarts()
	ln := f.Line(c.Span.Start)
	if strings.TrimSpace(string(f.Src[starts[ln-1]:c.Span.Start])) != "" {
		return false
	}
	end := min(max(c.Span.End, c.Span.Start), len(f.Src))
	rest := f.Src[end:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	return len(bytes.TrimSpace(rest)) == 0
}

func hasAnnotation(s Span, directive string) bool {
	for _, c := range commentsFor(s) {
		if _, ok := directiveArgs(c.Text, directive); ok {
			return true
		}
	}
	return false
}

// directiveArgs finds directive at the start of a comment's text (after
// optional white space) and returns what follows it.
func directiveArgs(text, directive string) (string, bool) {
	t := strings.TrimLeft(text, " \t/-#*")
	if !strings.HasPrefix(t, directive) {
		return "", false
	}
	rest := t[len(directive):]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false // idemlint:keyfoo is not idemlint:key
	}
	return strings.TrimSpace(rest), true
}

// codesMatch reports whether the comma-separated code list at the start of
// args names code.
func codesMatch(args, code string) bool {
	first, _, _ := strings.Cut(args, " ")
	first, _, _ = strings.Cut(first, "\t") // IDEM101<TAB>reason
	for _, c := range strings.Split(first, ",") {
		if c == "*" || strings.EqualFold(c, code) {
			return true
		}
	}
	return false
}

// Suppressed reports whether a comment at s, or a file-level directive in
// s's file, silences code.
func Suppressed(s Span, code string) bool {
	if s.File == nil {
		return false
	}
	for _, c := range commentsFor(s) {
		if args, ok := directiveArgs(c.Text, IgnoreDirective); ok && codesMatch(args, code) {
			return true
		}
	}
	for _, c := range s.File.Comments {
		if args, ok := directiveArgs(c.Text, FileIgnoreDirective); ok && codesMatch(args, code) {
			return true
		}
	}
	return false
}

// IgnoreComment reports whether a comment's text (markers included or not)
// is an idemlint:ignore or idemlint:file-ignore directive naming code.
// The Go side of the analyzer uses it for //idemlint:ignore in Go files.
func IgnoreComment(text, code string) (ignores, fileWide bool) {
	if args, ok := directiveArgs(text, IgnoreDirective); ok && codesMatch(args, code) {
		return true, false
	}
	if args, ok := directiveArgs(text, FileIgnoreDirective); ok && codesMatch(args, code) {
		return true, true
	}
	return false, false
}
