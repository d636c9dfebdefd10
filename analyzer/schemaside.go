package analyzer

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
	"github.com/idemlint/idemlint/schema/migrate"
)

// An ownedSchema is a set of schema files one package owns, and the Go position
// that made the package their owner (the variable a //go:embed fills, or the package
// clause for -schema files).
type ownedSchema struct {
	paths  []string
	anchor token.Pos
}

// checkSchemas checks the schemas the package owns, reports their
// findings, and returns their models for the Go-side checks.
func (p *packageRun) checkSchemas() ([]*schema.Model, error) {
	schemas, err := p.ownedSchemas()
	if err != nil || len(schemas) == 0 {
		return nil, err
	}
	// One load for all of them: several //go:embed lines often name files
	// of one migration history (one per migration, say), and each would
	// replay, and report, the whole history again.
	var paths []string
	anchorOf := map[string]token.Pos{}
	for _, s := range schemas {
		for _, path := range s.paths {
			if _, ok := anchorOf[path]; !ok {
				anchorOf[path] = s.anchor
				paths = append(paths, path)
			}
		}
	}
	// Keys by use: the module's ON CONFLICT targets say which unique
	// columns its code treats as keys. Only owners pay for the scan.
	cfg := p.settings.Load
	cfg.Checks.Keys.Conflicts = p.modules.Conflicts(p.root, vetWorkDir)
	res := load.Check(paths, cfg)
	if factsOnly {
		return res.Models, nil // the Go-side rules need the models, not the findings
	}
	r := &schemaReporter{pass: p.pass, files: map[*schema.File]*token.File{}, anchorAtEmbed: p.settings.AnchorEmbed, createFiles: p.createFiles}
	for _, f := range res.Findings {
		r.anchor = schemas[0].anchor
		if f.Span.File != nil {
			if a, ok := anchorOf[f.Span.File.Path]; ok {
				r.anchor = a
			}
		}
		r.report(f)
	}
	if p.notes {
		// Under -v: the nullable unique columns that are not keys, so
		// that a key named unlike one does not pass in silence.
		for _, m := range res.Models {
			for _, n := range schema.UnmarkedKeys(m, cfg.Checks.Keys) {
				r.anchor = schemas[0].anchor
				if a, ok := anchorOf[n.Span.File.Path]; ok {
					r.anchor = a
				}
				if name := p.pass.Fset.Position(r.anchor).Filename; strings.HasSuffix(name, "_test.go") {
					// A fixture of a test (an old schema a migration test
					// starts from), not what the module migrates: say so.
					n.Message += "; this schema is embedded by a test file (" + filepath.Base(name) + "), as test data"
				}
				r.note(n)
			}
		}
		notes := res.Notes
		for _, m := range res.Models {
			notes = append(notes, m.Notes...)
		}
		p.reportSchemaNotes(notes)
	}
	return res.Models, nil
}

// reportSchemaNotes reports, as notes (NotesFlag), the schema files the
// package owns that were left unread on purpose (written for an engine
// idemlint does not model), at the file's first line: without -v they
// pass in silence, as idemlint schema -v says them.
func (p *packageRun) reportSchemaNotes(notes []schema.Note) {
	seen := map[string]bool{}
	for _, n := range notes {
		if seen[n.Path+"\x00"+n.Message] {
			continue
		}
		seen[n.Path+"\x00"+n.Message] = true
		tf := p.pass.Fset.AddFile(n.Path, -1, 1)
		p.pass.Report(analysis.Diagnostic{Pos: tf.Pos(0), Category: NoteCategory, Message: n.Message})
	}
}

// ownedSchemas returns the schema files this package owns: those its
// //go:embed directives cover, plus the -schema files when this package is
// their designated owner.
func (p *packageRun) ownedSchemas() ([]ownedSchema, error) {
	pass := p.pass
	var out []ownedSchema
	for _, d := range embedDirectives(pass.Files) {
		paths, err := embeddedSchemaFiles(p.dir, d.patterns)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", pass.Fset.Position(d.pos), err)
		}
		if len(paths) > 0 {
			out = append(out, ownedSchema{paths: paths, anchor: d.pos})
		}
	}
	if len(p.settings.SchemaPaths) == 0 || strings.HasSuffix(pass.Pkg.Name(), "_test") {
		return out, nil
	}
	if p.root == "" {
		return nil, errors.New("-schema: no go.mod above " + p.dir)
	}
	if p.modules.SchemaOwner(p.root) != p.dir {
		return out, nil
	}
	anchor := token.NoPos
	if len(pass.Files) > 0 {
		anchor = pass.Files[0].Name.Pos()
	}
	paths, err := load.Expand(p.settings.SchemaPaths)
	if err != nil {
		return nil, fmt.Errorf("-schema: %v", err)
	}
	// A file that a package embeds is that package's: reached by -schema
	// as well, it is still one schema with one owner.
	embedded := embeddedInModule(p.root, paths)
	paths = slices.DeleteFunc(paths, func(path string) bool { return embedded[path] })
	if len(paths) == 0 {
		return out, nil
	}
	return append(out, ownedSchema{paths: paths, anchor: anchor}), nil
}

