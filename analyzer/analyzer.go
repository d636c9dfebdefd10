package analyzer

import (
	"flag"
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// Config is the analyzer's configuration; its fields are the flags.
type Config struct {
	// SchemaPaths are schema files or folders for packages that do not
	// embed their schema. Relative paths resolve from the module root.
	SchemaPaths []string
	// Keys are extra key columns: "column" or "table.column".
	Keys []string
	// Uncovered turns on IDEM102.
	Uncovered bool
	// Dialect overrides the schema's dialect ("" keeps it).
	Dialect string
	// AnchorAtEmbed reports schema findings at the variable a //go:embed fills (with
	// the schema position as related information) instead of in the schema
	// file, for drivers such as golangci-lint and gopls that drop
	// diagnostics outside Go files.
	AnchorAtEmbed bool
	// CreateFiles lets fixes create files (the next migration) as edits of
	// an empty, not-yet-existing file. Only a driver that applies such
	// edits itself sets it (idemlint's standalone -fix); go vet and go fix
	// read every edited file from disk and would fail.
	CreateFiles bool
}

const docURL = "https://github.com/idemlint/idemlint/blob/main/docs/checks.md"

// Analyzer is idemlint with its configuration bound to command-line flags.
var Analyzer = New(&Config{})

// New returns an analyzer configured by cfg. Its flags write into cfg, so a
// driver that parses them changes cfg; tests build one per case instead.
func New(cfg *Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: "idemlint",
		Doc:  "report idempotency keys the database cannot enforce\n\n" + strings.TrimSpace(longDoc),
		URL:  docURL,
		Run:  func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
		// Functions that write a parameter into a key column tell the
		// packages that call them, as sqlc's generated Create… functions
		// do; functions that always return a key vouch for their result.
		FactTypes: []analysis.Fact{new(keyParamsFact), new(alwaysKeyFact)},
	}
	a.Flags.Var(listFlag{&cfg.SchemaPaths}, "schema", "comma-separated schema `files or folders` for packages that do not //go:embed their schema; relative to the module root")
	a.Flags.Var(listFlag{&cfg.Keys}, "key", "comma-separated extra idempotency-key `columns`, as column or table.column")
	a.Flags.BoolVar(&cfg.Uncovered, "uncovered", cfg.Uncovered, "report IDEM102: key columns no unique constraint covers")
	a.Flags.StringVar(&cfg.Dialect, "dialect", cfg.Dialect, "override the schema's `dialect` (postgresql, mysql, sqlite, sqlserver, …)")
	a.Flags.BoolVar(&cfg.AnchorAtEmbed, "anchor-embed", cfg.AnchorAtEmbed, "report schema findings at the //go:embed variable, for golangci-lint and gopls")
	return a
}

const longDoc = `
A table that dedupes retried writes through a unique constraint on an
idempotency key only does so when the key is never NULL: PostgreSQL,
CockroachDB, MySQL, MariaDB and SQLite treat NULLs as distinct in unique
indexes, so every retry that arrives without a key is inserted again.
idemlint reads the schema a package embeds (or -schema) and reports such
keys; see docs/checks.md.`

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	if inGOROOT(pass) || inModuleCache(pass) {
		// vet runs us over every dependency for facts; the standard library
		// and downloaded modules have none to give, and their schemas are
		// not ours to check.
		return nil, nil
	}
	sources, err := schemaSources(pass, cfg)
	if err != nil {
		return nil, err
	}
	loadOpts, err := loadOptions(cfg)
	if err != nil {
		return nil, err
	}
	opts := schema.Options{Keys: schema.KeyMatcher{Extra: cfg.Keys}, Uncovered: cfg.Uncovered}
	r := &reporter{pass: pass, files: map[*schema.File]*token.File{}, anchorAtEmbed: cfg.AnchorAtEmbed, createFiles: cfg.CreateFiles}
	var owned []*schema.Model
	for _, src := range sources {
		models, err := load.Files(src.paths, loadOpts)
		if err != nil {
			r.reportLoadError(src.anchor, err)
			continue
		}
		r.anchor = src.anchor
		for _, m := range models {
			for _, e := range m.Errors {
				r.reportParseError(m, e)
			}
			for _, f := range schema.Check(m, opts) {
				r.reportFinding(f)
			}
		}
		owned = append(owned, models...)
	}
	return nil, checkInserts(pass, cfg, r, owned)
}

func loadOptions(cfg *Config) (load.Options, error) {
	var o load.Options
	if cfg.Dialect != "" {
		d, ok := schema.ParseDialect(cfg.Dialect)
		if !ok {
			return o, errorf("-dialect %q: unknown dialect", cfg.Dialect)
		}
		o.Dialect = d
	}
	return o, nil
}

// listFlag is a comma-separated list flag that may also be repeated.
type listFlag struct{ list *[]string }

var _ flag.Value = listFlag{}

func (l listFlag) String() string {
	if l.list == nil {
		return ""
	}
	return strings.Join(*l.list, ",")
}

func (l listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l.list = append(*l.list, v)
		}
	}
	return nil
}

// inGOROOT reports whether the package is part of the Go distribution.
// Import paths cannot tell (analysistest's GOPATH packages have no dot
// either); where the files live can.
func inGOROOT(pass *analysis.Pass) bool {
	dir := packageDir(pass)
	if dir == "" {
		return false
	}
	for _, root := range []string{os.Getenv("GOROOT"), build.Default.GOROOT} {
		if root != "" && strings.HasPrefix(dir, filepath.Join(root, "src")+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// inModuleCache reports whether the package is a dependency's: in the
// module cache (a module@version element below pkg/mod) or vendored.
func inModuleCache(pass *analysis.Pass) bool {
	dir := filepath.ToSlash(packageDir(pass))
	if strings.Contains(dir+"/", "/vendor/") {
		return true // a vendored copy of a dependency
	}
	_, rest, ok := strings.Cut(dir, "/pkg/mod/")
	return ok && strings.Contains(rest, "@")
}
