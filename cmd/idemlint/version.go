package main

import (
	"flag"
	"fmt"
	"runtime/debug"
	"strings"
)

const versionUsage = `Usage: idemlint version [-m]

Prints the version of idemlint's module this binary was built from, as the
go command recorded it: a release tag (v0.1.0) for a binary installed with
go install …@version, a pseudo-version for one installed at a commit, and
"(devel)" with the commit for a binary built from a clone. -m prints the
whole build information, the lines go version -m prints for the binary.

Flags:
`

// runVersion prints the binary's version, or with -m its whole build
// information.
func (c *cli) runVersion(args []string) int {
	fs := flag.NewFlagSet("idemlint version", flag.ContinueOnError)
	full := fs.Bool("m", false, "print the build information (module versions and build settings), as go version -m does")
	if code, ok := c.parseFlags(fs, versionUsage, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return c.usageErrorf("version takes no arguments (got %q)", fs.Args())
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		c.errorf("version: this binary carries no build information")
		return exitError
	}
	fmt.Fprintln(c.stdout, versionLine(bi))
	if *full {
		fmt.Fprint(c.stdout, bi.String())
	}
	return exitClean
}

// version returns the binary's version line (-V, idemlint version).
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "idemlint (devel)"
	}
	return versionLine(bi)
}

// versionLine says which idemlint bi describes: "idemlint v0.1.0 go1.26.0",
// or, for a build from a clone, "idemlint (devel) 616d005c1a2b go1.26.0"
// with "+modified" when the work tree had changes.
func versionLine(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	if v == "(devel)" {
		var rev string
		var modified bool
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" && modified {
			rev += "+modified"
		}
		v = strings.TrimSpace(v + " " + rev)
	}
	return strings.TrimSpace("idemlint " + v + " " + bi.GoVersion)
}

// moduleVersion is the module version the binary was built from, for
// SARIF's tool.driver.version and the language server's serverInfo.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