// embeddedInModule returns which of files (schema files of the module at
// root) some package of the module embeds with //go:embed. A directive's
// patterns name files of its package's folder and below (go:embed allows
// no ".."), so only the Go files of the folders from each file's own up
// to root can embed it: those are read, as the module walk would reach
// them (not inside testdata, vendor, folders starting with . or _, or a
// nested module), and not the rest of the module, which a module-wide
// walk read for every schema owner's run. The directives are read as
// text, line by line.
func embeddedInModule(root string, files []string) map[string]bool {
	embedded := map[string]bool{}
	dirs := map[string]bool{}
	for _, f := range files {
		for _, d := range walkedAncestors(root, filepath.Dir(filepath.Clean(f))) {
			dirs[d] = true
		}
	}
	for dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
				continue
			}
			path := filepath.Join(dir, e.Name())
			src, err := os.ReadFile(path)
			if err != nil || !bytes.Contains(src, []byte("//go:embed")) {
				continue
			}
			for _, line := range strings.Split(string(src), "\n") {
				rest, ok := strings.CutPrefix(strings.TrimSpace(line), "//go:embed")
				if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				files, _ := embeddedSchemaFiles(dir, migrate.EmbedPatterns(rest))
				for _, f := range files {
					embedded[filepath.Clean(f)] = true
				}
			}
		}
	}
	return embedded
}

// walkedAncestors returns dir and its parents up to root, those that
// modules.WalkGoFiles reaches: none below a folder it skips.
func walkedAncestors(root, dir string) []string {
	root = filepath.Clean(root)
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil
	}
	out := []string{root}
	if rel == "." {
		return out
	}
	cur := root
	for _, name := range strings.Split(rel, string(filepath.Separator)) {
		cur = filepath.Join(cur, name)
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" {
			break
		}
		if _, err := os.Stat(filepath.Join(cur, "go.mod")); err == nil {
			break // a nested module
		}
		out = append(out, cur)
	}
	return out
}

// packageDir is the directory of the package's first Go source file. For
// a cgo package the drivers hand over cgo's output in the build cache
// instead of the sources: _cgo_gotypes.go and _cgo_import.go, which no
// source can be named (the go command ignores files starting with '_'),
// and x.cgo1.go, whose //line directive names the source x.go at its
// package clause. So the position of the package clause is tried first,
// then the file's own name, and names starting with '_' are passed over.
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		for _, name := range []string{pass.Fset.Position(f.Package).Filename, pass.Fset.File(f.Pos()).Name()} {
			if base := filepath.Base(name); filepath.Ext(base) == ".go" && !strings.HasPrefix(base, "_") {
				return filepath.Dir(name)
			}
		}
	}
	return ""
}

// An embedDirective is a //go:embed line. pos is the name of the variable
// it fills: the Go position that stands for the embedded schema.
type embedDirective struct {
	pos      token.Pos
	patterns []string
}

// embedDirectives returns the //go:embed directives of files. Drivers list
// embedded files nowhere, so the analyzer reads the directives itself.
func embedDirectives(files []*ast.File) []embedDirective {
	var out []embedDirective
	for _, f := range files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				doc := vs.Doc
				if doc == nil && !gd.Lparen.IsValid() {
					doc = gd.Doc
				}
				if doc == nil || len(vs.Names) == 0 {
					continue
				}
				for _, c := range doc.List {
					rest, ok := strings.CutPrefix(c.Text, "//go:embed")
					if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
						continue
					}
					if pats := migrate.EmbedPatterns(rest); len(pats) > 0 {
						out = append(out, embedDirective{pos: vs.Names[0].Pos(), patterns: pats})
					}
				}
			}
		}
	}
	return out
}

// embeddedSchemaFiles resolves embed patterns the way the go command does
// (path.Match patterns relative to the package directory; a directory
// embeds its tree, minus files starting with '.' or '_' unless the pattern
// has the all: prefix) and keeps the schema files among them.
func embeddedSchemaFiles(dir string, patterns []string) ([]string, error) {
	var paths []string
	seen := map[string]bool{}
	for _, pat := range patterns {
		all := false
		if p, ok := strings.CutPrefix(pat, "all:"); ok {
			pat, all = p, true
		}
		if _, err := path.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("invalid //go:embed pattern %q: %v", pat, err)
		}
		matches, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
		for _, m := range matches {
			info, err := os.Stat(m)
			if err != nil {
				continue
			}
			if !info.IsDir() {
				if load.IsSchemaFile(m) && !seen[m] {
					seen[m] = true
					paths = append(paths, m)
				}
				continue
			}
			_ = filepath.WalkDir(m, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				name := d.Name()
				if p != m && !all && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if !d.IsDir() && load.IsSchemaFile(p) && !seen[p] {
					seen[p] = true
					paths = append(paths, p)
				}
				return nil
			})
		}
	}
	return paths, nil
}
