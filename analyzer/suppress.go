package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
)

// Suppression comments in Go files. Three spellings work, so that a
// finding is silenced the way the reader's other linters taught them:
//
//	//idemlint:ignore IDEM201 reason        idemlint's own (as in schema files)
//	//idemlint:file-ignore IDEM201 reason   … for the whole file
//	//nolint:idemlint // reason             golangci-lint's (bare //nolint too)
//	//lint:ignore IDEM201 reason            staticcheck's; the reason is required
//	//lint:file-ignore IDEM201 reason       … for the whole file
//
// A directive on a line of code covers that line; one alone on its line
// covers the next line of code (through a run of comment lines), and a
// //nolint alone on its line covers the whole declaration or statement
// that starts there, as golangci-lint's does. A directive that silenced
// nothing in a run where its checks were on is reported (IDEM002): stale
// ignores hide the next real finding. A bare //nolint or //nolint:all is
// written for every linter, so it is not judged. A staticcheck-style directive
// without its reason does not apply and is reported (IDEM003), as
// staticcheck reports it.

// A goDirective is one suppression comment of a Go file.
type goDirective struct {
	comment  *ast.Comment
	name     string   // how it reads in messages: "//lint:ignore IDEM201"
	codes    []string // the code patterns it names; nil for every code (//nolint)
	fileWide bool
	from, to int    // the lines it covers, unless fileWide
	problem  string // why it cannot apply (IDEM003); "" when it can
	used     bool
	// general is a //nolint or //nolint:all, written for every linter:
	// that idemlint found nothing there says nothing about it.
	general bool
}

// goSuppressions are the suppression directives of one package's Go
// files, parsed on first use.
type goSuppressions struct {
	pass *analysis.Pass
	// nolintByDriver leaves //nolint to the driver (golangci-lint applies
	// it, and its nolintlint reports unused ones).
	nolintByDriver bool
	byFile         map[*ast.File][]*goDirective
}

func newGoSuppressions(pass *analysis.Pass, nolintByDriver bool) *goSuppressions {
	return &goSuppressions{pass: pass, nolintByDriver: nolintByDriver}
}

// directives returns file's directives.
func (s *goSuppressions) directives(file *ast.File) []*goDirective {
	if s.byFile == nil {
		s.byFile = map[*ast.File][]*goDirective{}
	}
	if d, ok := s.byFile[file]; ok {
		return d
	}
	var found []*goDirective
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if d := parseGoDirective(c.Text, s.nolintByDriver); d != nil {
				d.comment = c
				found = append(found, d)
			}
		}
	}
	if len(found) > 0 {
		s.place(file, found)
	}
	s.byFile[file] = found
	return found
}

// place works out the lines each directive covers.
func (s *goSuppressions) place(file *ast.File, ds []*goDirective) {
	fset := s.pass.Fset
	src, _ := gofix.ReadGoFile(s.pass, file)
	commentLines := map[int]bool{} // lines that hold only comments
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if startsLine(fset, src, c.Slash) {
				for l := fset.Position(c.Slash).Line; l <= fset.Position(c.End()).Line; l++ {
					commentLines[l] = true
				}
			}
		}
	}
	for _, d := range ds {
		line := fset.Position(d.comment.Slash).Line
		d.from, d.to = line, line
		if !startsLine(fset, src, d.comment.Slash) {
			continue // after code: that line alone
		}
		next := fset.Position(d.comment.End()).Line + 1
		for commentLines[next] {
			next++
		}
		d.to = next
		if d.codes == nil { // //nolint: the whole node that starts there
			d.to = max(d.to, nodeEndLine(fset, file, next))
		}
	}
}

// nodeEndLine returns the last line of the outermost declaration or
// statement that starts on line, or 0.
func nodeEndLine(fset *token.FileSet, file *ast.File, line int) int {
	end := 0
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || end > 0 {
			return false
		}
		start, stop := fset.Position(n.Pos()).Line, fset.Position(n.End()).Line
		if stop < line {
			return false // ends before: nothing inside starts on line
		}
		if _, isFile := n.(*ast.File); !isFile && start == line {
			switch n.(type) {
			case ast.Decl, ast.Stmt, *ast.Field, ast.Spec:
				end = stop
				return false
			}
		}
		return start <= line
	})
	return end
}

