package load

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/prisma"
)

// Options control loading.
type Options struct {
	// Dialect overrides the dialect a schema declares or implies.
	Dialect schema.Dialect
}

// IsSchemaFile reports whether path names a file idemlint reads as a schema.
func IsSchemaFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".prisma":
		return true
	}
	return false
}

// Expand turns paths (files or directories) into the sorted list of schema
// files they hold. Directories are walked recursively, skipping hidden
// folders, node_modules and vendor. A file named explicitly is kept even if
// its extension is unusual.
func Expand(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				name := d.Name()
				if path != p && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor") {
					return filepath.SkipDir
				}
				return nil
			}
			if IsSchemaFile(path) {
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

// Files reads the schema files at paths (already expanded) and returns their
// models. Parse errors are recorded in each model, not returned; the error
// is for files that cannot be read or recognised.
func Files(paths []string, opts Options) ([]*schema.Model, error) {
	var prismaFiles []*schema.File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".prisma":
			prismaFiles = append(prismaFiles, schema.NewFile(p, src))
		default:
			return nil, fmt.Errorf("%s: not a schema file idemlint can read (want .prisma)", p)
		}
	}
	var models []*schema.Model
	if len(prismaFiles) > 0 {
		models = append(models, prisma.ParseFiles(prismaFiles))
	}
	for _, m := range models {
		if opts.Dialect != schema.DialectUnknown {
			m.Dialect = opts.Dialect
		}
	}
	return models, nil
}

// Paths expands paths and loads them: Expand followed by Files.
func Paths(paths []string, opts Options) ([]*schema.Model, error) {
	files, err := Expand(paths)
	if err != nil {
		return nil, err
	}
	return Files(files, opts)
}
