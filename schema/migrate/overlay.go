package migrate

import "path/filepath"

// SetSource replaces the content of the step read from path with src, as
// if the file held src (an editor's unsaved buffer), and reports whether
// a step was read from path. Call it after Load. The history's convention
// stays the one the files on disk gave; only the step's Up sections are
// found again.
func (h *History) SetSource(path string, src []byte) bool {
	path = filepath.Clean(path)
	for i := range h.Steps {
		s := &h.Steps[i]
		if filepath.Clean(s.Path) != path {
			continue
		}
		s.src, s.err, s.Up = src, nil, nil
		if mk, ok := markers[h.Convention]; ok {
			if up, ok := upRanges(src, mk); ok {
				s.Up, s.src = up, blank(src, up)
			}
		}
		return true
	}
	return false
}
