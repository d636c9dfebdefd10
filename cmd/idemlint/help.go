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
