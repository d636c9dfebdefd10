package schema

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/checks"
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
// args names code: a code in any case, a glob (IDEM1*) or "*".
func codesMatch(args, code string) bool {
	for _, c := range directiveCodes(args) {
		if checks.Matches(c, code) {
			return true
		}
	}
	return false
}

// directiveCodes returns the code patterns a directive's arguments start
// with ("IDEM101,IDEM103 reason" → IDEM101, IDEM103).
func directiveCodes(args string) []string {
	first, _, _ := strings.Cut(args, " ")
	first, _, _ = strings.Cut(first, "\t") // IDEM101<TAB>reason
	var out []string
	for _, c := range strings.Split(first, ",") {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// suppressor returns the comment whose idemlint:ignore, or the file's
// idemlint:file-ignore, silences code at s.
func suppressor(s Span, code string) (Comment, bool) {
	if s.File == nil {
		return Comment{}, false
	}
	for _, c := range commentsFor(s) {
		if args, ok := directiveArgs(c.Text, IgnoreDirective); ok && codesMatch(args, code) {
			return c, true
		}
	}
	for _, c := range s.File.Comments {
		if args, ok := directiveArgs(c.Text, FileIgnoreDirective); ok && codesMatch(args, code) {
			return c, true
		}
	}
	return Comment{}, false
}

// Suppressed reports whether a comment at s, or a file-level directive in
// s's file, silences code.
func Suppressed(s Span, code string) bool {
	_, ok := suppressor(s, code)
	return ok
}

// unusedSuppressions reports (IDEM002) the idemlint:ignore and
// idemlint:file-ignore comments of m's files that silenced none of the
// findings a check produced, when a check they name is on: a stale
// directive would hide the next real finding on its line. used holds the
// spans of the comments that did silence something.
func unusedSuppressions(m *Model, opts Options, used map[Span]bool) []Finding {
	if !opts.Checks.Enabled(checks.UnusedIgnore) {
		return nil
	}
	var out []Finding
	for _, f := range m.Files {
		for _, c := range f.Comments {
			if used[c.Span] {
				continue
			}
			directive := IgnoreDirective
			args, ok := directiveArgs(c.Text, directive)
			if !ok {
				directive = FileIgnoreDirective
				if args, ok = directiveArgs(c.Text, directive); !ok {
					continue
				}
			}
			codes := directiveCodes(args)
			if !namesEnabled(codes, opts.Checks) {
				continue // its checks are off: it is not known to be stale
			}
			where := "on its line or the next"
			if directive == FileIgnoreDirective {
				where = "in this file"
			}
			out = append(out, Finding{Code: checks.UnusedIgnore, Span: c.Span,
				Message: fmt.Sprintf("%s %s suppresses nothing: no %s finding %s; remove it, or it will hide the next real one",
					directive, strings.Join(codes, ","), strings.Join(codes, " or "), where)})
		}
	}
	return out
}

// namesEnabled reports whether a code pattern of codes names a check Check
// runs and sel reports. Directives for the checks of Go code, in the Go
// files that declare models, are the Go side's to judge; IDEM001 is not
// suppressible.
func namesEnabled(codes []string, sel checks.Selection) bool {
	for _, c := range checks.All {
		if !sel.Enabled(c.Code) || c.Category != checks.CategorySchema || c.Code == checks.ReadError {
			continue
		}
		for _, p := range codes {
			if checks.Matches(p, c.Code) {
				return true
			}
		}
	}
	return false
}

// IgnoreCodes reads a comment's text (markers included or not) as an
// idemlint:ignore or idemlint:file-ignore directive: the code patterns it
// names, and whether it covers the whole file.
func IgnoreCodes(text string) (codes []string, fileWide, ok bool) {
	if args, ok := directiveArgs(text, IgnoreDirective); ok {
		return directiveCodes(args), false, true
	}
	if args, ok := directiveArgs(text, FileIgnoreDirective); ok {
		return directiveCodes(args), true, true
	}
	return nil, false, false
}

// IgnoreComment reports whether a comment's text (markers included or not)
// is an idemlint:ignore or idemlint:file-ignore directive naming code.
func IgnoreComment(text, code string) (ignores, fileWide bool) {
	if args, ok := directiveArgs(text, IgnoreDirective); ok && codesMatch(args, code) {
		return true, false
	}
	if args, ok := directiveArgs(text, FileIgnoreDirective); ok && codesMatch(args, code) {
		return true, true
	}
	return false, false
}
