package migrate

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema"
)

// A Kind says how a schema source is read.
type Kind int

const (
	// Declarative: SQL files applied whole, in the order of Paths
	// (schema.sql, a pg_dump, sqlc's schema files).
	Declarative Kind = iota + 1
	// MigrationDir: one folder, Paths[0], read with Discover and Replay.
	MigrationDir
	// Prisma: the .prisma files of one Prisma schema.
	Prisma
)

func (k Kind) String() string {
	switch k {
	case Declarative:
		return "declarative"
	case MigrationDir:
		return "migration-dir"
	case Prisma:
		return "prisma"
	}
	return "unknown"
}

// A Source is one schema found in a repository.
type Source struct {
	Kind    Kind
	Paths   []string
	Dialect schema.Dialect // DialectUnknown when nothing says
	// Origin says what pointed at the source: "sqlc.yaml sql[0].schema",
	// "atlas.hcl migration.dir", "prisma migrate (migration_lock.toml)",
	// "folder name".
	Origin string
	// Mirrors is set on a Prisma Migrate folder: the schema.prisma its
	// migrations were generated from. Both describe one database; a
	// consumer checking both should expect the same findings twice.
	Mirrors string
}

// FindSchemas walks the repository at root and returns every schema source
// it recognises: those named by sqlc and Atlas configurations, Prisma
// schemas and their migration folders, then folders and files whose names
// conventionally hold a schema (migrations, db/migrations, sql/schema,
// schema.sql, db/structure.sql…), and last the folders of SQL files that a
// non-test Go file of the module embeds with //go:embed, whatever their
// name (blnk's sql/*.sql, embedded by its root package): the module says
// they are its schema, and every package of it writes to those tables,
// not only the one that embeds them. vendor, node_modules, testdata and
// hidden folders are skipped. A path claimed by a configuration is not
// reported again by name.
func FindSchemas(root string) ([]Source, error) {
	f := &finder{root: root, claimed: map[string]bool{}}
	if err := f.walk(); err != nil {
		return nil, err
	}
	for _, p := range f.sqlcConfigs {
		f.sqlc(p)
	}
	for _, p := range f.atlasConfigs {
		f.atlas(p)
	}
	for _, dir := range f.prismaDirs {
		f.prisma(dir)
	}
	f.byName()
	f.embedded()
	sort.SliceStable(f.out, func(i, j int) bool { return f.out[i].Paths[0] < f.out[j].Paths[0] })
	return f.out, nil
}

type finder struct {
	root         string
	sqlcConfigs  []string
	atlasConfigs []string
	prismaDirs   []string // folders holding .prisma files
	migDirs      []string // folders under a migrations-like name
	schemaDirs   []string // folders named schema/schemas holding .sql
	schemaFiles  []string // schema.sql, structure.sql
	sqlDirs      []string // every folder holding .sql files, in walk order
	claimed      map[string]bool
	out          []Source
}

var skipDirs = map[string]bool{"vendor": true, "node_modules": true, "testdata": true}

// migrationSegments are folder names under which migrations conventionally
// live: migrations/, db/migrate/, riverdriver/…/migration/main/.
var migrationSegments = map[string]bool{"migrations": true, "migration": true, "migrate": true}

