package load

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
	"github.com/idemlint/idemlint/schema/prisma"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// Options control loading.
type Options struct {
	// Dialect overrides the dialect a schema declares or implies.
	Dialect schema.Dialect
	// Overlay replaces the content of files on disk (see Overlay).
	Overlay Overlay
	// Cache, when not nil, keeps migration histories read and replayed
	// from one load to the next (see Cache).
	Cache *Cache
}

// IsSchemaFile reports whether path names a file that is a schema by
// itself (Prisma or SQL): what //go:embed, a folder walk, the language
// server and a pre-commit hook pick up by name. Go files that declare
// models are schema sources too (see Reader), but only read when named or
// found as such.
func IsSchemaFile(path string) bool {
	return filesReader{}.Claims(path)
}

// Expand turns paths (files or directories) into the sorted list of schema
// files they hold. Directories are walked recursively, skipping hidden
// folders, node_modules, vendor and testdata below the named directory. A
// file named explicitly is kept even if its extension is unusual. An entry
// the walk cannot look into (an unreadable folder) is kept in the list too,
// so that Files reports it at its path; the error is only for a path that
// cannot be stat'ed.
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
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				add(path) // Files reports why it cannot be read
				return nil
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

// Files reads the schema sources at paths and returns their models: each
// path goes to the first reader that claims it (see Reader), and each
// reader reads all of its paths at once, so files that form one schema
// (a Prisma schema and its migrations, the steps of a history, the Go
// files of one package of models) are read together.
//
// Parse errors are recorded in each model, not returned, and so is every
// file or folder that cannot be read. The error is for paths no reader
// claims.
func Files(paths []string, opts Options) ([]*schema.Model, error) {
	byReader := make([][]string, len(readers))
	for _, p := range paths {
		i := slices.IndexFunc(readers, func(r Reader) bool { return r.Claims(p) })
		if i < 0 {
			i = 0 // the files reader says why it cannot read p
		}
		byReader[i] = append(byReader[i], p)
	}
	var models []*schema.Model
	for i, ps := range byReader {
		if len(ps) == 0 {
			continue
		}
		ms, err := readers[i].Read(ps, opts)
		if err != nil {
			return nil, err
		}
		models = append(models, ms...)
	}
	return models, nil
}

// Read reads the Prisma and SQL files at paths and returns their models:
//
//   - all Prisma files form one (multi-file) Prisma schema;
//   - SQL files that belong to a migration folder are replayed in the
//     folder's order, one model per folder; a Prisma schema with a sibling
//     Prisma Migrate folder takes the database's truth from the replayed
//     migrations (see mergePrisma);
//   - the other SQL files are declarative and form one model per folder,
//     applied in name order.
//
// Parse errors are recorded in each model, not returned, and so is every
// file or folder that cannot be read (a named pipe, a dangling link, no
// permission): an error at its path, while the other files are still
// loaded. Only regular files are read. The error is for paths that are not
// schema files.
func (filesReader) Read(paths []string, opts Options) ([]*schema.Model, error) {
	var prismaFiles []*schema.File
	var prismaErrs, unreadable []*schema.ParseError
	var sqlPaths []string
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".prisma":
			src, err := opts.Overlay.readFile(p)
			if err != nil {
				prismaErrs = append(prismaErrs, readfile.Error(p, err))
				continue
			}
			prismaFiles = append(prismaFiles, schema.NewFile(p, src))
		case ".sql":
			sqlPaths = append(sqlPaths, p)
		default:
			if err := unlistable(p); err != nil {
				unreadable = append(unreadable, readfile.Error(p, err)) // a folder Expand could not list
				continue
			}
			return nil, fmt.Errorf("%s: not a schema file idemlint reads (.prisma or .sql)", p)
		}
	}

	var prismaModel *schema.Model
	if len(prismaFiles) > 0 {
		prismaModel = prisma.ParseFiles(prismaFiles)
		prismaModel.Errors = append(prismaErrs, prismaModel.Errors...)
	} else if len(prismaErrs) > 0 {
		unreadable = append(unreadable, prismaErrs...)
	}
	histories, declarative := groupSQL(sqlPaths, opts.Overlay, opts.Cache)
	if prismaModel != nil {
		histories = append(histories, prismaMigrations(prismaFiles, histories, opts.Cache)...)
	}

	var models []*schema.Model
	usedPrisma := false
	for _, h := range histories {
		var pm *schema.Model
		if prismaModel != nil && h.Convention == migrate.PrismaMigrate && !usedPrisma {
			pm, usedPrisma = prismaModel, true
		}
		models = append(models, replayHistory(h, pm, opts)...)
	}
	if prismaModel != nil && !usedPrisma {
		prismaModel.Dialect, prismaModel.DialectFrom = DetectDialect(prismaClues(prismaModel, opts))
		models = append(models, prismaModel)
	}
	for _, group := range declarative {
		models = append(models, readDeclarative(group, opts)...)
	}
	if len(unreadable) > 0 {
		models = append(models, &schema.Model{Dialect: opts.Dialect, Errors: unreadable})
	}
	return models, nil
}

