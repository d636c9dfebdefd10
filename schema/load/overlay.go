package load

import (
	"path/filepath"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema/migrate"
)

// An Overlay is content that replaces files on disk while loading: an
// editor's unsaved buffers, for the language server. Keys are clean
// absolute paths. It replaces what files hold, never which files exist:
// a file must exist on disk to be found (a new, unsaved buffer is read
// once it is saved).
type Overlay map[string][]byte

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