func (f *finder) walk() error {
	return filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == f.root {
				return err
			}
			return nil // an unreadable corner of the tree is not fatal
		}
		name := d.Name()
		if d.IsDir() {
			if p != f.root && (strings.HasPrefix(name, ".") || skipDirs[name]) {
				return filepath.SkipDir
			}
			rel, _ := filepath.Rel(f.root, p)
			segs := strings.Split(filepath.ToSlash(rel), "/")
			for _, s := range segs {
				if migrationSegments[strings.ToLower(s)] {
					f.migDirs = append(f.migDirs, p)
					break
				}
			}
			if n := strings.ToLower(name); n == "schema" || n == "schemas" {
				f.schemaDirs = append(f.schemaDirs, p)
			}
			return nil
		}
		switch strings.ToLower(name) {
		case "sqlc.yaml", "sqlc.yml", "sqlc.json":
			f.sqlcConfigs = append(f.sqlcConfigs, p)
		case "atlas.hcl":
			f.atlasConfigs = append(f.atlasConfigs, p)
		case "schema.sql", "structure.sql":
			f.schemaFiles = append(f.schemaFiles, p)
		}
		if strings.EqualFold(filepath.Ext(name), ".sql") && !strings.HasPrefix(name, ".") {
			dir := filepath.Dir(p)
			if n := len(f.sqlDirs); n == 0 || f.sqlDirs[n-1] != dir {
				f.sqlDirs = append(f.sqlDirs, dir)
			}
		}
		if strings.HasSuffix(name, ".prisma") {
			dir := filepath.Dir(p)
			if n := len(f.prismaDirs); n == 0 || f.prismaDirs[n-1] != dir {
				f.prismaDirs = append(f.prismaDirs, dir)
			}
		}
		return nil
	})
}

func (f *finder) add(s Source) {
	for _, p := range s.Paths {
		f.claimed[filepath.Clean(p)] = true
	}
	f.out = append(f.out, s)
}

// folder adds the SQL in dir: a migration history when Scan recognises one
// by its names, else its .sql files as one declarative schema. It reports
// whether dir held any SQL.
func (f *finder) folder(dir string, d schema.Dialect, origin string) bool {
	if f.claimed[filepath.Clean(dir)] {
		return true
	}
	h, err := Scan(dir)
	if err == nil {
		if d == schema.DialectUnknown {
			d = h.Dialect
		}
		f.add(Source{Kind: MigrationDir, Paths: []string{dir}, Dialect: d, Origin: origin})
		f.claimSteps(h)
		return true
	}
	files := sqlFilesIn(dir)
	if len(files) == 0 {
		return false
	}
	f.claimed[filepath.Clean(dir)] = true
	f.add(Source{Kind: Declarative, Paths: files, Dialect: d, Origin: origin})
	return true
}

// claimSteps keeps the folders of a folder-per-migration history from being
// reported on their own.
func (f *finder) claimSteps(h *History) {
	for _, s := range h.Steps {
		if h.Convention == PrismaMigrate || h.Convention == DirPerMigration {
			f.claimed[filepath.Clean(filepath.Dir(s.Path))] = true
		}
		f.claimed[filepath.Clean(s.Path)] = true
	}
}

