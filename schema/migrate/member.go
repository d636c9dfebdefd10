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

// SkipOf returns why h leaves the file at path out of its steps (a down
// migration, no version number in its name…), if it does.
func (h *History) SkipOf(path string) (Skip, bool) {
	path = filepath.Clean(path)
	for _, s := range h.Skipped {
		if filepath.Clean(s.Path) == path {
			return s, true
		}
	}
	return Skip{}, false
}

// PartOfConvention reports whether s leaves out a file the convention
// itself defines (a down or undo migration, a migration written in Go), as
// opposed to one the tool ignores because of its name.
func (s Skip) PartOfConvention() bool {
	switch s.Reason {
	case reasonDown, reasonUndo, reasonGo:
		return true
	}
	return false
}
