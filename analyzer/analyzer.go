package analyzer

import (
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/gorules"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/modules"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/vetshare"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// Analyzer is idemlint with its options bound to command-line flags: the
// analyzer go vet and go fix run.
var Analyzer = New(&config.Options{})

// New returns an analyzer configured by opts. Its flags write into opts,
// so a driver that parses them changes opts; tests and plugins build one
// per configuration instead.
func New(opts *config.Options) *analysis.Analyzer {
	return newAnalyzer(opts, false)
}

// NewStandalone is New for a driver that applies fixes itself and so can
// create files: a schema fix may add the next migration of a history. go
// vet and go fix read every edited file from disk and cannot.
func NewStandalone(opts *config.Options) *analysis.Analyzer {
	return newAnalyzer(opts, true)
}

// Flags that idemlint's own driver sets when it runs go vet with idemlint
// as the vet tool; users have no need of them.
const (
	// CreateFilesFlag lets fixes create files, which the driver applies.
	CreateFilesFlag = "create-files"
	// InputsFlag carries a digest of the schema files go vet does not see
	// as inputs (-schema files, a module's schemas read for packages that
	// do not embed them). It is part of vet's cache key, so a changed
	// schema is never answered from the cache.
	InputsFlag = "inputs"
	// NotesFlag asks for notes: a diagnostic of category NoteCategory
	// wherever a write or a key is not followed ("not followed: …"), which
	// the driver prints under -v and never counts as a finding.
	NotesFlag = "notes"
	// KeyWritesFlag asks each package that inserts into a key column (one
	// a unique rule covers and a NULL or empty value defeats), or hands a
	// key to a function that does, for one diagnostic of category
	// KeyWritesCategory, at its first such insert or call,
	// which the driver never prints: under -v it says once when a run has
	// none, since silence about the Go side would claim it was checked.
	KeyWritesFlag = "keywrites"
	// WiredFlag asks, with NotesFlag, for the signs (categories
	// IfaceCallCategory and WiredCategory) with which the driver drops a
	// note about a call through an interface that a wiring of the run
	// judged; the driver never prints them.
	WiredFlag = "wired"
)

// IfaceCallCategory and WiredCategory are the categories of WiredFlag's
// signs (gorules.IfaceCallCategory).
const (
	IfaceCallCategory = gorules.IfaceCallCategory
	WiredCategory     = gorules.WiredCategory
)

// NoteCategory is the category of the notes NotesFlag asks for.
const NoteCategory = gorules.NoteCategory

// KeyWritesCategory is the category of KeyWritesFlag's diagnostics.
const KeyWritesCategory = gorules.KeyWritesCategory

func newAnalyzer(opts *config.Options, createFiles bool) *analysis.Analyzer {
	r := &runner{opts: opts, createFiles: createFiles, modules: modules.NewCache(opts)}
	a := &analysis.Analyzer{
		Name: "idemlint",
		Doc:  "report idempotency keys the database cannot enforce\n\n" + strings.TrimSpace(longDoc),
		URL:  checks.URL(""),
		Run:  r.run,
		// Functions that write a parameter into a key column tell the
		// packages that call them, as sqlc's generated Create… functions
		// do; functions that always return a key vouch for their result;
		// functions whose result can be a missing key say how;
		// transaction helpers say which function parameter they run;
		// wrappers of a library write (a generic or any-typed row) say
		// which parameter they write as the row; generated functions that
		// write a bad key on every call say so, for their callers.
		FactTypes: []analysis.Fact{new(keyfacts.KeyParams), new(keyfacts.AlwaysKey), new(keyfacts.Results), new(keyfacts.ResultFields), new(keyfacts.EmptyValuer), new(keyfacts.RunsFunc), new(keyfacts.RowWriter), new(keyfacts.GeneratedWrite), new(keyfacts.ImplKeys), new(keyfacts.IfaceParams), new(keyfacts.PendingCalls), new(keyfacts.ModelHooks)},
	}
	opts.RegisterFlags(&a.Flags)
	a.Flags.BoolVar(&r.createFiles, CreateFilesFlag, createFiles, "set by idemlint's driver: fixes may create files (the next migration)")
	a.Flags.StringVar(&r.inputs, InputsFlag, "", "set by idemlint's driver: a digest of the schema files go vet does not hash, for its cache key")
	a.Flags.BoolVar(&r.keyWrites, KeyWritesFlag, false, "set by idemlint's driver: report, as a diagnostic of category \"keywrites\", each package's first insert into a key column")
	a.Flags.BoolVar(&r.wired, WiredFlag, false, "set by idemlint's driver: report, as diagnostics of categories \"ifacecall\" and \"wired\", calls through interfaces whose implementations are out of view and the wirings that judge them")
	a.Flags.BoolVar(&r.notes, NotesFlag, false, "also report, as diagnostics of category \"note\", the writes and keys idemlint does not follow (idemlint -v sets it)")
	return a
}

const longDoc = `
A table that dedupes retried writes through a unique constraint on an
idempotency key only does so when the key is never NULL: PostgreSQL,
CockroachDB, MySQL, MariaDB and SQLite treat NULLs as distinct in unique
indexes, so every retry that arrives without a key is inserted again.
idemlint reads the schema a package embeds (or -schema) and reports such
keys, and the Go insert paths that write a NULL or empty key into them;
see docs/checks.md.`

// vetWorkDir is the go command's scratch folder when this process is a go
// vet tool process (see SetVetWorkDir).
var vetWorkDir string

// SetVetWorkDir tells the analyzer that this process is one of the tool
// processes of the go vet run whose scratch folder is work, so that the
// module's schema sources are found once per run rather than once per
// inserting package (see internal/vetshare). Call it before the analysis
// starts; "" (the default) walks in every process.
func SetVetWorkDir(work string) {
	vetWorkDir = work
	gofix.SetVetWorkDir(work)
}

// factsOnly is set when this process is a go vet tool process run for
// facts only (see SetFactsOnly).
var factsOnly bool

// SetFactsOnly tells the analyzer that this process analyses its package
// for facts only: go vet runs the tool on a package that another one
// imports with VetxOnly set, and drops that run's diagnostics. A package
// with tests in its own package name is such a run (its test variant,
// which holds the same files, is the one that reports), so without this
// its schema findings, Go-declared models and module schemas were worked
// out twice and printed once. With it set, the work whose only product
// is diagnostics is skipped; everything that exports facts (the Go-side
// rules, and the models they check against) is done as before. Call it
// before the analysis starts.
func SetFactsOnly(b bool) { factsOnly = b }

// testVariant is set when this process is a go vet tool process for a
// package whose files include tests (see SetTestVariant).
var testVariant bool

// SetTestVariant tells the analyzer that this process analyses a package
// with test files: go vet's test variant of a package with tests in its
// own package name (the package's files and those tests; it reports), or
// its external test package. The facts such a run exports are read only
// by the package's external tests, whose files the Go-side rules never
// check (test fixtures insert keyless rows on purpose); the package's
// importers read the facts of the package itself, which go vet analyses
// on its own, for facts only. So the facts that cost work of their own
// (what the exported functions return: SSA and the value analysis over
// them) are not worked out again; everything the run reports is. It
// applies to a package with _test.go files only, so that a driver
// analysing many packages in one process (a test) can set it too. Call it
// before the analysis starts.
func SetTestVariant(b bool) { testVariant = b }

// hasTestFiles reports whether some of the package's files are tests.
func hasTestFiles(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), "_test.go") {
			return true
		}
	}
	return false
}

