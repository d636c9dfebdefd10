package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
	"github.com/idemlint/idemlint/schema/prisma"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// Options control loading.
type Options struct {
	// Dialect overrides the dialect a schema declares or implies.
	Dialect schema.Dialect
}

// IsSchemaFile reports whether path names a file idemlint reads as a schema.
func IsSchemaFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".prisma", ".sql":
		return true
	}
	return false
}

// Expand turns paths (files or directories) into the sorted list of schema
// files they hold. Directories are walked recursively, skipping hidden
// folders, node_modules, vendor and testdata below the named directory. A
// file named explicitly is kept even if its extension is unusual.
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
				if path != p && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" || name == "testdata") {
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

// Paths expands paths and loads them: Expand followed by Files.
func Paths(paths []string, opts Options) ([]*schema.Model, error) {
	files, err := Expand(paths)
	if err != nil {
		return nil, err
	}
	return Files(files, opts)
}

// Files reads the schema files at paths and returns their models:
//
//   - all Prisma files form one (multi-file) Prisma schema;
//   - SQL files that belong to a migration folder are replayed in the
//     folder's order, one model per folder; a Prisma schema with a sibling
//     Prisma Migrate folder takes the database's truth from the replayed
//     migrations (see mergePrisma);
//   - the other SQL files are declarative and form one model per folder,
//     applied in name order.
//
// Parse errors are recorded in each model, not returned; the error is for
// files that cannot be read or are not schema files.
func Files(paths []string, opts Options) ([]*schema.Model, error) {
	var prismaFiles []*schema.File
	var sqlPaths []string
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".prisma":
			src, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			prismaFiles = append(prismaFiles, schema.NewFile(p, src))
		case ".sql":
			sqlPaths = append(sqlPaths, p)
		default:
			return nil, fmt.Errorf("%s: not a schema file idemlint reads (.prisma or .sql)", p)
		}
	}

	var prismaModel *schema.Model
	if len(prismaFiles) > 0 {
		prismaModel = prisma.ParseFiles(prismaFiles)
	}
	histories, declarative, err := groupSQL(sqlPaths)
	if err != nil {
		return nil, err
	}
	// A Prisma schema's own migrations are the database's truth, even when
	// only the schema was named (//go:embed schema.prisma).
	if prismaModel != nil {
		dirs := map[string]bool{}
		for _, f := range prismaFiles {
			dirs[filepath.Dir(f.Path)] = true
		}
		for dir := range dirs {
			mdir := filepath.Join(dir, "migrations")
			if !hasHistory(histories, mdir) {
				if h, err := migrate.Discover(mdir); err == nil && h.Convention == migrate.PrismaMigrate {
					histories = append(histories, h)
				}
			}
		}
	}

	var models []*schema.Model
	usedPrisma := false
	for _, h := range histories {
		d := opts.Dialect
		if d == schema.DialectUnknown {
			d = h.Dialect
		}
		if d == schema.DialectUnknown && prismaModel != nil && h.Convention == migrate.PrismaMigrate {
			d = prismaModel.Dialect
		}
		if d == schema.DialectUnknown {
			d = configDialect(h.Dir)
		}
		if d == schema.DialectUnknown {
			d = sniffDialect(h)
		}
		m := h.Replay(d)
		plan := newMigrationPlan(h)
		for _, f := range m.Files {
			if f.Syntax != nil {
				f.Syntax = &migrationSyntax{Syntax: f.Syntax, m: m, plan: plan}
			}
		}
		if prismaModel != nil && h.Convention == migrate.PrismaMigrate && !usedPrisma {
			m = mergePrisma(prismaModel, m)
			usedPrisma = true
		}
		models = append(models, m)
	}
	if prismaModel != nil && !usedPrisma {
		models = append(models, prismaModel)
	}
	for _, group := range declarative {
		m := &schema.Model{Dialect: opts.Dialect}
		for _, p := range group {
			src, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			if m.Dialect == schema.DialectUnknown {
				m.Dialect = configDialect(p)
			}
			if m.Dialect == schema.DialectUnknown {
				m.Dialect = pathDialect(p)
			}
			if m.Dialect == schema.DialectUnknown {
				m.Dialect = sniffSQL(src)
			}
			f := schema.NewFile(p, src)
			f.Syntax = &sqlddl.Syntax{Declarative: true}
			sqlddl.Apply(m, f)
		}
		models = append(models, m)
	}
	for _, m := range models {
		if opts.Dialect != schema.DialectUnknown {
			m.Dialect = opts.Dialect
		}
	}
	return models, nil
}

