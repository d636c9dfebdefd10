package load

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
)

// configDialect returns the dialect that a sqlc or Atlas configuration in
// path's folder or an ancestor (up to the module root, at most eight
// levels) declares for the schema holding path: sqlc's engine, or the
// database URL of atlas.hcl. DialectUnknown when none says.
func configDialect(path string) schema.Dialect {
	abs, err := filepath.Abs(path)
	if err != nil {
		return schema.DialectUnknown
	}
	dir := filepath.Dir(abs)
	for i := 0; i < 8; i++ {
		if hasConfig(dir) {
			sources, err := migrate.FindSchemas(dir)
			if err == nil {
				for _, s := range sources {
					if s.Dialect == schema.DialectUnknown || !strings.HasPrefix(s.Origin, "sqlc") && !strings.HasPrefix(s.Origin, "atlas") {
						continue // only a configuration's word counts here, not a guess from a folder name
					}
					for _, p := range s.Paths {
						if within(abs, p) {
							return s.Dialect
						}
					}
				}
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return schema.DialectUnknown
}

func hasConfig(dir string) bool {
	for _, name := range []string{"sqlc.yaml", "sqlc.yml", "sqlc.json", "atlas.hcl"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// within reports whether path is p or lies below it.
func within(path, p string) bool {
	p, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(p, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
