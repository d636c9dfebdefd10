package main

import (
	"errors"
	"flag"
	"io"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/lsp"
)

const lspUsage = `Usage: idemlint lsp [flags]

Runs a language server on stdin and stdout for schema files (.prisma,
.sql, migration folders): diagnostics as documents are opened, changed and
saved, and idemlint's fixes as code actions. Point an editor's LSP client
at "idemlint lsp" for those file types.

Flags:
`

// runLSP serves the language server protocol on stdin and c.stdout until
// the client exits: 0 after shutdown and exit, 1 otherwise.
func (c *cli) runLSP(stdin io.Reader, args []string) int {
	fs := flag.NewFlagSet("idemlint lsp", flag.ContinueOnError)
	var opts config.Options
	opts.RegisterCheckFlags(fs)
	if code, ok := c.parseFlags(fs, lspUsage, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return c.usageErrorf("lsp takes no arguments (got %q)", fs.Args())
	}
	err := lsp.Serve(stdin, c.stdout, lsp.Options{Check: opts, Version: moduleVersion(), Log: c.stderr})
	if err != nil {
		if !errors.Is(err, lsp.ErrNoShutdown) {
			c.errorf("lsp: %v", err)
		}
		return exitError
	}
	return exitClean
}