// suppresses reports whether a directive silences code at pos, and marks
// the directive used.
func (s *goSuppressions) suppresses(pos token.Pos, code string) bool {
	file := gofix.FileOf(s.pass, pos)
	if file == nil {
		return false
	}
	line := s.pass.Fset.Position(pos).Line
	hit := false
	for _, d := range s.directives(file) {
		if d.problem != "" || !d.names(code) || !d.fileWide && (line < d.from || line > d.to) {
			continue
		}
		d.used, hit = true, true // every directive that applies is used
	}
	return hit
}

func (d *goDirective) names(code string) bool {
	if d.codes == nil {
		return true
	}
	for _, p := range d.codes {
		if checks.Matches(p, code) {
			return true
		}
	}
	return false
}

// reportLeftovers reports the directives that cannot apply (IDEM003) and
// those that silenced nothing although a check they name ran (IDEM002).
// Test files, whose findings are never reported, are left alone.
func (s *goSuppressions) reportLeftovers(enabled func(checks.Code) bool) {
	for _, file := range s.pass.Files {
		if strings.HasSuffix(s.pass.Fset.File(file.Pos()).Name(), "_test.go") {
			continue
		}
		for _, d := range s.directives(file) {
			code, msg := "", ""
			switch {
			case d.problem != "":
				code, msg = checks.BadIgnore, d.name+" does not apply: "+d.problem
			case !d.used && !d.general && d.namesEnabled(enabled):
				where := "on the lines it covers"
				if d.fileWide {
					where = "in this file"
				}
				code, msg = checks.UnusedIgnore, fmt.Sprintf("%s suppresses nothing: no idemlint finding %s; remove it, or it will hide the next real one", d.name, where)
			default:
				continue
			}
			if !enabled(code) {
				continue
			}
			s.pass.Report(analysis.Diagnostic{Pos: d.comment.Slash, End: d.comment.End(), Category: code,
				Message: code + ": " + msg, URL: checks.URL(code)})
		}
	}
}

// namesEnabled reports whether the directive names a check of Go code
// that ran, so that its silence means something. Schema checks are left
// to the schema side, which judges the directives of the Go files that
// declare models (GORM, ent, bun) itself.
func (d *goDirective) namesEnabled(enabled func(checks.Code) bool) bool {
	for _, c := range checks.All {
		if c.Category == checks.CategoryGo && enabled(c.Code) && d.names(c.Code) {
			return true
		}
	}
	return false
}

// parseGoDirective reads a comment's text (markers included) as a
// suppression directive, or returns nil when it is none of idemlint's
// business: another comment, or another linter's //nolint or //lint:ignore.
func parseGoDirective(text string, nolintByDriver bool) *goDirective {
	if !strings.Contains(text, "lint") {
		return nil // the common case, decided without allocating
	}
	if codes, fileWide, ok := idemlintDirective(text); ok {
		form := schema.IgnoreDirective
		if fileWide {
			form = schema.FileIgnoreDirective
		}
		d := &goDirective{name: strings.TrimSpace("//" + form + " " + strings.Join(codes, ",")), codes: codes, fileWide: fileWide}
		if len(codes) == 0 {
			d.codes = []string{} // not nil, which would be every code
			d.problem = "it names no check (//" + form + " IDEM201 reason)"
		}
		d.checkCodes(looksLikeCode)
		return d
	}
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return nil
	}
	if d := parseNolint(body); d != nil {
		if nolintByDriver {
			return nil
		}
		return d
	}
	return parseLintIgnore(body)
}

