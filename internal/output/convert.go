package output

import (
	"cmp"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/fixer"
	"github.com/idemlint/idemlint/schema"
)

// AddAnalysis adds a go/analysis diagnostic of package pkgID, whose
// positions fset resolves. The fix baseline of each edited file is its
// size and line starts as the analysis read it.
func (r *Result) AddAnalysis(pkgID string, fset *token.FileSet, d analysis.Diagnostic) {
	pos := func(p token.Pos) Position {
		if !p.IsValid() {
			return Position{}
		}
		tp := fset.Position(p)
		return Position{Path: tp.Filename, Line: tp.Line, Column: tp.Column, Offset: tp.Offset}
	}
	out := Diagnostic{Package: pkgID, Code: d.Category, Pos: pos(d.Pos), End: pos(cmp.Or(d.End, d.Pos)),
		Message: strings.TrimPrefix(d.Message, d.Category+": ")}
	for _, rel := range d.Related {
		out.Related = append(out.Related, Related{Pos: pos(rel.Pos), End: pos(cmp.Or(rel.End, rel.Pos)), Message: rel.Message})
	}
	for _, sf := range d.SuggestedFixes {
		f := Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			start, end := pos(e.Pos), pos(cmp.Or(e.End, e.Pos))
			tf := fset.File(e.Pos)
			// The analyzer spells a file to create as an insertion into an
			// empty file it added to the FileSet.
			create := tf != nil && tf.Size() == 0 && start.Offset == 0 && end.Offset == 0
			f.Edits = append(f.Edits, Edit{Path: start.Path, Start: start.Offset, End: end.Offset, New: string(e.NewText), Create: create})
			if tf != nil {
				r.baseline(start.Path, fixer.SizeBaseline(tf.Size(), tf.Lines()), create)
			}
		}
		out.Fixes = append(out.Fixes, f)
	}
	r.Diagnostics = append(r.Diagnostics, out)
}

// AddFinding adds a schema finding. The fix baseline of each edited file
// is its exact content as read.
func (r *Result) AddFinding(f schema.Finding) {
	out := Diagnostic{Code: f.Code, Pos: spanPos(f.Span, f.Span.Start), End: spanPos(f.Span, f.Span.End), Message: f.Message}
	for _, rel := range f.Related {
		out.Related = append(out.Related, Related{Pos: spanPos(rel.Span, rel.Span.Start), End: spanPos(rel.Span, rel.Span.End), Message: rel.Message})
	}
	for _, fx := range f.Fixes {
		fix := Fix{Message: fx.Message}
		for _, e := range fx.Edits {
			path := fixer.CleanPath(e.File.Path)
			fix.Edits = append(fix.Edits, Edit{Path: path, Start: e.Start, End: e.End, New: e.New})
			r.baseline(path, fixer.Baseline{Content: e.File.Src}, false)
		}
		for _, c := range fx.Creates {
			path := fixer.CleanPath(c.Path)
			fix.Edits = append(fix.Edits, Edit{Path: path, New: string(c.Content), Create: true})
			r.baseline(path, fixer.Baseline{}, true)
		}
		out.Fixes = append(out.Fixes, fix)
	}
	r.Diagnostics = append(r.Diagnostics, out)
}

func (r *Result) baseline(path string, b fixer.Baseline, create bool) {
	if r.Baselines == nil {
		r.Baselines = map[string]fixer.Baseline{}
	}
	path = fixer.CleanPath(path)
	if _, ok := r.Baselines[path]; ok {
		return
	}
	if create {
		b = fixer.Baseline{Absent: true}
	}
	r.Baselines[path] = b
}

func spanPos(s schema.Span, off int) Position {
	if s.File == nil {
		return Position{}
	}
	p := s.File.Position(off)
	path := fixer.CleanPath(p.Path)
	if len(s.File.Src) == 0 && off == 0 {
		return Position{Path: path} // a file that could not be read: no line to point at
	}
	return Position{Path: path, Line: p.Line, Column: p.Column, Offset: p.Offset}
}
