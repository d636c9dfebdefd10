package load

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
)

// DialectDefault is the engine a schema is read as when nothing names one:
// the most common engine of Go services, and one whose NULL rule (NULLs
// distinct in unique indexes) MySQL, MariaDB, SQLite and CockroachDB share.
const DialectDefault = schema.PostgreSQL

// DialectClues is what is known about one schema's engine, cheapest and
// most explicit first. DetectDialect reads them in a fixed order.
type DialectClues struct {
	// Override is the -dialect flag (DialectUnknown when not given).
	Override schema.Dialect
	// Path is a file or folder of the schema: sqlc and Atlas
	// configurations above it, and its folder names, are read from it.
	Path string
	// Datasource is what a Prisma schema's datasource provider says, and
	// where (DialectUnknown when the schema is not Prisma).
	Datasource     schema.Dialect
	DatasourceFrom string
	// Lock is what a migration folder's lock file says (Prisma Migrate's
	// migration_lock.toml).
	Lock schema.Dialect
	// Sniff guesses from the SQL text, read only if everything else is
	// silent; nil when there is no text.
	Sniff func() schema.Dialect
}

// DetectDialect decides a schema's dialect, in this order: the -dialect
// flag, a sqlc or Atlas configuration that names the schema, a Prisma
// datasource provider, a migration lock file, a folder or file name that
// names an engine, the SQL text, and last DialectDefault. It returns the
// dialect and what decided it, for -model and -v.
//
// The last step is per file: a file that names its own engine (FileDialect:
// 002_files.up.spanner.sql, ENGINE = MergeTree) is read as that engine
// whatever the schema's dialect, so a folder that mixes engines becomes
// one model per engine, and a file of an engine idemlint does not model
// (ClickHouse, Spanner) is left unread with a note, not read as PostgreSQL
// (engineSteps for migration histories, readDeclarative for plain files).
func DetectDialect(c DialectClues) (schema.Dialect, string) {
	if c.Override != schema.DialectUnknown {
		return c.Override, "-dialect flag"
	}
	if c.Path != "" {
		if d, from := configDialect(c.Path); d != schema.DialectUnknown {
			return d, from
		}
	}
	if c.Datasource != schema.DialectUnknown {
		return c.Datasource, cmpOr(c.DatasourceFrom, "Prisma datasource provider")
	}
	if c.Lock != schema.DialectUnknown {
		return c.Lock, "migration_lock.toml"
	}
	if c.Path != "" {
		if d := schema.PathDialect(relToProject(c.Path)); d != schema.DialectUnknown {
			return d, "folder name"
		}
	}
	if c.Sniff != nil {
		if d := c.Sniff(); d != schema.DialectUnknown {
			return d, "SQL text"
		}
	}
	return DialectDefault, "default: nothing names the engine"
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// relToProject shortens path to the part below its project root (the
// nearest folder with go.mod or .git), so folder names outside the
// project (/home/pg/…) say nothing about its engine.
func relToProject(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if root := projectRoot(abs); root != "" {
		if rel, err := filepath.Rel(root, abs); err == nil {
			return rel
		}
	}
	// No project around it: only the last few names count.
	parts := strings.Split(filepath.ToSlash(abs), "/")
	return strings.Join(parts[max(0, len(parts)-3):], "/")
}

// projectRoot returns the nearest folder at or above dir holding go.mod or
// .git, or "".
func projectRoot(path string) string {
	for dir := filepath.Dir(path); ; {
		for _, marker := range []string{"go.mod", ".git"} {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// configDialect returns the dialect that a sqlc or Atlas configuration in
// path's folder or an ancestor (up to the module root, at most eight
// levels) declares for the schema holding path: sqlc's engine, or the
// database URL of atlas.hcl; with the configuration's name.
func configDialect(path string) (schema.Dialect, string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return schema.DialectUnknown, ""
	}
	dir := filepath.Dir(abs)
	for range 8 {
		if hasConfig(dir) {
			if d, from := configNaming(dir, abs); d != schema.DialectUnknown {
				return d, from
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
	return schema.DialectUnknown, ""
}

// configNaming returns the dialect of the sqlc or Atlas configuration in
// dir whose schema paths hold path.
func configNaming(dir, path string) (schema.Dialect, string) {
	sources, err := migrate.FindSchemas(dir)
	if err != nil {
		return schema.DialectUnknown, ""
	}
	for _, s := range sources {
		if s.Dialect == schema.DialectUnknown || !strings.HasPrefix(s.Origin, "sqlc") && !strings.HasPrefix(s.Origin, "atlas") {
			continue // only a configuration's word counts here, not a guess from a folder name
		}
		for _, p := range s.Paths {
			if within(path, p) {
				return s.Dialect, s.Origin
			}
		}
	}
	return schema.DialectUnknown, ""
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

// crdbColumnType matches a column declared with a type only CockroachDB
// has among the modelled engines: STRING or BYTES (Spanner's STRING(MAX)
// is told apart before the SQL is read), at the start of a line, so a
// comment's "a string" is not one.
var crdbColumnType = regexp.MustCompile(`(?im)^\s*(?:"[^"\n]+"|\w+)\s+(?:STRING|BYTES)\b`)

// sniffSQL guesses the dialect of SQL text from constructs only one engine
// family writes. It returns DialectUnknown when nothing tells.
func sniffSQL(src []byte) schema.Dialect {
	switch {
	case bytes.Contains(src, []byte("AUTOINCREMENT")) || bytes.Contains(src, []byte("WITHOUT ROWID")):
		return schema.SQLite
	case bytes.Contains(src, []byte("ENGINE=")) || bytes.Contains(src, []byte("AUTO_INCREMENT")):
		return schema.MySQL
	case bytes.Contains(src, []byte("NVARCHAR")) || bytes.Contains(src, []byte("IDENTITY(")) || bytes.Contains(src, []byte("\nGO\n")):
		return schema.SQLServer
	case bytes.Contains(src, []byte("unique_rowid()")) || crdbColumnType.Match(src):
		// Before PostgreSQL: CockroachDB files write its casts and types too.
		return schema.CockroachDB
	case bytes.Contains(src, []byte("$$")) || bytes.Contains(src, []byte("::")) || bytes.Contains(src, []byte("SERIAL")) ||
		bytes.Contains(src, []byte("serial")) || bytes.Contains(src, []byte("jsonb")) || bytes.Contains(src, []byte("timestamptz")):
		return schema.PostgreSQL
	}
	return schema.DialectUnknown
}

// sniffHistory guesses a migration history's dialect from its first files.
func sniffHistory(h *migrate.History) func() schema.Dialect {
	return func() schema.Dialect {
		for i := range min(len(h.Steps), 21) {
			if d := sniffSQL(h.Steps[i].Src()); d != schema.DialectUnknown {
				return d
			}
		}
		return schema.DialectUnknown
	}
}
