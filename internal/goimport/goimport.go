package goimport

import (
	"go/ast"
	"go/token"
	"path"
	"sort"
	"strconv"
	"strings"
)

// An Import is one import a fix adds: its path, and the name the fix
// refers to it by.
type Import struct {
	Path, Name string
}

// An Edit inserts Text at Pos (End is Pos: nothing is removed).
type Edit struct {
	Pos, End token.Pos
	Text     string
}

// Edits returns the edits that add imports to file, grouped as goimports
// groups them: a standard-library package into the group of
// standard-library imports, any other into the group of other imports
// whose paths share the longest prefix with it, each at its place in the
// group's order; a kind of import the file has no group for starts its
// own group (standard library first). A file whose one import is not
// parenthesised (import "context") gets it parenthesised with the new
// ones; a file with no import, or several unparenthesised ones, gets a
// new declaration after its imports (or the package clause).
// The caller leaves out the imports the file already has.
func Edits(fset *token.FileSet, file *ast.File, imports []Import) []Edit {
	if len(imports) == 0 {
		return nil
	}
	add := append([]Import(nil), imports...)
	sort.Slice(add, func(i, j int) bool { return add[i].Path < add[j].Path })
	var decls []*ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			decls = append(decls, gd)
		}
	}
	var groups [][]*ast.ImportSpec // the specs of parenthesised declarations, by blank-line-separated group
	for _, gd := range decls {
		if !gd.Lparen.IsValid() {
			continue
		}
		prevLine := -1
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			line := fset.Position(specStart(is)).Line
			if prevLine < 0 || line > prevLine+1 {
				groups = append(groups, nil)
			}
			groups[len(groups)-1] = append(groups[len(groups)-1], is)
			prevLine = fset.Position(specEnd(is)).Line
		}
	}
	if len(groups) == 0 && len(decls) == 1 && len(decls[0].Specs) == 1 {
		return parenthesise(decls[0].Specs[0].(*ast.ImportSpec), add)
	}
	if len(groups) == 0 {
		var b strings.Builder
		b.WriteString("\n\nimport (\n")
		for i, n := range add {
			if i > 0 && IsStd(n.Path) != IsStd(add[i-1].Path) {
				b.WriteString("\n")
			}
			b.WriteString("\t" + specText(n) + "\n")
		}
		b.WriteString(")")
		pos := file.Name.End()
		if len(decls) > 0 {
			pos = decls[len(decls)-1].End()
		}
		return []Edit{{Pos: pos, End: pos, Text: b.String()}}
	}
	var edits []Edit
	var newStd, newOther []Import // kinds with no group yet
	for _, n := range add {
		g := groupFor(groups, n.Path)
		if g == nil {
			if IsStd(n.Path) {
				newStd = append(newStd, n)
			} else {
				newOther = append(newOther, n)
			}
			continue
		}
		// Before the first spec that sorts after it, else after the last.
		pos, text := specEnd(g[len(g)-1]), "\n\t"+specText(n)
		for _, is := range g {
			if p, _ := strconv.Unquote(is.Path.Value); p > n.Path {
				pos, text = specStart(is), specText(n)+"\n\t"
				break
			}
		}
		edits = append(edits, Edit{Pos: pos, End: pos, Text: text})
	}
	if len(newStd) > 0 { // a group of its own, first
		specs := make([]string, len(newStd))
		for i, n := range newStd {
			specs[i] = specText(n)
		}
		pos := specStart(groups[0][0])
		edits = append(edits, Edit{Pos: pos, End: pos, Text: strings.Join(specs, "\n\t") + "\n\n\t"})
	}
	if len(newOther) > 0 { // a group of its own, last
		last := groups[len(groups)-1]
		var b strings.Builder
		b.WriteString("\n")
		for _, n := range newOther {
			b.WriteString("\n\t" + specText(n))
		}
		pos := specEnd(last[len(last)-1])
		edits = append(edits, Edit{Pos: pos, End: pos, Text: b.String()})
	}
	return edits
}

// parenthesise turns the file's one import, import "context", into a
// parenthesised declaration that holds it and add, sorted, the standard
// library's group first: the edits insert "(" and the specs before it,
// and the specs and ")" after it.
func parenthesise(is *ast.ImportSpec, add []Import) []Edit {
	have, _ := strconv.Unquote(is.Path.Value)
	std := IsStd(have)
	var stdFirst, before, after, othersLast []string
	for _, n := range add { // sorted by path
		switch {
		case IsStd(n.Path) != std && IsStd(n.Path):
			stdFirst = append(stdFirst, specText(n))
		case IsStd(n.Path) != std:
			othersLast = append(othersLast, specText(n))
		case n.Path < have:
			before = append(before, specText(n))
		default:
			after = append(after, specText(n))
		}
	}
	open := "(\n\t"
	if len(stdFirst) > 0 {
		open += strings.Join(stdFirst, "\n\t") + "\n\n\t" // a group of its own
	}
	for _, sp := range before {
		open += sp + "\n\t"
	}
	var b strings.Builder
	for _, sp := range after {
		b.WriteString("\n\t" + sp)
	}
	if len(othersLast) > 0 {
		b.WriteString("\n")
		for _, sp := range othersLast {
			b.WriteString("\n\t" + sp)
		}
	}
	b.WriteString("\n)")
	return []Edit{{Pos: specStart(is), End: specStart(is), Text: open}, {Pos: specEnd(is), End: specEnd(is), Text: b.String()}}
}

// groupFor returns the import group path joins: of the groups holding
// paths of its kind (standard library or not), the one whose path shares
// the longest prefix (whole path elements) with it, the first on a tie, as
// astutil.AddImport picks. nil when no group holds its kind.
func groupFor(groups [][]*ast.ImportSpec, path string) []*ast.ImportSpec {
	std := IsStd(path)
	var best []*ast.ImportSpec
	bestLen := -1
	for _, g := range groups {
		for _, is := range g {
			p, _ := strconv.Unquote(is.Path.Value)
			if p == "C" || IsStd(p) != std {
				continue
			}
			if n := commonPrefix(p, path); n > bestLen {
				best, bestLen = g, n
			}
		}
	}
	return best
}

// commonPrefix counts the leading path elements a and b share.
func commonPrefix(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}

// IsStd reports whether an import path is the standard library's, as
// goimports tells it: no dot in its first element.
func IsStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// specText is the import spec for n: its path, with its name when it is
// not the path's last element.
func specText(n Import) string {
	if n.Name != "" && n.Name != path.Base(n.Path) {
		return n.Name + " " + strconv.Quote(n.Path)
	}
	return strconv.Quote(n.Path)
}

// specStart is where an import spec's text starts, its doc comment
// included; specEnd where it ends, its line comment included.
func specStart(is *ast.ImportSpec) token.Pos {
	if is.Doc != nil {
		return is.Doc.Pos()
	}
	return is.Pos()
}

func specEnd(is *ast.ImportSpec) token.Pos {
	if is.Comment != nil {
		return is.Comment.End()
	}
	return is.End()
}
