package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/docs"
)

const helpUsage = `Usage:
	idemlint help             this text: how to run idemlint, its flags and checks
	idemlint help schema      the flags of idemlint schema
	idemlint help config      the configuration file, .idemlint.yaml
	idemlint lsp -h           the flags of the language server
	idemlint help CODE        a check's documentation (IDEM101, idem201, …)
	idemlint version [-m]     the version (-m: the build information)
`

// runHelp prints usage (idemlint help, which go vet's own usage tells
// users to run), the schema mode's usage, or a check's docs entry, on
// stdout: help that was asked for is the output, not an error.
func (c *cli) runHelp(args []string) int {
	help := *c
	help.stderr = c.stdout
	switch {
	case len(args) == 0:
		return help.runPackages([]string{"-h"})
	case len(args) == 1 && args[0] == "schema":
		return help.runSchema([]string{"-h"})
	case len(args) == 1 && args[0] == "config":
		fmt.Fprint(c.stdout, configHelp)
		return exitClean
	case len(args) == 1:
		if _, ok := checks.Lookup(args[0]); ok {
			entry, _ := docs.CheckEntry(args[0])
			fmt.Fprint(c.stdout, entry)
			fmt.Fprintf(c.stdout, "\nOnline: %s\n", checks.URL(strings.ToUpper(args[0])))
			return exitClean
		}
		c.errorf("help %s: no such check or topic", args[0])
	}
	fmt.Fprint(c.stderr, helpUsage)
	return exitUsage
}

// writeCheckList prints the catalogue as a table, for -help.
func writeCheckList(w io.Writer) {
	fmt.Fprintf(w, "\nChecks (select with -checks; details: idemlint help CODE):\n")
	for _, ch := range checks.All {
		state := "on "
		if !ch.Default {
			state = "off"
		}
		fmt.Fprintf(w, "  %s  %s  %-8s %s\n", ch.Code, state, ch.Category, ch.Title)
	}
}

const configHelp = `idemlint's configuration file: .idemlint.yaml

Key columns, schema paths, the dialect and the checks are facts about a
repository, so they can live in one file that every driver reads: the
standalone idemlint, go vet -vettool and go fix -fixtool, idemlint schema,
the pre-commit hooks, the golangci-lint plugin and the language server.

Where: .idemlint.yaml (or .idemlint.yml) at the root of the module, the
folder that holds go.mod; in a repository without Go, the folder that holds
.git. Each driver looks in the folder it checks (a package's folder, the
folder of the first path given to idemlint schema, an open file's folder)
and its parents, and stops at the first folder that holds go.mod or .git;
the nearest file wins.

What: the flags' settings, under the flags' names:

	# .idemlint.yaml
	schema: [db/schema.sql]      # -schema; relative to this file
	key: [request_id, jobs.ref]  # -key: extra idempotency-key columns
	dialect: postgresql          # -dialect
	checks: [-IDEM202]           # -checks, applied to the defaults
	uncovered: false             # -uncovered (IDEM102)
	anchor-embed: false          # -anchor-embed

Lists are YAML lists or comma-separated strings, as the flags take them.
Every key is optional.

Precedence: a flag given on the command line overrides the file's setting
for that key, whole (-key replaces the file's key list, -checks its checks
list). The golangci-lint plugin's settings: block has the same keys and
overrides the file the same way; it can be moved into this file as it is.

Mistakes: an unknown key, a value of the wrong shape, or a dialect or check
idemlint does not know stops the run with the file's line and column
(idemlint and idemlint schema exit 2; under go vet, the package fails).

Caching: go vet caches results by the Go files and flags, which do not
include this file. idemlint ./... hands go vet a digest of it, and
idemlint's answer to go vet's -V=full (the tool's identity, part of every
cached result's key) covers the file found from the folder go vet runs in,
so plain go vet -vettool=$(which idemlint) does not replay a result cached
before the file changed when it runs inside the module. Run from elsewhere
(go vet in a go.work of several modules, say), go vet may replay old
results after the file changes: run idemlint ./... instead, or
go clean -cache. The language server reads the file again when it changes.

Why YAML: it is what Go teams already write their tools' configuration in
(.golangci.yml, .pre-commit-config.yaml, sqlc.yaml, GitHub workflows), and
the golangci-lint settings block is YAML with the same keys.
`
