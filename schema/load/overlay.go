package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema/migrate"
)

// An Overlay is content that replaces files on disk while loading: an
// editor's unsaved buffers, for the language server. Keys are clean
// absolute paths. A path that is not on disk yet (a new buffer, not saved)
// is a file too: named, it is read; in a migration folder, it is one of
// the history's steps.
type Overlay map[string][]byte

// has reports whether path has overlay content.
func (o Overlay) has(path string) bool {
	_, ok := o[filepath.Clean(path)]
	return ok
}

// unsaved returns the names of the overlay's files in dir that are not on
// disk.
func (o Overlay) unsaved(dir string) []string {
	var names []string
	for path := range o {
		if filepath.Dir(path) != filepath.Clean(dir) {
			continue
		}
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			names = append(names, filepath.Base(path))
		}
	}
	slices.Sort(names)
	return names
}

// readFile reads the regular file at path, or its overlay content.
func (o Overlay) readFile(path string) ([]byte, error) {
	if b, ok := o[filepath.Clean(path)]; ok {
		return b, nil
	}
	return readfile.Regular(path)
}

// apply gives the loaded history h the overlay's content for the steps it
// replaces.
func (o Overlay) apply(h *migrate.History) {
	for path, src := range o {
		h.SetSource(path, src)
	}
}
