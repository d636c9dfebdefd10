package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// suppressedInGo reports whether a //idemlint:ignore comment silences code
// at pos: on the same line, or in the run of comment lines right above it;
// or an //idemlint:file-ignore anywhere in the file.
func suppressedInGo(fset *token.FileSet, file *ast.File, src []byte, pos token.Pos, code string) bool {
	if file == nil {
		return false
	}
	line := fset.Position(pos).Line
	above := map[int]bool{} // lines that hold only a comment
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if !strings.Contains(c.Text, "idemlint:") {
				continue
			}
			ignores, fileWide := schema.IgnoreComment(c.Text, code)
			if !ignores {
				continue
			}
			if fileWide {
				return true
			}
			cl := fset.Position(c.Slash).Line
			if cl == line {
				return true
			}
			if startsLine(fset, src, c.Slash) {
				above[cl] = true
			}
		}
	}
	// Walk up through consecutive comment-only lines above pos.
	for l := line - 1; l > 0; l-- {
		if above[l] {
			return true
		}
		if !commentOnlyLine(fset, file, src, l) {
			return false
		}
	}
	return false
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

// commentOnlyLine reports whether line l of file holds only a comment (so
// a run of comment lines can carry a directive down to the code below).
func commentOnlyLine(fset *token.FileSet, file *ast.File, src []byte, l int) bool {
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if fset.Position(c.Slash).Line <= l && fset.Position(c.End()).Line >= l && startsLine(fset, src, c.Slash) {
				return true
			}
		}
	}
	return false
}