// unlistable returns why the folder at p cannot be listed, or nil when p is
// not a folder or can be listed.
func unlistable(p string) error {
	if info, err := os.Stat(p); err != nil || !info.IsDir() {
		return nil
	}
	_, err := os.ReadDir(p)
	return err
}

// prismaMigrations returns the Prisma Migrate folders beside the Prisma
// files that histories lacks: a Prisma schema's own migrations are the
// database's truth, even when only the schema was named (//go:embed
// schema.prisma).
func prismaMigrations(files []*schema.File, histories []*migrate.History, cache *Cache) []*migrate.History {
	var out []*migrate.History
	seen := map[string]bool{}
	for _, f := range files {
		mdir := filepath.Join(filepath.Dir(f.Path), "migrations")
		if seen[mdir] || hasHistory(histories, mdir) {
			continue
		}
		seen[mdir] = true
		if h, err := cache.history(mdir, nil); err == nil && h.Convention == migrate.PrismaMigrate {
			out = append(out, h)
		}
	}
	return out
}

// prismaClues are the dialect clues of a Prisma schema.
func prismaClues(pm *schema.Model, opts Options) DialectClues {
	c := DialectClues{Override: opts.Dialect, Datasource: pm.Dialect}
	if len(pm.Files) > 0 {
		c.Path = pm.Files[0].Path
	}
	if pm.DialectSpan.IsValid() {
		c.DatasourceFrom = "Prisma datasource provider at " + pm.DialectSpan.Position().String()
	}
	return c
}

// replayHistory replays a migration history into models, merged with the
// Prisma schema pm it was generated from when pm is not nil. A history
// replays into one model per engine its files are written for (see
// engineSteps): engines are never mixed in one replay, and files of an
// engine idemlint does not model are left out with a note.
func replayHistory(h *migrate.History, pm *schema.Model, opts Options) []*schema.Model {
	clues := DialectClues{Override: opts.Dialect, Path: h.Dir, Lock: h.Dialect}
	if pm != nil {
		pc := prismaClues(pm, opts)
		clues.Datasource, clues.DatasourceFrom = pc.Datasource, pc.DatasourceFrom
	}
	models, replays := opts.Cache.replayed(h, clues, opts)
	if pm != nil && replays > 0 {
		models[0] = mergePrisma(pm, models[0])
	}
	return models
}

