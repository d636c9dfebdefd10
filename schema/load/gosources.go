package load

import (
	"bytes"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// goReader reads the models Go files declare (GORM, ent, bun): see
// package gomodel.
type goReader struct{}

func (goReader) Name() string { return "Go models" }

func (goReader) Claims(path string) bool {
	return strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go")
}

// Read reads the Go files at paths together, one module at a time (a
// model's TableName method, mixins and embedded structs may live in other
// files of the module), with the dialect the module's go.mod implies.
func (goReader) Read(paths []string, opts Options) ([]*schema.Model, error) {
	byRoot := map[string][]string{}
	var roots []string
	for _, p := range paths {
		root := ModuleRoot(filepath.Dir(p))
		if byRoot[root] == nil {
			roots = append(roots, root)
		}
		byRoot[root] = append(byRoot[root], p)
	}
	var models []*schema.Model
	for _, root := range roots {
		models = append(models, readGoModule(root, byRoot[root], opts)...)
	}
	return models, nil
}

func readGoModule(root string, paths []string, opts Options) []*schema.Model {
	var files []*schema.File
	var errs []*schema.ParseError
	for _, p := range paths {
		src, err := opts.Overlay.readFile(p)
		if err != nil {
			errs = append(errs, readfile.Error(p, err))
			continue
		}
		files = append(files, schema.NewFile(p, src))
	}
	gopts := gomodel.Options{Dialect: opts.Dialect}
	if root != "" {
		gopts.GoMod, _ = os.ReadFile(filepath.Join(root, "go.mod"))
		gopts.TypeFiles = replacedTypeFiles(root, gopts.GoMod, files)
	}
	models := gomodel.Read(files, gopts)
	if len(errs) > 0 {
		models = append(models, &schema.Model{Dialect: opts.Dialect, Errors: errs})
	}
	return models
}

// autoMigrateArg finds the types AutoMigrate or Migrator().CreateTable is
// given: AutoMigrate(&X{}, &pkg.Y{}).
// Compiled on first use: most tool processes never look (see gomodel's
// pluralRules).
var (
	autoMigrateArg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:AutoMigrate|\.CreateTable)\(([^)]*)\)`) })
	typeArg        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\w+)\{\}`) })
)

// hasAliasDecl reports whether src holds a top-level type alias
// declaration: a line starting "type NAME = " (the regexp (?m)^type \w+ = ,
// which, having no literal prefix, stepped through every byte of every Go
// file of the module: on formance payments most of this walk's
// instructions).
func hasAliasDecl(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("type "))
		if j < 0 {
			return false
		}
		j += i
		i = j + len("type ")
		if j > 0 && src[j-1] != '\n' {
			continue
		}
		k := i
		for k < len(src) && isWordByte(src[k]) {
			k++
		}
		if k > i && bytes.HasPrefix(src[k:], []byte(" = ")) {
			return true
		}
	}
}

