package migrate

import "path/filepath"

// HasStep reports whether the file at path is one of h's steps.
func (h *History) HasStep(path string) bool {
	_, ok := h.members()[filepath.Clean(path)]
	return ok
}

// SkipOf returns why h leaves the file at path out of its steps (a down
// migration, no version number in its name…), if it does.
func (h *History) SkipOf(path string) (Skip, bool) {
	i, ok := h.members()[filepath.Clean(path)]
	if !ok || i >= 0 {
		return Skip{}, false
	}
	return h.Skipped[-i-1], true
}

// members indexes h's files by clean path: a step's index, or -1-i for
// Skipped[i]. Callers ask once per file of a folder, so a linear search
// made a history of n files cost O(n²). The index is rebuilt when the
// lists have grown since it was built.
func (h *History) members() map[string]int {
	if h.index != nil && h.indexed == len(h.Steps)+len(h.Skipped) {
		return h.index
	}
	h.index = make(map[string]int, len(h.Steps)+len(h.Skipped))
	for i := len(h.Skipped) - 1; i >= 0; i-- {
		h.index[filepath.Clean(h.Skipped[i].Path)] = -i - 1
	}
	for i := len(h.Steps) - 1; i >= 0; i-- {
		h.index[filepath.Clean(h.Steps[i].Path)] = i
	}
	h.indexed = len(h.Steps) + len(h.Skipped)
	return h.index
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
