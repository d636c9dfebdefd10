package config

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
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

	// set names the settings given by a flag or a plugin setting, which
	// win over the configuration file.
	set map[string]bool
}

// markSet records that the setting name (a flag's name) was given.
func (o *Options) markSet(name string) {
	if o.set == nil {
		o.set = map[string]bool{}
	}
	o.set[name] = true
}

// MarkSet records that the settings named (by their flag names: schema,
// key, dialect, checks, uncovered, anchor-embed) were given by the driver,
// as the golangci-lint plugin's settings: are, so that they win over the
// configuration file. Flags registered with RegisterFlags mark themselves.
func (o *Options) MarkSet(names ...string) {
	for _, n := range names {
		o.markSet(n)
	}
}

// over returns o with every setting it was not given taken from file.
func (o *Options) over(file Options) Options {
	eff := *o
	take := func(name string) bool { return !o.set[name] && file.set[name] }
	if take("schema") {
		eff.Schema = file.Schema
	}
	if take("key") {
		eff.Keys = file.Keys
	}
	if take("dialect") {
		eff.Dialect = file.Dialect
	}
	if take("checks") {
		eff.Checks = file.Checks
	}
	if take("uncovered") {
		eff.Uncovered = file.Uncovered
	}
	if take("anchor-embed") {
		eff.AnchorEmbed = file.AnchorEmbed
	}
	return eff
}

// RegisterCheckFlags adds the flags that say how schemas are read and
// checked (-key, -dialect, -checks, -uncovered) to fs: the flags of
// `idemlint schema`.
func (o *Options) RegisterCheckFlags(fs *flag.FlagSet) {
	o.register(fs, listFlag{&o.Keys}, "key", "comma-separated extra idempotency-key `columns`, as column or table.column")
	o.register(fs, stringFlag{&o.Dialect}, "dialect", "override the schema's `dialect` (postgresql, cockroachdb, mysql, mariadb, sqlite, sqlserver, oracle)")
	o.register(fs, stringFlag{&o.Checks}, "checks", "comma-separated `list` of checks to report, applied to the defaults: a code, a glob (IDEM2*), all or default; -CODE turns one off (-checks=-all,IDEM101)")
	o.register(fs, boolFlag{&o.Uncovered}, "uncovered", "report IDEM102 too (same as -checks=IDEM102)")
}

// RegisterFlags adds every setting's flag to fs: the check flags plus
// -schema and -anchor-embed, which only Go package drivers use.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	o.register(fs, listFlag{&o.Schema}, "schema", "comma-separated schema `files or folders` for packages that do not //go:embed their schema; relative to the module root")
	o.RegisterCheckFlags(fs)
	o.register(fs, boolFlag{&o.AnchorEmbed}, "anchor-embed", "report schema findings at the //go:embed variable, for golangci-lint and gopls")
}

// register adds a flag that records, when set, that it wins over the
// configuration file.
func (o *Options) register(fs *flag.FlagSet, v flag.Value, name, usage string) {
	m := marking{Value: v, mark: func() { o.markSet(name) }}
	usage += " (overrides " + FileName + ")"
	if _, ok := v.(boolFlag); ok {
		fs.Var(markingBool{m}, name, usage)
		return
	}
	fs.Var(m, name, usage)
}

// Settings are Options resolved for one module root: what a run uses.
type Settings struct {
	// Load says how schemas are read and checked.
	Load load.Config
	// SchemaPaths are the -schema paths, absolute and cleaned.
	SchemaPaths []string
	// AnchorEmbed as in Options.
	AnchorEmbed bool
	// ConfigFile is the configuration file read, or "".
	ConfigFile string
}

// Resolve checks o and resolves it for the module whose root is root:
// the configuration file that governs root (Find) supplies every setting
// o was not given, and relative -schema paths are joined to root. With
// root "", no file is read and paths are left as given: drivers call
// Resolve("") to check their flags before they know a module.
func (o *Options) Resolve(root string) (Settings, error) {
	var s Settings
	if path := Find(root); path != "" {
		file, err := ReadFile(path)
		if err != nil {
			return s, err
		}
		eff := o.over(file)
		s, err = eff.resolve(root)
		s.ConfigFile = path
		return s, err
	}
	return o.resolve(root)
}

func (o *Options) resolve(root string) (Settings, error) {
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

// marking is a flag.Value that calls mark when set.
type marking struct {
	flag.Value
	mark func()
}

func (m marking) String() string {
	if m.Value == nil {
		return "" // the zero value, which flag.PrintDefaults asks about
	}
	return m.Value.String()
}

func (m marking) Set(s string) error {
	m.mark()
	return m.Value.Set(s)
}

// markingBool is marking for a boolean flag, which stands alone
// (-uncovered).
type markingBool struct{ marking }

func (m markingBool) String() string {
	if m.Value == nil {
		return "false"
	}
	return m.Value.String()
}

func (markingBool) IsBoolFlag() bool { return true }

type stringFlag struct{ s *string }

func (f stringFlag) String() string {
	if f.s == nil {
		return ""
	}
	return *f.s
}

func (f stringFlag) Set(s string) error { *f.s = s; return nil }

type boolFlag struct{ b *bool }

func (f boolFlag) String() string {
	if f.b == nil {
		return "false"
	}
	return strconv.FormatBool(*f.b)
}

func (f boolFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*f.b = v
	return nil
}

func (boolFlag) IsBoolFlag() bool { return true }

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
