package load

import (
	"os"
	"path/filepath"

	"github.com/idemlint/idemlint/schema/migrate"
)

// An Overlay is content that replaces files on disk while loading: an
// editor's unsaved buffers, for the language server. Keys are clean
// absolute paths. It replaces what files hold, never which files exist:
// a file must exist on disk to be found (a new, unsaved buffer is read
// once it is saved).
type Overlay map[string][]byte

// readFile reads path, or its overlay content.
func (o Overlay) readFile(path string) ([]byte, error) {
	if b, ok := o[filepath.Clean(path)]; ok {
		return b, nil
	}
	return os.ReadFile(path)
}

// discover is migrate.Discover with the overlay's content for the steps it
// replaces.
func (o Overlay) discover(dir string) (*migrate.History, error) {
	h, err := migrate.Discover(dir)
	if err != nil {
		return h, err
	}
	for path, src := range o {
		h.SetSource(path, src)
	}
	return h, nil
}
