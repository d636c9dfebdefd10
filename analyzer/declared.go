package analyzer

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/vetshare"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
	"github.com/idemlint/idemlint/schema/migrate"
)

// Schemas declared in Go (GORM models, ent schemas, bun models) are
// reported by the package that declares them, at the Go field, so that
// every driver (golangci-lint and gopls included) shows them; the models
// are read for the whole module at once (schema/gomodel), since a model's
// table name, mixins and AutoMigrate call may live in other packages.

// declaresModels reports, cheaply, whether the package may declare
// models: it imports GORM, ent or bun, or a struct field has a gorm or bun
// tag. Packages that do not pay nothing more.
func declaresModels(files []*ast.File) bool {
	for _, f := range files {
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if p == "gorm.io/gorm" || p == "entgo.io/ent" || p == "github.com/uptrace/bun" {
				return true
			}
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				st, ok := s.(*ast.TypeSpec).Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, fld := range st.Fields.List {
					if fld.Tag != nil && (strings.Contains(fld.Tag.Value, `gorm:"`) || strings.Contains(fld.Tag.Value, `bun:"`)) {
						return true
					}
				}
			}
		}
	}
	return false
}

// A declaredCache holds the module's Go-declared models, read once per
// run and module root.
type declaredCache struct {
	mu      sync.Mutex
	byRoot  map[string][]*schema.Model
	checked map[string]load.Result
	read    map[string][]string // the files each root's walk read
}

// goModels returns the module's Go-declared models, read once per run
// and not checked: an inserting package needs their tables, not their
// findings (see goFindings).
func (r *runner) goModels(root string, s config.Settings) []*schema.Model {
	c := &r.declared
	c.mu.Lock()
	defer c.mu.Unlock()
	return r.goModelsLocked(root, s)
}

func (r *runner) goModelsLocked(root string, s config.Settings) []*schema.Model {
	c := &r.declared
	if m, ok := c.byRoot[root]; ok {
		return m
	}
	if c.byRoot == nil {
		c.byRoot = map[string][]*schema.Model{}
	}
	files := r.modelFilesLocked(root)
	m := load.ReadGoModels(files, s.Load.Options, r.modules.Models(root, s, vetWorkDir))
	c.byRoot[root] = m
	return m
}

// modelFilesLocked returns the Go files of the module at root that may
// declare models (load.GoModelFiles), found once per run.
func (r *runner) modelFilesLocked(root string) []string {
	c := &r.declared
	if files, ok := c.read[root]; ok {
		return files
	}
	// Finding the files reads every Go file of the module: once per go vet
	// run, not once per inserting package (internal/vetshare).
	files, _ := vetshare.Once(vetWorkDir, "gomodelfiles-v2", root, func() ([]string, error) { return load.GoModelFiles(root), nil })
	if c.read == nil {
		c.read = map[string][]string{}
	}
	c.read[root] = files
	return files
}

// goFindings returns the module's Go-declared models checked, once per
// run: only a package that declares models reports them.
func (r *runner) goFindings(root string, s config.Settings) load.Result {
	c := &r.declared
	c.mu.Lock()
	defer c.mu.Unlock()
	if res, ok := c.checked[root]; ok {
		return res
	}
	if c.checked == nil {
		c.checked = map[string]load.Result{}
	}
	// Keys by use, as for the module's schema files: an ent schema's
	// column is a key when the code upserts on it.
	checks := s.Load.Checks
	checks.Keys.Conflicts = r.modules.Conflicts(root, vetWorkDir)
	res := load.CheckModels(r.goModelsLocked(root, s), checks)
	c.checked[root] = res
	return res
}

// mayReportGoFindings reports whether one of own (the package's files)
// carries a finding of the module's Go-declared models: only such a
// package reports them (checkDeclaredModels). The files that carry one
// are worked out once per go vet run (internal/vetshare), by the first
// process that asks, so that the others of the packages declaring models
// do not read and check every model of the module to report nothing.
func (p *packageRun) mayReportGoFindings(own []string) bool {
	files, _ := vetshare.Once(vetWorkDir, "gofindingfiles-v1", p.root, func() ([]string, error) {
		var files []string
		for _, f := range p.goFindings(p.root, p.settings).Findings {
			if f.Span.File != nil && !slices.Contains(files, f.Span.File.Path) {
				files = append(files, f.Span.File.Path)
			}
		}
		return files, nil
	})
	return slices.ContainsFunc(own, func(f string) bool { return slices.Contains(files, f) })
}

// walked returns the files goModels reads for root.
func (r *runner) walked(root string) []string {
	r.declared.mu.Lock()
	defer r.declared.mu.Unlock()
	return r.modelFilesLocked(root)
}

// ownedAndDeclared: the schemas a package embeds, with the models it
// declares, when it embeds any (otherwise the module's models are read,
// declared ones included). SQL the package embeds that declares no table
// (its queries, //go:embed queries/*.sql, read at run time) is no schema
// of its own: the module's are read then too.
func ownedAndDeclared(owned, declared []*schema.Model) []*schema.Model {
	owned = slices.DeleteFunc(slices.Clone(owned), func(m *schema.Model) bool { return len(m.Tables) == 0 })
	if len(owned) == 0 {
		return nil
	}
	return append(owned, declared...)
}