func hasHistory(hs []*migrate.History, dir string) bool {
	for _, h := range hs {
		if filepath.Clean(h.Dir) == filepath.Clean(dir) {
			return true
		}
	}
	return false
}

// groupSQL splits SQL files into the migration histories they belong to and
// folders of declarative files.
func groupSQL(paths []string) ([]*migrate.History, [][]string, error) {
	histories := map[string]*migrate.History{}
	tried := map[string]bool{}
	member := map[string]*migrate.History{}
	for _, p := range paths {
		// A migration is dir/file.sql or, for Prisma Migrate and folder-per-
		// migration layouts, dir/<version>_name/file.sql.
		for _, dir := range []string{filepath.Dir(p), filepath.Dir(filepath.Dir(p))} {
			if !tried[dir] {
				tried[dir] = true
				h, err := migrate.Discover(dir)
				switch {
				case err == nil && len(h.Steps) > 0 && h.Convention != migrate.Unknown:
					histories[dir] = h
				case err != nil && !errors.Is(err, migrate.ErrNoMigrations) && !errors.Is(err, fs.ErrNotExist):
					return nil, nil, err
				}
			}
			if h := histories[dir]; h != nil && h.HasStep(p) {
				member[p] = h
				break
			}
		}
	}
	named := map[*migrate.History]map[string]bool{}
	var declarative [][]string
	byDir := map[string][]string{}
	var dirs []string
	for _, p := range paths {
		if h := member[p]; h != nil {
			if named[h] == nil {
				named[h] = map[string]bool{}
			}
			named[h][p] = true
			continue
		}
		if underHistory(histories, p) {
			continue // a down file, or a test fixture beside the migrations
		}
		d := filepath.Dir(p)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], p)
	}
	var out []*migrate.History
	var keys []string
	for dir := range histories {
		keys = append(keys, dir)
	}
	sort.Strings(keys)
	for _, dir := range keys {
		h := histories[dir]
		if named[h] == nil {
			continue
		}
		// The whole history, not just the files named: the state after the
		// last migration depends on every earlier one (a pre-commit hook
		// names only the new migration).
		out = append(out, h)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		declarative = append(declarative, byDir[d])
	}
	return out, declarative, nil
}

// underHistory reports whether p lies inside a migration folder.
func underHistory(hs map[string]*migrate.History, p string) bool {
	for dir := range hs {
		if rel, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}

// sniffDialect guesses a migration folder's dialect from its first files.
func sniffDialect(h *migrate.History) schema.Dialect {
	if d := pathDialect(h.Dir); d != schema.DialectUnknown {
		return d
	}
	for i := range h.Steps {
		if d := sniffSQL(h.Steps[i].Src()); d != schema.DialectUnknown {
			return d
		}
		if i > 20 {
			break
		}
	}
	return schema.PostgreSQL
}

// pathDialect reads a dialect from folder names such as migrations/sqlite
// or db/mysql, which projects with several engines use.
func pathDialect(p string) schema.Dialect {
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		for _, word := range strings.FieldsFunc(strings.ToLower(part), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			switch word {
			case "postgres", "postgresql", "pg", "pgx", "mysql", "mariadb", "sqlite", "sqlite3", "mssql", "sqlserver", "cockroach", "cockroachdb":
				d, _ := schema.ParseDialect(word)
				return d
			}
		}
	}
	return schema.DialectUnknown
}

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
	case bytes.Contains(src, []byte("$$")) || bytes.Contains(src, []byte("::")) || bytes.Contains(src, []byte("SERIAL")) ||
		bytes.Contains(src, []byte("serial")) || bytes.Contains(src, []byte("jsonb")) || bytes.Contains(src, []byte("timestamptz")):
		return schema.PostgreSQL
	}
	return schema.DialectUnknown
}
