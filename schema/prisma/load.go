package prisma

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// LoadDir reads every *.prisma file under dir, recursively and in sorted
// path order, as one schema. Only I/O fails; syntax errors are in the
// model's Errors.
func LoadDir(dir string) (*schema.Model, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".prisma") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	files := make([]*schema.File, 0, len(paths))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files = append(files, schema.NewFile(p, src))
	}
	return ParseFiles(files), nil
}
