package analyzer

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
)

// schemaReporter turns schema findings into diagnostics positioned in the
// schema files, which it adds to the pass's FileSet.
type schemaReporter struct {
	pass          *analysis.Pass
	files         map[*schema.File]*token.File
	goFiles       map[string]*token.File // the package's Go files by name: Go-declared models are positioned in them
	anchor        token.Pos              // the //go:embed variable of the current source
	anchorAtEmbed bool
	createFiles   bool
}

// tokenFile returns the token.File standing for f in the pass's FileSet.
func (r *schemaReporter) tokenFile(f *schema.File) *token.File {
	tf, ok := r.files[f]
	if !ok && r.goFiles[f.Path] != nil {
		tf, ok = r.goFiles[f.Path], true
		r.files[f] = tf
	}
	if !ok {
		tf = r.pass.Fset.AddFile(f.Path, -1, len(f.Src))
		tf.SetLinesForContent(f.Src)
		r.files[f] = tf
	}
	return tf
}

// pos returns the token positions of a span, or the anchor for a span in
// no file.
func (r *schemaReporter) pos(s schema.Span) (token.Pos, token.Pos) {
	if s.File == nil {
		return r.anchor, token.NoPos
	}
	tf := r.tokenFile(s.File)
	clamp := func(off int) int { return max(0, min(off, tf.Size())) }
	start, end := clamp(s.Start), clamp(s.End)
	if end < start {
		end = start
	}
	return tf.Pos(start), tf.Pos(end)
}

func (r *schemaReporter) report(f schema.Finding) {
	d := analysis.Diagnostic{
		Category: f.Code,
		Message:  f.Code + ": " + f.Message,
		URL:      checks.URL(f.Code),
	}
	for _, rel := range f.Related {
		pos, end := r.pos(rel.Span)
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, End: end, Message: rel.Message})
	}
	if r.anchorAtEmbed {
		// Drivers that drop positions outside Go files keep this one; the
		// schema location moves into the message and related information.
		d.Pos = r.anchor
		pos, end := r.pos(f.Span)
		d.Message = fmt.Sprintf("%s: %s (at %s)", f.Code, f.Message, f.Span.Position())
		d.Related = append([]analysis.RelatedInformation{{Pos: pos, End: end, Message: "the schema element"}}, d.Related...)
		r.pass.Report(d)
		return
	}
	d.Pos, d.End = r.pos(f.Span)
	for _, fix := range f.Fixes {
		if sf, ok := r.suggestedFix(fix); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, sf)
			continue
		}
		// go vet cannot create files: the fix's text, with its SQL, is all
		// it can show.
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: d.Pos, End: d.End, Message: "fix: " + fix.Message})
	}
	r.pass.Report(d)
}

// suggestedFix spells a schema fix as text edits; false when it creates a
// file and the driver cannot.
func (r *schemaReporter) suggestedFix(fix schema.Fix) (analysis.SuggestedFix, bool) {
	if len(fix.Creates) > 0 && !r.createFiles {
		return analysis.SuggestedFix{}, false
	}
	sf := analysis.SuggestedFix{Message: fix.Message}
	for _, c := range fix.Creates {
		// An insertion into an empty file that does not exist yet: the
		// standalone driver creates it (and refuses to overwrite one).
		tf := r.pass.Fset.AddFile(c.Path, -1, 0)
		sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: tf.Pos(0), End: tf.Pos(0), NewText: c.Content})
	}
	for _, e := range fix.Edits {
		pos, end := r.pos(schema.Span{File: e.File, Start: e.Start, End: e.End})
		sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(e.New)})
	}
	return sf, true
}

// note reports a note about the schema (a Finding without a code, such as
// schema.UnmarkedKeys gives) as a diagnostic of NoteCategory, which
// idemlint prints under -v only and never counts as a finding.
func (r *schemaReporter) note(f schema.Finding) {
	pos, end := r.pos(f.Span)
	msg := f.Message
	if r.anchorAtEmbed {
		pos, end = r.anchor, token.NoPos
		msg += " (at " + f.Span.Position().String() + ")"
	}
	r.pass.Report(analysis.Diagnostic{Pos: pos, End: end, Category: NoteCategory, Message: msg})
}