func sqlFilesIn(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && strings.EqualFold(filepath.Ext(e.Name()), ".sql") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// ---- sqlc ----

// sqlc reads sqlc.yaml/yml/json, versions 1 (packages[]) and 2 (sql[]).
func (f *finder) sqlc(p string) {
	b, err := readfile.Regular(p)
	if err != nil {
		return
	}
	var doc any
	if strings.HasSuffix(strings.ToLower(p), ".json") {
		if json.Unmarshal(b, &doc) != nil {
			return
		}
	} else {
		doc = parseYAML(b)
	}
	top, _ := doc.(map[string]any)
	base := filepath.Base(p)
	for _, list := range []string{"sql", "packages"} {
		entries, _ := top[list].([]any)
		for i, e := range entries {
			entry, _ := e.(map[string]any)
			engine, _ := entry["engine"].(string)
			if engine == "" && list == "packages" {
				engine = "postgresql" // sqlc v1's default engine
			}
			d, _ := schema.ParseDialect(engine)
			origin := fmt.Sprintf("%s %s[%d].schema", base, list, i)
			var files []string
			for _, rel := range stringList(entry["schema"]) {
				for _, sp := range expand(filepath.Join(filepath.Dir(p), rel)) {
					if st, err := os.Stat(sp); err == nil && st.IsDir() {
						f.folder(sp, d, origin)
					} else if err == nil && !f.claimed[filepath.Clean(sp)] {
						files = append(files, sp)
					}
				}
			}
			if len(files) > 0 {
				f.add(Source{Kind: Declarative, Paths: files, Dialect: d, Origin: origin})
			}
		}
	}
}

// stringList accepts a string or a list of strings.
func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// expand resolves a glob; a plain path is returned as is.
func expand(p string) []string {
	if !strings.ContainsAny(p, "*?[") {
		return []string{p}
	}
	m, _ := filepath.Glob(p)
	return m
}

// ---- Atlas ----

// The patterns are compiled on first use: every go vet tool process links
// this package, few of them read an atlas.hcl or a Prisma schema.
var (
	atlasDir     = lazyRegexp(`\bdir\s*=\s*"file://([^"?]+)`)
	atlasSrc     = lazyRegexp(`\bsrc\s*=\s*(\[[^\]]*\]|"[^"]*")`)
	atlasFileURL = lazyRegexp(`"file://([^"?]+)`)
	atlasURL     = lazyRegexp(`\b(?:url|dev)\s*=\s*"([a-zA-Z0-9+]+)://([a-zA-Z0-9]*)`)
)

// atlas reads atlas.hcl: migration dirs, .sql desired-state files, and the
// database URLs' schemes for the dialect. HCL is matched by pattern, not
// parsed: attribute values built from variables are not followed.
func (f *finder) atlas(p string) {
	b, err := readfile.Regular(p)
	if err != nil {
		return
	}
	src := string(b)
	d := schema.DialectUnknown
	for _, m := range atlasURL().FindAllStringSubmatch(src, -1) {
		scheme := m[1]
		if scheme == "docker" {
			scheme = m[2] // docker://postgres/15/dev
		}
		if dd, ok := urlDialect(scheme); ok {
			d = dd
			break
		}
	}
	dir := filepath.Dir(p)
	for _, m := range atlasDir().FindAllStringSubmatch(src, -1) {
		f.folder(filepath.Join(dir, m[1]), d, "atlas.hcl migration.dir")
	}
	for _, m := range atlasSrc().FindAllStringSubmatch(src, -1) {
		for _, u := range atlasFileURL().FindAllStringSubmatch(m[1], -1) {
			sp := filepath.Join(dir, u[1])
			if st, err := os.Stat(sp); err == nil && st.IsDir() {
				f.folder(sp, d, "atlas.hcl src")
			} else if err == nil && strings.EqualFold(filepath.Ext(sp), ".sql") && !f.claimed[filepath.Clean(sp)] {
				f.add(Source{Kind: Declarative, Paths: []string{sp}, Dialect: d, Origin: "atlas.hcl src"})
			}
		}
	}
}

// urlDialect maps a database URL scheme (Atlas's and the drivers') to a
// dialect.
func urlDialect(scheme string) (schema.Dialect, bool) {
	switch strings.ToLower(scheme) {
	case "maria", "mariadb":
		return schema.MariaDB, true
	case "libsql", "sqlite", "sqlite3", "file":
		return schema.SQLite, true
	case "cockroach", "cockroachdb", "crdb":
		return schema.CockroachDB, true
	case "postgresql", "postgres", "pgx":
		return schema.PostgreSQL, true
	}
	return schema.ParseDialect(scheme)
}

// ---- Prisma ----

var (
	prismaDatasource = lazyRegexp(`(?m)^\s*datasource\s+\w+\s*\{[^}]*\}`)
	prismaProvider   = lazyRegexp(`provider\s*=\s*"([^"]+)"`)
)

// prisma adds the Prisma schema in dir (all its .prisma files when the
// schema is split, datasource in one of them) and, when a migrations folder
// sits beside it or beside its folder, that Prisma Migrate history.
func (f *finder) prisma(dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.prisma"))
	d := schema.DialectUnknown
	hasDatasource := false
	main := ""
	for _, p := range files {
		b, err := readfile.Regular(p)
		if err != nil {
			continue // still a path of the schema: loading it reports the error
		}
		if main == "" || filepath.Base(p) == "schema.prisma" {
			main = p
		}
		if ds := prismaDatasource().Find(b); ds != nil {
			hasDatasource = true
			if m := prismaProvider().FindSubmatch(ds); m != nil {
				d, _ = schema.ParseDialect(string(m[1]))
			}
		}
	}
	if !hasDatasource {
		return // a fragment of a schema whose datasource lives elsewhere
	}
	f.add(Source{Kind: Prisma, Paths: files, Dialect: d, Origin: "schema.prisma"})
	for _, mdir := range []string{filepath.Join(dir, "migrations"), filepath.Join(filepath.Dir(dir), "migrations")} {
		if f.claimed[filepath.Clean(mdir)] {
			continue
		}
		h, err := Scan(mdir)
		if err != nil || h.Convention != PrismaMigrate {
			continue
		}
		md, origin := d, "prisma migrate (beside schema.prisma)"
		if h.Dialect != schema.DialectUnknown {
			md, origin = h.Dialect, "prisma migrate (migration_lock.toml)"
		}
		f.add(Source{Kind: MigrationDir, Paths: []string{mdir}, Dialect: md, Origin: origin, Mirrors: main})
		f.claimSteps(h)
		break
	}
}

// ---- folder names ----

// byName adds what configurations did not name: migration folders, schema
// folders and schema.sql / structure.sql files, with a dialect guessed from
// the path when one of its folders names an engine (riversqlite, pgx…).
func (f *finder) byName() {
	for _, dir := range f.migDirs {
		if f.claimed[filepath.Clean(dir)] {
			continue
		}
		h, err := Scan(dir)
		if err != nil {
			continue // a parent such as db/ or a folder of Go or Ruby migrations
		}
		d := h.Dialect
		origin := "folder name"
		if d == schema.DialectUnknown {
			if gd, ok := f.guessDialect(dir); ok {
				d, origin = gd, "folder name (dialect guessed from the path)"
			}
		}
		f.add(Source{Kind: MigrationDir, Paths: []string{dir}, Dialect: d, Origin: origin})
		f.claimSteps(h)
	}
	for _, dir := range f.schemaDirs {
		if f.claimed[filepath.Clean(dir)] {
			continue
		}
		d, _ := f.guessDialect(dir)
		f.folder(dir, d, "folder name")
	}
	for _, p := range f.schemaFiles {
		if f.claimed[filepath.Clean(p)] || f.claimed[filepath.Clean(filepath.Dir(p))] {
			continue
		}
		d, _ := f.guessDialect(p)
		f.add(Source{Kind: Declarative, Paths: []string{p}, Dialect: d, Origin: "file name"})
	}
}

// guessDialect reads a dialect from p's folder names below the root
// (schema.PathDialect: the one folder-name rule idemlint has).
func (f *finder) guessDialect(p string) (schema.Dialect, bool) {
	rel, err := filepath.Rel(f.root, p)
	if err != nil {
		rel = p
	}
	d := schema.PathDialect(rel)
	return d, d != schema.DialectUnknown
}

// lazyRegexp returns a function that compiles expr on its first call.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// embedded adds the SQL files that nothing above found and that a
// non-test Go file of the module embeds: a //go:embed directive in their
// folder or in one of its parents up to the module that holds it, whose
// pattern names the folder, a folder above it or the files. A folder
// embedded whole is read as any folder is (a migration history when its
// names say so); else the embedded files alone, as a declarative schema.
// A schema only a _test.go file embeds is test data.
func (f *finder) embedded() {
	directives := map[string][]embedDirective{} // by folder, read once
	for _, dir := range f.sqlDirs {
		if f.claimed[filepath.Clean(dir)] {
			continue
		}
		all := sqlFilesIn(dir)
		files, by := f.embeddedFiles(dir, all, directives)
		if len(files) == 0 || slices.ContainsFunc(all, func(p string) bool { return f.claimed[filepath.Clean(p)] }) {
			continue // none embedded, or found by a rule above
		}
		d, _ := f.guessDialect(dir)
		origin := "//go:embed in " + by
		if len(files) == len(all) {
			f.folder(dir, d, origin)
			continue
		}
		f.add(Source{Kind: Declarative, Paths: files, Dialect: d, Origin: origin})
	}
}

// An embedDirective is the patterns of one //go:embed line of file.
type embedDirective struct {
	file     string
	patterns []string
}

// embeddedFiles returns the files of all (the .sql files of dir) that a
// //go:embed directive takes in, and the first Go file (relative to the
// root) whose directive does.
func (f *finder) embeddedFiles(dir string, all []string, cache map[string][]embedDirective) (files []string, by string) {
	root := filepath.Clean(f.root)
	in := map[string]bool{}
	for g := filepath.Clean(dir); ; g = filepath.Dir(g) {
		ds, ok := cache[g]
		if !ok {
			ds = embedDirectives(g)
			cache[g] = ds
		}
		for _, d := range ds {
			matched := false
			for _, p := range all {
				if !in[p] && embeds(g, d.patterns, p) {
					in[p], matched = true, true
				}
			}
			if matched && by == "" {
				rel, err := filepath.Rel(f.root, d.file)
				if err != nil {
					rel = d.file
				}
				by = filepath.ToSlash(rel)
			}
		}
		if _, err := os.Stat(filepath.Join(g, "go.mod")); err == nil || g == root || filepath.Dir(g) == g {
			break // a directive cannot reach across a module's root
		}
	}
	for _, p := range all {
		if in[p] {
			files = append(files, p)
		}
	}
	return files, by
}

// embedDirectives reads the //go:embed lines of the non-test Go files of
// dir.
func embedDirectives(dir string) []embedDirective {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []embedDirective
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		p := filepath.Join(dir, name)
		src, err := readfile.Regular(p)
		if err != nil || !strings.Contains(string(src), "//go:embed") {
			continue
		}
		for _, line := range strings.Split(string(src), "\n") {
			rest, ok := strings.CutPrefix(strings.TrimSpace(line), "//go:embed")
			if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
				continue
			}
			out = append(out, embedDirective{file: p, patterns: EmbedPatterns(rest)})
		}
	}
	return out
}

