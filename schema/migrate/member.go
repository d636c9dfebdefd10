package migrate

import "path/filepath"

// HasStep reports whether the file at path is one of h's steps.
func (h *History) HasStep(path string) bool {
	path = filepath.Clean(path)
	for i := range h.Steps {
		if filepath.Clean(h.Steps[i].Path) == path {
			return true
		}
	}
	return false
}
