package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/output"
)

const packagesUsage = `idemlint reports idempotency-key columns the database cannot enforce.

Usage:
	idemlint [flags] [packages]        analyze Go packages (default ./...)
	idemlint schema [flags] PATH...    check schema files or folders alone
	idemlint help [schema|CODE]        usage, or a check's documentation
	idemlint lsp [flags]               a language server for schema files, on stdin/stdout
	go vet -vettool=$(which idemlint) [packages]
	go fix -fixtool=$(which idemlint) [packages]

Exit status: 0 clean, 3 diagnostics reported, 1 errors.

Flags:
`

// parseFlags parses args into fs; ok is false when the command must exit
// with code.
func (c *cli) parseFlags(fs *flag.FlagSet, usage string, args []string) (code int, ok bool) {
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprint(c.stderr, usage)
		fs.PrintDefaults()
		writeCheckList(c.stderr)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean, false
		}
		return exitError, false
	}
	return 0, true
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
	if *chdir != "" {
		if err := os.Chdir(*chdir); err != nil {
			c.errorf("-C: %v", err)
			return exitError
		}
		c.dir, _ = os.Getwd()
	}
	oo, err := out.options(c)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	oo.ByPackage = true
	if _, err := opts.Resolve(""); err != nil {
		c.errorf("%v", err) // a bad -dialect or -checks: say so once, before loading anything
		return exitError
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	res, err := c.runVet(vetRequest{patterns: patterns, tags: *tags, toolFlags: vetToolFlags(fs), opts: opts})
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	return output.Write(res, oo)
}