// replayEngines replays the loaded history h, decided as dialect d (from),
// once per engine its steps are written for (see engineSteps), and returns
// the models, with the fix plans of the replays (none when no engine is
// modelled: then one empty model carries the notes). known, when not nil,
// gives a step's FileDialect when it is already known; replay, when not
// nil, replays h as one engine in place of History.Replay.
func replayEngines(h *migrate.History, d schema.Dialect, from string, override schema.Dialect, known func(int) (schema.Dialect, string, bool),
	replay func(*migrate.History, schema.Dialect) *schema.Model) ([]*schema.Model, []*migrationPlan) {
	plan := engineSteps(h, d, from, override, known)
	if replay == nil {
		replay = (*migrate.History).Replay
	}
	var models []*schema.Model
	var plans []*migrationPlan
	for _, e := range plan.replay {
		m := replay(h, e.d)
		m.DialectFrom = e.from
		mplan := newMigrationPlan(h)
		for _, f := range m.Files {
			if f.Syntax != nil {
				f.Syntax = &migrationSyntax{Syntax: f.Syntax, m: m, plan: mplan}
			}
		}
		models = append(models, m)
		plans = append(plans, mplan)
	}
	if len(models) == 0 {
		models = append(models, &schema.Model{Dialect: d, DialectFrom: from})
	}
	models[0].Notes = append(models[0].Notes, plan.notes...)
	return models, plans
}

// readDeclarative reads one folder's declarative SQL files, in order, into
// one model per engine (a file may name its own, see FileDialect); a file
// that cannot be read is an error in the model, and a file of an engine
// idemlint does not model is a note.
func readDeclarative(group []string, opts Options) []*schema.Model {
	type read struct {
		f    *schema.File
		d    schema.Dialect
		from string
	}
	var files []read
	var errs []*schema.ParseError
	var notes []schema.Note
	for _, p := range group {
		src, err := opts.Overlay.readFile(p)
		if err != nil {
			errs = append(errs, readfile.Error(p, err))
			continue
		}
		f := schema.NewFile(p, src)
		d, from := FileDialect(p, src, true)
		if d != schema.DialectUnknown && !d.Modelled() {
			notes = append(notes, unmodelledNote(p, d, from))
			continue
		}
		files = append(files, read{f, d, from})
	}
	common, commonFrom := DetectDialect(DialectClues{
		Override: opts.Dialect,
		Path:     group[0],
		Sniff: func() schema.Dialect {
			for _, r := range files {
				if r.d == schema.DialectUnknown {
					return sniffSQL(r.f.Src)
				}
			}
			return schema.DialectUnknown
		},
	})
	var models []*schema.Model
	byDialect := map[schema.Dialect]*schema.Model{}
	modelFor := func(d schema.Dialect, from string) *schema.Model {
		if m := byDialect[d]; m != nil {
			return m
		}
		m := &schema.Model{Dialect: d, DialectFrom: from}
		byDialect[d] = m
		models = append(models, m)
		return m
	}
	for _, r := range files {
		d, from := r.d, "file name "+filepath.Base(r.f.Path)
		if d == schema.DialectUnknown {
			d, from = common, commonFrom
		}
		m := modelFor(d, from)
		r.f.Syntax = &sqlddl.Syntax{Declarative: true}
		sqlddl.Apply(m, r.f)
	}
	if len(models) == 0 {
		modelFor(common, commonFrom)
	}
	models[0].Errors = append(errs, models[0].Errors...)
	models[0].Notes = append(models[0].Notes, notes...)
	return models
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
// folders of declarative files. Membership is decided from names
// (migrate.Scan): no neighbour of a named file is read, and a neighbour or
// folder that cannot be read is no reason to fail, since the named file is
// then simply declarative. Only the histories returned are read, later.
func groupSQL(paths []string, overlay Overlay, cache *Cache) ([]*migrate.History, [][]string) {
	histories := map[string]*migrate.History{}
	tried := map[string]bool{}
	member := map[string]*migrate.History{}
	for _, p := range paths {
		// A migration is dir/file.sql or, for Prisma Migrate and folder-per-
		// migration layouts, dir/<version>_name/file.sql.
		for _, dir := range []string{filepath.Dir(p), filepath.Dir(filepath.Dir(p))} {
			if !tried[dir] {
				tried[dir] = true
				if h, err := cache.history(dir, overlay.unsaved(dir)); err == nil && h.Convention != migrate.Unknown {
					histories[dir] = h
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
	return out, declarative
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
