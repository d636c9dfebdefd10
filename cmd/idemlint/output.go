package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/idemlint/idemlint/internal/output"
)

// outputFlags are the flags both modes share: how results are printed or
// fixed.
type outputFlags struct {
	format                   string
	json, fix, diff, verbose bool
	quiet                    bool
	precommit                bool // a pre-commit hook: see precommit.go
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output `format`: text, json (go vet's), sarif (SARIF 2.1.0, for code scanning) or github (workflow commands, for PR annotations)")
	fs.BoolVar(&o.json, "json", false, "print diagnostics as JSON on stdout (same as -format=json)")
	fs.BoolVar(&o.fix, "fix", false, "apply the first suggested fix of every diagnostic, in Go and schema files alike")
	fs.BoolVar(&o.diff, "diff", false, "print the unified diff -fix would apply, and write nothing")
	fs.BoolVar(&o.verbose, "v", false, "also print related positions under each diagnostic, a note for each write or key idemlint did not follow (\"not followed: …\"), and, in idemlint schema, what decided each schema's dialect")
	fs.BoolVar(&o.quiet, "q", false, "with -fix, do not list the files changed")
	fs.BoolVar(&o.precommit, "precommit", false, "run as a pre-commit hook: leave out what the other idemlint hook reported in the same pre-commit run, so that with both hooks each finding is reported once")
}

// options checks the flags and turns them into the output layer's options.
func (o *outputFlags) options(c *cli) (output.Options, error) {
	format, err := output.ParseFormat(o.format)
	if err != nil {
		return output.Options{}, err
	}
	if o.json {
		if format != output.Text && format != output.JSON {
			return output.Options{}, fmt.Errorf("-json cannot be combined with -format=%s", format)
		}
		format = output.JSON
	}
	if format != output.Text && (o.fix || o.diff) {
		return output.Options{}, errors.New("-" + format.String() + " output cannot be combined with -fix or -diff")
	}
	if o.fix && o.diff {
		return output.Options{}, errors.New("-fix and -diff cannot be combined: -diff shows what -fix would write")
	}
	return output.Options{
		Format: format, Fix: o.fix, Diff: o.diff, Verbose: o.verbose, Quiet: o.quiet,
		Stdout: c.stdout, Stderr: c.stderr, Display: c.display,
		Tool: output.ToolInfo{Name: "idemlint", Version: moduleVersion(), InformationURI: "https://github.com/idemlint/idemlint"},
	}, nil
}