// idemlintDirective reads idemlint's own directive in a Go comment:
// "//idemlint:ignore CODES reason", with at most one space after the
// comment marker, as Go's own directives are written. A doc comment that
// quotes a directive ("//\t//idemlint:ignore …") or prose that happens to
// wrap before the word ("// idemlint:ignore comments are …", whose
// "comments" is no code) is not one.
func idemlintDirective(text string) (codes []string, fileWide, ok bool) {
	t, isLine := strings.CutPrefix(text, "//")
	if !isLine {
		t = strings.TrimSuffix(strings.TrimPrefix(t, "/*"), "*/")
	}
	t = strings.TrimPrefix(t, " ")
	if !strings.HasPrefix(t, "idemlint:") {
		return nil, false, false
	}
	codes, fileWide, ok = schema.IgnoreCodes(t)
	if ok && len(codes) > 0 && !slices.ContainsFunc(codes, looksLikeCode) {
		return nil, false, false // prose
	}
	return codes, fileWide, ok
}

// looksLikeCode reports whether a code pattern is meant as one of
// idemlint's (IDEM201, idem2*, *) rather than another tool's check
// (SA4006) or a word of prose.
func looksLikeCode(p string) bool {
	return p == "*" || len(p) >= 4 && strings.EqualFold(p[:4], "IDEM")
}

// parseNolint reads golangci-lint's //nolint, //nolint:a,b and
// //nolint:idemlint // reason; only a bare one, or one naming idemlint or
// all, is ours.
func parseNolint(body string) *goDirective {
	t := strings.TrimLeft(body, " ")
	rest, ok := strings.CutPrefix(t, "nolint")
	if !ok || rest != "" && rest[0] != ':' && rest[0] != ' ' && rest[0] != '\t' {
		return nil
	}
	d := &goDirective{name: "//nolint", general: true}
	if list, ok := strings.CutPrefix(rest, ":"); ok {
		list, _, _ = strings.Cut(list, " ")
		list, _, _ = strings.Cut(list, "\t")
		ours := false
		for _, l := range strings.Split(list, ",") {
			if strings.EqualFold(l, "idemlint") {
				ours, d.general = true, false
			}
			ours = ours || strings.EqualFold(l, "all")
		}
		if !ours {
			return nil
		}
		d.name += ":" + list
	}
	return d
}

// parseLintIgnore reads staticcheck's //lint:ignore CHECKS reason and
// //lint:file-ignore CHECKS reason; it is ours when CHECKS names an
// idemlint code (IDEM201, IDEM2*).
func parseLintIgnore(body string) *goDirective {
	form, fileWide := "lint:ignore", false
	rest, ok := strings.CutPrefix(body, form)
	if !ok {
		form, fileWide = "lint:file-ignore", true
		if rest, ok = strings.CutPrefix(body, form); !ok {
			return nil
		}
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 || rest[0] != ' ' && rest[0] != '\t' {
		return nil
	}
	codes := strings.Split(fields[0], ",")
	if !slices.ContainsFunc(codes, looksLikeCode) {
		return nil // another tool's checks
	}
	d := &goDirective{name: "//" + form + " " + fields[0], codes: codes, fileWide: fileWide}
	d.checkCodes(looksLikeCode)
	if len(fields) < 2 {
		d.problem = "the reason is missing (//" + form + " " + fields[0] + " why this is fine), which staticcheck's form requires"
	}
	return d
}

// checkCodes sets d's problem when one of its code patterns that ours
// says is idemlint's matches no check: a typo (IDEM21) would otherwise
// silence nothing, silently.
func (d *goDirective) checkCodes(ours func(pattern string) bool) {
	for _, p := range d.codes {
		if !ours(p) {
			continue
		}
		if !slices.ContainsFunc(checks.All, func(c checks.Check) bool { return checks.Matches(p, c.Code) }) {
			d.problem = p + " names no idemlint check (the codes are IDEM001 … IDEM202; see idemlint help)"
			return
		}
	}
}

// startsLine reports whether only blanks precede pos on its line.
func startsLine(fset *token.FileSet, src []byte, pos token.Pos) bool {
	off := fset.Position(pos).Offset
	for i := off - 1; i >= 0 && i < len(src); i-- {
		switch src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}