// GoModelFiles returns the Go files below dir that may declare models:
// those that mention GORM, ent or bun (gomodel.Mentions), plus the files
// declaring a type AutoMigrate is given, which need not mention GORM, and
// the files beside a model file that declare a type alias, constants or
// package variables (a model's names may be kept there). It
// skips what the go command skips (testdata, vendor, folders starting
// with . or _, nested modules) and test files.
func GoModelFiles(dir string) []string {
	var out, others []string
	var migrated []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			if p != dir {
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || !d.Type().IsRegular() {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if !gomodel.Mentions(src) {
			others = append(others, p)
			return nil
		}
		out = append(out, p)
		if !bytes.Contains(src, []byte("AutoMigrate(")) && !bytes.Contains(src, []byte(".CreateTable(")) {
			// The regexp cannot match; without a literal prefix it would
			// still scan every byte slowly (on a module with many bun
			// files, most of this walk's instructions).
			return nil
		}
		for _, m := range autoMigrateArg().FindAllSubmatch(src, -1) {
			for _, t := range typeArg().FindAllSubmatch(m[1], -1) {
				migrated = append(migrated, string(t[1]))
			}
		}
		return nil
	})
	// A type alias beside a model file may name a mixin or a model
	// declared there (openmeter's `type ExternalMixin = Mixin` in a file
	// that does not mention ent), and a constant or package variable
	// beside it a field's, an index's or a table's name.
	dirs := map[string]bool{}
	for _, p := range out {
		dirs[filepath.Dir(p)] = true
	}
	// Only files in a model's folder are read for them, after the walk:
	// asking every file of a module without models cost a fifth of the
	// walk's instructions.
	added := map[string]bool{}
	for _, p := range others {
		if !dirs[filepath.Dir(p)] {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if hasAliasDecl(src) || bytes.Contains(src, []byte("\nconst ")) || bytes.Contains(src, []byte("\nvar ")) {
			out = append(out, p)
			added[p] = true
		}
	}
	if len(migrated) == 0 {
		return out
	}
	for _, p := range others {
		if added[p] {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, t := range migrated {
			if strings.Contains(string(src), "type "+t+" struct") || strings.Contains(string(src), "\t"+t+" struct") {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// GoModels reads and checks the models declared in the Go files at paths
// (GoModelFiles of a module, or a package's own files), as Check does for
// schema files. Where a table is also in one of the schemas read from
// files (against: the module's migrations), the two are compared
// (CompareDeclared).
func GoModels(paths []string, cfg Config, against []*schema.Model) Result {
	return CheckModels(ReadGoModels(paths, cfg.Options, against), cfg.Checks)
}

// ReadGoModels reads the models declared in the Go files at paths and
// compares them with against, as GoModels does, without checking them.
func ReadGoModels(paths []string, opts Options, against []*schema.Model) []*schema.Model {
	if len(paths) == 0 {
		return nil
	}
	models, _ := goReader{}.Read(paths, opts)
	CompareDeclared(models, against)
	return models
}

// CheckModels runs the schema checks on models already read: their
// findings, and an IDEM001 for each reader's error.
func CheckModels(models []*schema.Model, checks schema.Options) Result {
	var res Result
	res.addModels(models, checks)
	res.sort()
	return res
}

// replacedTypeFiles returns the Go files of the packages that the model
// files import from modules go.mod replaces with a local folder (a
// monorepo's sibling module: LFDT paladin's core embeds
// pldapi.StateBase, declared with its gorm tags in ../../sdk/go). They
// are read for the types they declare (gomodel.Options.TypeFiles), so
// that an embedded struct's columns are read rather than reported as
// declared in no file read.
func replacedTypeFiles(root string, gomod []byte, files []*schema.File) []*schema.File {
	if len(gomod) == 0 {
		return nil
	}
	mf, err := modfile.Parse("go.mod", gomod, nil)
	if err != nil {
		return nil
	}
	type local struct{ mod, dir string }
	var locals []local
	for _, r := range mf.Replace {
		if r.New.Version == "" && (strings.HasPrefix(r.New.Path, "./") || strings.HasPrefix(r.New.Path, "../") || filepath.IsAbs(r.New.Path)) {
			dir := r.New.Path
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(root, filepath.FromSlash(dir))
			}
			locals = append(locals, local{mod: r.Old.Path, dir: dir})
		}
	}
	if len(locals) == 0 {
		return nil
	}
	dirs := map[string]bool{}
	var order []string
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Path, f.Src, parser.ImportsOnly)
		if af == nil && err != nil {
			continue
		}
		for _, im := range af.Imports {
			p, err := strconv.Unquote(im.Path.Value)
			if err != nil {
				continue
			}
			for _, l := range locals {
				if p != l.mod && !strings.HasPrefix(p, l.mod+"/") {
					continue
				}
				dir := filepath.Join(l.dir, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(p, l.mod), "/")))
				if !dirs[dir] {
					dirs[dir] = true
					order = append(order, dir)
				}
			}
		}
	}
	var out []*schema.File
	for _, dir := range order {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			p := filepath.Join(dir, name)
			src, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			out = append(out, schema.NewFile(p, src))
		}
	}
	return out
}
