package load

import (
	"os"
	"path/filepath"
)

// ModuleRoot walks up from dir to the folder holding go.mod, or returns
// "" outside a module. Relative -schema paths resolve from it, and
// Module finds a module's schemas below it.
func ModuleRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
