package config

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// Options are idemlint's settings as a user gives them.
type Options struct {
	// Schema are schema files or folders for packages that do not
	// //go:embed their schema. Relative paths resolve from the module root.
	Schema []string
	// Keys are extra key columns: "column" or "table.column".
	Keys []string
	// Dialect overrides every schema's dialect ("" detects it).
	Dialect string
	// Checks is a -checks list (see checks.Select); "" keeps the defaults.
	Checks string
	// Uncovered turns IDEM102 on: the older spelling of -checks=IDEM102.
	Uncovered bool
	// AnchorEmbed reports schema findings at the variable a //go:embed
	// fills, with the schema position as related information, for drivers
	// such as golangci-lint and gopls that drop diagnostics outside Go
	// files.
	AnchorEmbed bool
	// NolintByDriver leaves //nolint comments to the driver: golangci-lint
	// applies them itself and reports unused ones (nolintlint).
	NolintByDriver bool
}

// RegisterCheckFlags adds the flags that say how schemas are read and
// checked (-key, -dialect, -checks, -uncovered) to fs: the flags of
// `idemlint schema`.
func (o *Options) RegisterCheckFlags(fs *flag.FlagSet) {
	fs.Var(listFlag{&o.Keys}, "key", "comma-separated extra idempotency-key `columns`, as column or table.column")
	fs.StringVar(&o.Dialect, "dialect", o.Dialect, "override the schema's `dialect` (postgresql, cockroachdb, mysql, mariadb, sqlite, sqlserver, oracle)")
	fs.StringVar(&o.Checks, "checks", o.Checks, "comma-separated `list` of checks to report, applied to the defaults: a code, a glob (IDEM2*), all or default; -CODE turns one off (-checks=-all,IDEM101)")
	fs.BoolVar(&o.Uncovered, "uncovered", o.Uncovered, "report IDEM102 too (same as -checks=IDEM102)")
}

// RegisterFlags adds every setting's flag to fs: the check flags plus
// -schema and -anchor-embed, which only Go package drivers use.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.Var(listFlag{&o.Schema}, "schema", "comma-separated schema `files or folders` for packages that do not //go:embed their schema; relative to the module root")
	o.RegisterCheckFlags(fs)
	fs.BoolVar(&o.AnchorEmbed, "anchor-embed", o.AnchorEmbed, "report schema findings at the //go:embed variable, for golangci-lint and gopls")
}

// Settings are Options resolved for one module root: what a run uses.
type Settings struct {
	// Load says how schemas are read and checked.
	Load load.Config
	// SchemaPaths are the -schema paths, absolute and cleaned.
	SchemaPaths []string
	// AnchorEmbed as in Options.
	AnchorEmbed bool
}

// Resolve checks o and resolves it for the module whose root is root
// (relative -schema paths are joined to it; "" leaves them as given).
func (o *Options) Resolve(root string) (Settings, error) {
	var s Settings
	if o.Dialect != "" {
		d, ok := schema.ParseDialect(o.Dialect)
		if !ok {
			return s, fmt.Errorf("-dialect %q: unknown dialect (postgresql, cockroachdb, mysql, mariadb, sqlite, sqlserver, oracle)", o.Dialect)
		}
		s.Load.Dialect = d
	}
	list := o.Checks
	if o.Uncovered {
		list += "," + checks.UncoveredKey
	}
	sel, err := checks.Select(list)
	if err != nil {
		return s, err
	}
	s.Load.Checks = schema.Options{Keys: schema.KeyMatcher{Extra: o.Keys}, Checks: sel}
	for _, p := range o.Schema {
		if !filepath.IsAbs(p) && root != "" {
			p = filepath.Join(root, p)
		}
		s.SchemaPaths = append(s.SchemaPaths, filepath.Clean(p))
	}
	s.AnchorEmbed = o.AnchorEmbed
	return s, nil
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