// A runner is one analyzer's state across the packages of a run: its
// options, and what it knows per module (package modules).
type runner struct {
	opts        *config.Options
	createFiles bool
	modules     *modules.Cache
	// inputs is the digest idemlint's driver passes (InputsFlag): set, the
	// module's schemas that no package embeds are checked (see
	// checkModuleSchemas).
	inputs    string
	notes     bool          // NotesFlag
	keyWrites bool          // KeyWritesFlag
	wired     bool          // WiredFlag
	declared  declaredCache // the module's Go-declared models (declared.go)
}

func (r *runner) run(pass *analysis.Pass) (any, error) {
	dir := packageDir(pass)
	if dir == "" || inGOROOT(dir) || inModuleCache(dir) {
		// vet runs us over every dependency for facts; the standard library
		// and downloaded modules have none to give, and their schemas are
		// not ours to check.
		return nil, nil
	}
	root := load.ModuleRoot(dir)
	settings, err := r.modules.Settings(root)
	if err != nil {
		return nil, err
	}
	p := &packageRun{runner: r, pass: pass, dir: dir, root: root, settings: settings,
		suppress: newGoSuppressions(pass, r.opts.NolintByDriver)}
	owned, err := p.checkSchemas()
	if err != nil {
		return nil, err
	}
	p.checkDeclaredModels()
	if !factsOnly {
		p.checkModuleSchemas() // diagnostics only
	}
	p.checkInserts(owned)
	if !factsOnly {
		p.suppress.reportLeftovers(p.settings.Load.Checks.Checks.Enabled)
	}
	return nil, nil
}

