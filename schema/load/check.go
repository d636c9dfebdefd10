package load

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
)

// Config is how a run reads and checks schemas: the one configuration the
// analyzer, `idemlint schema` and every other driver pass down.
type Config struct {
	Options                // how files are read (the -dialect override)
	Checks  schema.Options // which columns are keys, which codes are reported
}

// A Result is what Check read and found.
type Result struct {
	// Models are the schemas read, for the Go-side checks and -model.
	Models []*schema.Model
	// Findings are the checks' findings plus an IDEM001 for every file or
	// statement that could not be read, in path and offset order, each
	// once.
	Findings []schema.Finding
	// Skipped are named files that are not schema files (a pre-commit hook
	// passes every staged file): not an error, but worth a warning.
	Skipped []string
	// Beside are .sql files found in a folder named on the command line,
	// inside a migration history but not steps of it (a seed, a fixture,
	// a file without a version number): the migration tool does not run
	// them, so they are not read, but a caller should say so. A file named
	// itself is read on its own instead.
	Beside []migrate.Skip
	// Notes are files left unread on purpose outside any model (a
	// ClickHouse file beside a ClickHouse history's steps), for -v.
	Notes []schema.Note
}

// Check loads the schemas at paths (files, or folders searched
// recursively) and runs the schema checks on each. Prisma files are
// grouped into one schema per outermost folder of Prisma files (with the
// SQL files below it: its migrations); the other SQL files form one
// schema per migration history or folder. It never fails: what cannot be
// read becomes an IDEM001 finding at its path, and everything else is
// still checked.
func Check(paths []string, cfg Config) Result {
	var res Result
	var files []string
	seen := map[string]bool{}
	named := map[string]bool{}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil && errors.Is(err, fs.ErrNotExist) && cfg.Overlay.has(p) && IsSchemaFile(p) {
			// An editor's new buffer, not saved yet: its text is the file.
			named[filepath.Clean(p)] = true
			if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
			continue
		}
		if err != nil {
			res.addReadError(p, err)
			continue
		}
		if !info.IsDir() && !IsSchemaFile(p) {
			res.Skipped = append(res.Skipped, p)
			continue
		}
		if !info.IsDir() {
			named[filepath.Clean(p)] = true
		}
		expanded, err := Expand([]string{p})
		if err != nil {
			res.addReadError(p, err)
			continue
		}
		if info.IsDir() {
			expanded = append(expanded, GoModelFiles(p)...) // models declared in Go are schemas too
		}
		for _, f := range expanded {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	slices.Sort(files)
	for _, g := range groups(files) {
		models, err := Files(g, cfg.Options)
		if err != nil {
			res.addReadError(g[0], err)
			continue
		}
		CompareDeclared(declaredOnly(models), models) // Go models beside SQL migrations (IDEM104)
		res.addModels(models, cfg.Checks)
	}
	res.leftOut(files, named, cfg)
	res.sort()
	return res
}

// leftOut deals with the .sql files no model read: those inside a
// migration history that are not its steps. A down or undo migration is
// the history's own business. Any other such file the caller named is
// read on its own, as declarative SQL, since someone asked for it; one
// found in a folder is listed in Beside.
func (r *Result) leftOut(files []string, named map[string]bool, cfg Config) {
	read := map[string]bool{}
	for _, m := range r.Models {
		for _, f := range m.Files {
			read[filepath.Clean(f.Path)] = true
		}
		for _, e := range m.Errors {
			read[filepath.Clean(e.Pos.Path)] = true // tried, and said why not
		}
		for _, n := range m.Notes {
			read[filepath.Clean(n.Path)] = true // left out on purpose, with a note
		}
	}
	scans := map[string]*migrate.History{} // by folder: each is listed once, not once per file
	for _, f := range files {
		f = filepath.Clean(f)
		if read[f] || !strings.EqualFold(filepath.Ext(f), ".sql") {
			continue
		}
		skip, ok := historySkip(f, scans)
		if ok && skip.PartOfConvention() {
			continue
		}
		if !ok {
			skip = migrate.Skip{Path: f, Reason: "not a step of the migration history beside it"}
		}
		if named[f] {
			r.addModels(readDeclarative([]string{f}, cfg.Options), cfg.Checks)
			continue
		}
		if d, from := besideEngine(f); d != schema.DialectUnknown {
			// Not a step, and of an engine idemlint would not read anyway.
			r.Notes = append(r.Notes, unmodelledNote(f, d, from))
			continue
		}
		r.Beside = append(r.Beside, skip)
	}
}

// besideEngine returns the engine idemlint does not model that a file
// beside a history's steps is written for, by its folder, name or text;
// DialectUnknown when it may be a modelled engine's.
func besideEngine(f string) (schema.Dialect, string) {
	if d := schema.PathDialect(relToProject(filepath.Dir(f))); d != schema.DialectUnknown && !d.Modelled() {
		return d, "folder name"
	}
	src, err := os.ReadFile(f)
	if err != nil {
		return schema.DialectUnknown, ""
	}
	if d, from := FileDialect(f, src, false); d != schema.DialectUnknown && !d.Modelled() {
		return d, from
	}
	return schema.DialectUnknown, ""
}

// historySkip returns why the migration history holding f (in f's folder,
// or the one above it for folder-per-migration layouts) leaves it out;
// scans keeps the folders listed so far.
func historySkip(f string, scans map[string]*migrate.History) (migrate.Skip, bool) {
	for _, dir := range []string{filepath.Dir(f), filepath.Dir(filepath.Dir(f))} {
		h, done := scans[dir]
		if !done {
			h, _ = migrate.Scan(dir)
			scans[dir] = h // nil when dir is no history
		}
		if h != nil {
			if s, ok := h.SkipOf(f); ok {
				return s, true
			}
		}
	}
	return migrate.Skip{}, false
}

// Module finds and loads every schema of the module or repository at root
// (migrate.FindSchemas: sqlc and Atlas configurations, Prisma schemas,
// migration folders, schema.sql files), for Go code that inserts into a
// schema its package does not embed.
func Module(root string, cfg Config) Result {
	sources, err := migrate.FindSchemas(root)
	return Sources(root, sources, err, cfg)
}

// Sources loads the schemas migrate.FindSchemas(root) returned (sources
// and err), for a caller that found them another way (shared between
// processes, see internal/vetshare).
func Sources(root string, sources []migrate.Source, err error, cfg Config) Result {
	res := sourceModels(root, sources, err, cfg.Options)
	models := res.Models
	res.Models = nil
	res.addModels(models, cfg.Checks)
	res.sort()
	return res
}

// SourceModels returns the models Sources would, without checking them:
// for a caller that needs the tables but not their findings (the Go-side
// checks of a package that embeds no schema), which is most of the cost
// of Sources on a migration history.
func SourceModels(root string, sources []migrate.Source, err error, opts Options) []*schema.Model {
	return sourceModels(root, sources, err, opts).Models
}

// sourceModels reads sources into res.Models, with an IDEM001 finding
// for each source that cannot be read, unchecked.
func sourceModels(root string, sources []migrate.Source, err error, cfgOpts Options) Result {
	var res Result
	if err != nil {
		res.addReadError(root, err)
		return res
	}
	for _, s := range sources {
		if s.Mirrors != "" {
			continue // loading the Prisma schema brings its migrations along
		}
		opts := cfgOpts
		if opts.Dialect == schema.DialectUnknown {
			opts.Dialect = s.Dialect // the configuration's word, when it said one
		}
		files, err := Expand(s.Paths)
		if err == nil && len(files) > 0 {
			var models []*schema.Model
			if models, err = Files(files, opts); err == nil {
				res.Models = append(res.Models, models...)
				continue
			}
		}
		if err != nil {
			res.addReadError(s.Paths[0], err)
		}
	}
	return res
}

func (r *Result) addModels(models []*schema.Model, opts schema.Options) {
	for _, m := range models {
		r.Models = append(r.Models, m)
		for _, e := range m.Errors {
			if opts.Checks.Enabled(checks.ReadError) {
				r.Findings = append(r.Findings, readErrorFinding(m, e))
			}
		}
		r.Findings = append(r.Findings, schema.Check(m, opts)...)
	}
}

// readErrorFinding turns a reader's error into an IDEM001 finding at its
// position.
func readErrorFinding(m *schema.Model, e *schema.ParseError) schema.Finding {
	f := fileNamed(m, e.Pos.Path)
	if f == nil {
		f = schema.NewFile(e.Pos.Path, nil)
	}
	finding := schema.Finding{Code: checks.ReadError, Span: schema.Span{File: f, Start: e.Pos.Offset, End: e.Pos.Offset}, Message: e.Msg}
	for _, p := range e.Also {
		af := fileNamed(m, p.Path)
		if af == nil {
			af = schema.NewFile(p.Path, nil)
		}
		finding.Related = append(finding.Related, schema.Related{Span: schema.Span{File: af, Start: p.Offset, End: p.Offset}, Message: "the same shape, not checked either"})
	}
	return finding
}

func (r *Result) addReadError(path string, err error) {
	msg := err.Error()
	// os errors repeat the path; the finding's position says it.
	if pe, ok := err.(*os.PathError); ok && pe.Path == path {
		msg = pe.Op + ": " + pe.Err.Error()
	}
	r.Findings = append(r.Findings, schema.Finding{
		Code:    checks.ReadError,
		Span:    schema.Span{File: schema.NewFile(path, nil)},
		Message: fmt.Sprintf("cannot read %s: %s", filepath.Base(path), msg),
	})
}

// sort orders findings by path and offset and drops repeats (a file that
// two groups both lead to, such as a migration history, reports once).
func (r *Result) sort() {
	slices.SortStableFunc(r.Findings, func(a, b schema.Finding) int {
		return cmp.Or(strings.Compare(spanPath(a.Span), spanPath(b.Span)), cmp.Compare(a.Span.Start, b.Span.Start))
	})
	r.Findings = slices.CompactFunc(r.Findings, func(a, b schema.Finding) bool {
		return a.Code == b.Code && spanPath(a.Span) == spanPath(b.Span) && a.Span.Start == b.Span.Start && a.Message == b.Message
	})
}

func spanPath(s schema.Span) string {
	if s.File == nil {
		return ""
	}
	return s.File.Path
}

func fileNamed(m *schema.Model, path string) *schema.File {
	for _, f := range m.Files {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// groups splits sorted schema files into the sets Files loads together.
// Files treats all Prisma files it is given as one schema, so Prisma files
// are grouped by their folder, a folder inside another joining the outer
// one (a multi-file schema's subfolders); SQL files under such a folder
// (its migrations) join its group, and the other SQL files form one group,
// which Files splits into histories and folders itself.
func groups(files []string) [][]string {
	var roots []string
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f), ".prisma") {
			if d := filepath.Dir(f); !slices.Contains(roots, d) {
				roots = append(roots, d)
			}
		}
	}
	slices.SortFunc(roots, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	rootOf := func(f string) string {
		for _, r := range roots {
			if strings.HasPrefix(f, r+string(filepath.Separator)) {
				return r
			}
		}
		return ""
	}
	var outer []string
	for _, r := range roots {
		if rootOf(r) == "" {
			outer = append(outer, r)
		}
	}
	roots = outer
	index := map[string]int{}
	var out [][]string
	for _, f := range files {
		r := rootOf(f)
		i, ok := index[r]
		if !ok {
			i = len(out)
			index[r] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], f)
	}
	return out
}
