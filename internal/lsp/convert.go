package lsp

import (
	"bytes"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/internal/output"
)

// sources finds the text that byte offsets point into: an open document's
// buffer (what the check read through the overlay), else the file on disk,
// read once.
type sources struct {
	docs  map[string][]byte // by clean path
	files map[string][]byte
	uri   func(path string) string
}

func newSources(docs map[string]*document, uri func(string) string) *sources {
	s := &sources{docs: map[string][]byte{}, files: map[string][]byte{}, uri: uri}
	for _, d := range docs {
		s.docs[d.path] = d.text
	}
	return s
}

func (s *sources) text(path string) []byte {
	path = filepath.Clean(path)
	if b, ok := s.docs[path]; ok {
		return b
	}
	b, ok := s.files[path]
	if !ok {
		b, _ = os.ReadFile(path) // a file gone since the check: positions clamp to its start
		s.files[path] = b
	}
	return b
}

// position converts a byte offset in path to LSP's line and UTF-16
// character.
func (s *sources) position(path string, offset int) Position {
	return offsetPosition(s.text(path), offset)
}

// offsetPosition converts a byte offset in text (clamped to it) to a
// zero-based line and UTF-16 character.
func offsetPosition(text []byte, offset int) Position {
	offset = min(max(offset, 0), len(text))
	line := bytes.Count(text[:offset], []byte{'\n'})
	start := bytes.LastIndexByte(text[:offset], '\n') + 1
	end := bytes.IndexByte(text[start:], '\n')
	if end < 0 {
		end = len(text) - start
	}
	return Position{Line: line, Character: output.UTF16Column(text[start:start+end], offset-start+1) - 1}
}

// positionOffset converts a zero-based line and UTF-16 character in text to
// a byte offset. As LSP says, a character past its line's end means the
// end of the line, and a line past the last the end of the text; a
// character inside a surrogate pair means the character's start.
func positionOffset(text []byte, p Position) int {
	off := 0
	for line := 0; line < p.Line; line++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	units := 0
	for i := off; i < len(text); {
		if text[i] == '\n' || text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			return i
		}
		r, size := utf8.DecodeRune(text[i:])
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > p.Character {
			return i
		}
		units += n
		i += size
	}
	return len(text)
}

func (s *sources) rangeOf(p, e output.Position) Range {
	if p.Line == 0 {
		return Range{} // the file as a whole (one that could not be read)
	}
	if e.Path == "" || e.Offset < p.Offset {
		e = p
	}
	return Range{Start: s.position(p.Path, p.Offset), End: s.position(p.Path, e.Offset)}
}

// diagnostic converts one of idemlint's diagnostics.
func (s *sources) diagnostic(d output.Diagnostic) Diagnostic {
	out := Diagnostic{
		Range:    s.rangeOf(d.Pos, d.End),
		Severity: severityError,
		Code:     d.Code,
		Source:   "idemlint",
		Message:  d.Message,
	}
	if c, ok := checks.Lookup(d.Code); ok {
		out.CodeDescription = &CodeDescription{Href: c.URL()}
		if c.Level == "warning" {
			out.Severity = severityWarning
		}
	}
	for _, r := range d.Related {
		if r.Pos.Path == "" {
			continue
		}
		out.RelatedInformation = append(out.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: s.uri(r.Pos.Path), Range: s.rangeOf(r.Pos, r.End)},
			Message:  r.Message,
		})
	}
	return out
}