// checkDeclaredModels reports the findings of the models this package
// declares in Go, at their fields, and keeps the models the package's
// own inserts are checked against.
func (p *packageRun) checkDeclaredModels() {
	if strings.HasSuffix(p.pass.Pkg.Name(), "_test") || !declaresModels(p.pass.Files) {
		return
	}
	var own []string // the package's Go files, as the reader names them
	goFiles := map[string]*token.File{}
	for _, f := range p.pass.Files {
		tf := p.pass.Fset.File(f.Pos())
		if tf == nil || strings.HasSuffix(tf.Name(), "_test.go") {
			continue
		}
		own = append(own, tf.Name())
		goFiles[tf.Name()] = tf
	}
	var res load.Result
	var walked []string
	if p.root != "" {
		if !factsOnly && p.mayReportGoFindings(own) {
			// The findings only: a run for facts drops them (the models
			// an insert checks against are read when it needs them).
			res = p.goFindings(p.root, p.settings)
		}
		walked = p.walked(p.root)
	}
	// The walk read this package's files (a main.go calling AutoMigrate
	// on another package's models declares no table, yet was read).
	if !slices.ContainsFunc(own, func(f string) bool { return slices.Contains(walked, f) }) {
		// A package the module walk does not reach (under testdata, or
		// outside a module): its own files are its models.
		res = load.GoModels(own, p.settings.Load, nil)
		p.declared = res.Models // the module's models (moduleModels) lack them
	}
	if factsOnly {
		return
	}
	r := &schemaReporter{pass: p.pass, files: map[*schema.File]*token.File{}, goFiles: goFiles, createFiles: p.createFiles}
	for _, f := range res.Findings {
		if f.Span.File == nil || goFiles[f.Span.File.Path] == nil {
			continue // another package's model: that package reports it
		}
		r.anchor = goFiles[f.Span.File.Path].Pos(0)
		r.report(f)
	}
}

// checkModuleSchemas reports, from the package that owns -schema files,
// the schemas of the module no package embeds (migrations applied by a
// tool, a schema.sql beside the code): under idemlint's own driver, which
// hands vet their digest so that its cache cannot replay a stale result,
// their findings; under plain go vet, which cannot see them as inputs, one
// IDEM001 naming them and how to include them.
func (p *packageRun) checkModuleSchemas() {
	if p.root == "" || len(p.settings.SchemaPaths) > 0 || strings.HasSuffix(p.pass.Pkg.Name(), "_test") ||
		len(p.pass.Files) == 0 || p.modules.SchemaOwner(p.root) != p.dir {
		return
	}
	sources, err := vetshare.FindSchemas(vetWorkDir, p.root)
	if err != nil || len(sources) == 0 {
		return
	}
	expanded := make([][]string, len(sources))
	var all []string
	for i, s := range sources {
		expanded[i], _ = load.Expand(s.Paths)
		all = append(all, expanded[i]...)
	}
	embedded := embeddedInModule(p.root, all)
	var unembedded []migrate.Source
	for i, s := range sources {
		if slices.ContainsFunc(expanded[i], func(f string) bool { return !embedded[filepath.Clean(f)] }) {
			unembedded = append(unembedded, s)
		}
	}
	if len(unembedded) == 0 {
		return
	}
	anchor := p.pass.Files[0].Name.Pos()
	if p.inputs == "" {
		if !p.settings.Load.Checks.Checks.Enabled(checks.ReadError) {
			return
		}
		var names []string
		for _, s := range unembedded {
			rel, err := filepath.Rel(p.root, s.Paths[0])
			if err != nil {
				rel = s.Paths[0]
			}
			names = append(names, rel+" ("+s.Kind.String()+")")
		}
		p.pass.Report(analysis.Diagnostic{Pos: anchor, Category: checks.ReadError, URL: checks.URL(checks.ReadError),
			Message: checks.ReadError + ": schema sources found but not checked: " + strings.Join(names, ", ") +
				"; go vet cannot see them as inputs, so its cache could replay a stale result: run idemlint ./... (which hands vet their digest), //go:embed them, or name them with -schema"})
		return
	}
	// The keys this module upserts on (ON CONFLICT targets in Go strings
	// and query files) decide which fix a finding offers, as they do for
	// embedded schemas: a random default cannot serve an upsert's key.
	cfg := p.settings.Load
	cfg.Checks.Keys.Conflicts = p.modules.Conflicts(p.root, vetWorkDir)
	res := load.Sources(p.root, unembedded, nil, cfg)
	r := &schemaReporter{pass: p.pass, files: map[*schema.File]*token.File{}, anchor: anchor, anchorAtEmbed: p.settings.AnchorEmbed, createFiles: p.createFiles}
	for _, f := range res.Findings {
		if f.Span.File != nil && embedded[filepath.Clean(f.Span.File.Path)] {
			continue // its embedding package reports it
		}
		r.report(f)
	}
	if p.notes {
		for _, m := range res.Models {
			for _, n := range schema.UnmarkedKeys(m, cfg.Checks.Keys) {
				if !embedded[filepath.Clean(n.Span.File.Path)] {
					r.note(n)
				}
			}
		}
	}
}