// EmbedPatterns splits a //go:embed line's arguments: space-separated,
// each possibly a Go string literal.
func EmbedPatterns(s string) []string {
	var pats []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '`' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return pats
			}
			if u, err := strconv.Unquote(q); err == nil {
				pats = append(pats, u)
			}
			s = s[len(q):]
			continue
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			i = len(s)
		}
		pats = append(pats, s[:i])
		s = s[i:]
	}
	return pats
}

// embeds reports whether a pattern of a directive in folder g takes in
// file: the pattern matches the file, or a folder above it whose tree is
// embedded (less names starting with '.' or '_' below it, unless the
// pattern has the all: prefix).
func embeds(g string, patterns []string, file string) bool {
	file = filepath.Clean(file)
	for _, pat := range patterns {
		all := false
		if p, ok := strings.CutPrefix(pat, "all:"); ok {
			pat, all = p, true
		}
		matches, err := filepath.Glob(filepath.Join(g, filepath.FromSlash(pat)))
		if err != nil {
			continue
		}
		for _, m := range matches {
			m = filepath.Clean(m)
			if m == file {
				return true
			}
			rel, err := filepath.Rel(m, file)
			if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				continue
			}
			if info, err := os.Stat(m); err != nil || !info.IsDir() {
				continue
			}
			hidden := false
			for _, seg := range strings.Split(rel, string(filepath.Separator)) {
				if !all && (strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_")) {
					hidden = true
				}
			}
			if !hidden {
				return true
			}
		}
	}
	return false
}