// checkInserts runs the Go-side rules (package gorules) over the package:
// owned are the schemas it embeds; without them the module's schemas are
// found on disk, once per run.
func (p *packageRun) checkInserts(owned []*schema.Model) {
	columns := &schemaReporter{pass: p.pass, files: map[*schema.File]*token.File{}}
	gorules.Check(gorules.Input{
		Pass:     p.pass,
		Settings: p.settings,
		Owned:    ownedAndDeclared(owned, p.declared),
		ModuleModels: func() []*schema.Model {
			return append(slices.Clip(p.moduleModels()), p.declared...)
		},
		ModuleDialects: func() []schema.Dialect {
			var ds []schema.Dialect
			if p.root != "" {
				// Shared by the processes of a go vet run (internal/vetshare):
				// only the first reads the models to answer.
				ds, _ = vetshare.Once(vetWorkDir, "modeldialects-v1", p.root, func() ([]schema.Dialect, error) {
					return dialectsOf(p.moduleModels()), nil
				})
			}
			return append(ds, dialectsOf(p.declared)...)
		},
		ModuleKeyColumns: func(keys schema.KeyMatcher) []string {
			var names []string
			if p.root != "" {
				// Shared as ModuleDialects is: the key columns' names
				// depend on the module's models and its settings only.
				names, _ = vetshare.Once(vetWorkDir, "modelkeycolumns-v1", p.root, func() ([]string, error) {
					return gorules.KeyColumnNames(p.moduleModels(), keys), nil
				})
			}
			return append(names, gorules.KeyColumnNames(p.declared, keys)...)
		},
		Conflicts:   func() []schema.ConflictTarget { return p.modules.Conflicts(p.root, vetWorkDir) },
		ColumnPos:   columns.pos,
		Suppressed:  p.suppress.suppresses,
		Notes:       p.notes,
		KeyWrites:   p.keyWrites,
		Wired:       p.wired,
		FactsOnly:   factsOnly,
		TestVariant: testVariant && hasTestFiles(p.pass),
		ModuleMethods: func() modules.Methods {
			return p.modules.Receivers(p.root, vetWorkDir)
		},
	})
}

// moduleModels returns the module's schema files' models and the tables
// declared in Go, read once per process; nil outside a module.
func (p *packageRun) moduleModels() []*schema.Model {
	if p.root == "" {
		return nil
	}
	m := slices.Clip(p.modules.Models(p.root, p.settings, vetWorkDir))
	return append(m, p.goModels(p.root, p.settings)...)
}

// dialectsOf returns the dialect of each model, in order.
func dialectsOf(models []*schema.Model) []schema.Dialect {
	var ds []schema.Dialect
	for _, m := range models {
		ds = append(ds, m.Dialect)
	}
	return ds
}

// A packageRun is the analysis of one package.
type packageRun struct {
	*runner
	pass      *analysis.Pass
	dir, root string // the package's directory and its module root ("" outside a module)
	settings  config.Settings
	suppress  *goSuppressions // the package's suppression comments (suppress.go)
	declared  []*schema.Model // models the package declares in Go that the module walk does not reach
}

// inGOROOT reports whether dir is part of the Go distribution. Import
// paths cannot tell (analysistest's GOPATH packages have no dot either);
// where the files live can.
func inGOROOT(dir string) bool {
	for _, root := range []string{os.Getenv("GOROOT"), build.Default.GOROOT} {
		if root != "" && strings.HasPrefix(dir, filepath.Join(root, "src")+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// inModuleCache reports whether dir holds a dependency: in the module
// cache (a module@version element below pkg/mod) or vendored.
func inModuleCache(dir string) bool {
	dir = filepath.ToSlash(dir)
	if strings.Contains(dir+"/", "/vendor/") {
		return true // a vendored copy of a dependency
	}
	_, rest, ok := strings.Cut(dir, "/pkg/mod/")
	return ok && strings.Contains(rest, "@")
}
