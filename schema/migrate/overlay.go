package migrate

import (
	"path/filepath"
	"slices"
)

// SetSource replaces the content of the step read from path with src, as
// if the file held src (an editor's unsaved buffer), and reports whether
// a step was read from path. Call it after Load. The history's convention
// stays the one the files on disk gave; only the step's Up sections are
// found again.
func (h *History) SetSource(path string, src []byte) bool {
	i, ok := h.members()[filepath.Clean(path)]
	if !ok || i < 0 {
		return false
	}
	s := &h.Steps[i]
	s.src, s.err, s.Up, s.spell = src, nil, nil, new(stepSpellingOnce)
	if mk, ok := markers[h.Convention]; ok {
		if up, ok := upRanges(src, mk); ok {
			s.Up, s.src = up, blank(src, up)
		}
	}
	return true
}

// Copy returns a history that shares h's files as read but not its steps:
// SetSource, or a caller marking steps as variants, changes the copy
// alone. A cache keeps h as read from disk and hands out copies.
func (h *History) Copy() *History {
	c := *h
	c.Steps = slices.Clone(h.Steps)
	return &c
}
