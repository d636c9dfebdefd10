package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/output"
	"github.com/idemlint/idemlint/schema/load"
)

const packagesUsage = `idemlint reports idempotency-key columns the database cannot enforce.

Usage:
	idemlint [flags] [packages]        analyze Go packages (default ./...)
	idemlint schema [flags] PATH...    check schema files or folders alone
	idemlint help [schema|CODE]        usage, or a check's documentation
	idemlint version [-m]              the version this binary was built from
	idemlint lsp [flags]               a language server for schema files, on stdin/stdout
	go vet -vettool=$(which idemlint) [packages]
	go fix -fixtool=$(which idemlint) [packages]

Exit status: 0 clean, 3 diagnostics reported, 1 errors, 2 a command line
idemlint cannot use (an unknown flag, a bad flag value). Text diagnostics
go to stderr, as go vet's do; -format json, sarif and github, -json and
-diff write to stdout.

Flags:
`

// parseFlags parses args into fs; ok is false when the command must exit
// with code: 0 for -h, 2 (a usage error, as the flag package and go vet
// exit) for a flag it does not know or a flag after the paths.
func (c *cli) parseFlags(fs *flag.FlagSet, usage string, args []string) (code int, ok bool) {
	fs.SetOutput(c.stderr)
	fs.Usage = func() {} // the whole usage for -h; one line for a mistake, as go vet does
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(c.stderr, usage)
			fs.PrintDefaults()
			writeCheckList(c.stderr)
			return exitClean, false
		}
		fmt.Fprintf(c.stderr, "run '%s -h' for usage\n", fs.Name())
		return exitUsage, false
	}
	if f := flagAfterPaths(args, fs.Args()); f != "" {
		c.errorf("flags must come before paths: %s follows %s (%s [flags] %s…)", f, fs.Arg(0), fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

// flagAfterPaths returns the first argument of rest (what the flag
// package left after the last flag it read) that looks like a flag, or
// "". The flag package stops at the first path, so in `idemlint schema
// db/ -format github` the -format would be read as a path; after a "--"
// everything is a path.
func flagAfterPaths(args, rest []string) string {
	if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
		return ""
	}
	for _, a := range rest {
		if len(a) > 1 && a[0] == '-' {
			return a
		}
	}
	return ""
}

// usageErrorf reports a command line idemlint cannot use (a bad flag
// value, flags that do not combine) and returns the usage exit code.
func (c *cli) usageErrorf(format string, args ...any) int {
	c.errorf(format, args...)
	return exitUsage
}

func (c *cli) runPackages(args []string) int {
	fs := flag.NewFlagSet("idemlint", flag.ContinueOnError)
	opts := &config.Options{}
	opts.RegisterFlags(fs)
	var out outputFlags
	out.register(fs)
	fs.Bool("test", true, "no effect: test packages are analyzed, as go vet does (findings in _test.go files are never reported)")
	tags := fs.String("tags", "", "comma-separated build `tags`")
	chdir := fs.String("C", "", "change to `dir` before loading packages, as go -C does")
	showVersion := fs.Bool("V", false, "print the version and exit")
	fs.BoolVar(showVersion, "version", false, "print the version and exit")
	if code, ok := c.parseFlags(fs, packagesUsage, args); !ok {
		return code
	}
	if *showVersion {
		fmt.Fprintln(c.stdout, version())
		return exitClean
	}
	if sub := fs.Arg(0); isSubcommand(sub) && len(args) > 0 && args[0] != sub {
		if _, err := os.Stat(filepath.Join(*chdir, sub)); err != nil { // not a folder of that name
			return c.usageErrorf("%s is a subcommand and comes first: idemlint %s [flags] …", sub, sub)
		}
	}
	if *chdir != "" {
		if err := os.Chdir(*chdir); err != nil {
			c.errorf("-C: %v", err)
			return exitError
		}
		c.dir, _ = os.Getwd()
	}
	oo, err := out.options(c)
	if err != nil {
		return c.usageErrorf("%v", err)
	}
	oo.ByPackage = true
	if _, err := opts.Resolve(load.ModuleRoot(c.dir)); err != nil {
		// A bad -dialect or -checks, or a configuration file idemlint
		// cannot use: say so once, before loading anything.
		return c.usageErrorf("%v", err)
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	req := vetRequest{patterns: patterns, tags: *tags, toolFlags: vetToolFlags(fs), opts: opts, notes: out.verbose}
	res, err := c.runVet(req)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	if out.precommit {
		res.Normalize()
		dedupeHooks(&res, "packages")
	}
	if oo.Fix && hasFixes(res) {
		// A fix can make findings elsewhere moot (a repository function's
		// guard covers its callers): fix, then report what the fixed code
		// still holds.
		fixOnly := oo
		fixOnly.FixOnly = true
		code := output.Write(res, fixOnly)
		if code == exitError {
			return code
		}
		again, err := c.runVet(req)
		if err != nil {
			c.errorf("%v", err)
			return exitError
		}
		left := oo
		left.Fix = false
		return output.Write(again, left)
	}
	return output.Write(res, oo)
}

// hasFixes reports whether a diagnostic of res has a fix to apply.
func hasFixes(res output.Result) bool {
	for _, d := range res.Diagnostics {
		if len(d.Fixes) > 0 {
			return true
		}
	}
	return false
}

// isSubcommand reports whether arg names a subcommand, which must come
// before any flag: `idemlint -key k schema db/` would otherwise load a
// package named schema.
func isSubcommand(arg string) bool {
	switch arg {
	case "schema", "lsp", "help", "version":
		return true
	}
	return false
}
