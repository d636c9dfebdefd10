package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/internal/output"
)

// Exit codes, as go vet uses them.
const (
	exitClean       = output.ExitClean
	exitError       = output.ExitError
	exitUsage       = output.ExitUsage
	exitDiagnostics = output.ExitDiagnostics
)

type mode int

const (
	modePackages mode = iota // standalone: load packages and analyze them
	modeVet                  // go vet / go fix protocol: unitchecker
	modeSchema               // idemlint schema PATH...
	modeHelp                 // idemlint help [topic]
	modeVersion              // idemlint version [-m]
)

func (m mode) String() string {
	return [...]string{"packages", "vet", "schema", "help", "version"}[m]
}

// dispatch decides how the command was invoked. go vet and go fix call a
// tool with -V=full (its identity for the build cache), -flags (its flags as
// JSON) and finally with flags and one *.cfg file describing a package.
func dispatch(args []string) mode {
	if len(args) > 0 && args[0] == "schema" {
		return modeSchema
	}
	if len(args) > 0 && args[0] == "help" {
		return modeHelp
	}
	if len(args) > 0 && args[0] == "version" {
		return modeVersion
	}
	for _, a := range args {
		switch a {
		case "-V=full", "--V=full", "-flags", "--flags":
			return modeVet
		}
		if !strings.HasPrefix(a, "-") && strings.HasSuffix(a, ".cfg") {
			return modeVet
		}
	}
	return modePackages
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "lsp" {
		os.Exit(newCLI().runLSP(os.Stdin, args[1:]))
	}
	if dispatch(args) == modeVet {
		vetMain(args) // unitchecker parses os.Args itself and exits
	}
	os.Exit(newCLI().run(args))
}

// run runs the command line args in the standalone modes and returns the
// exit code.
func (c *cli) run(args []string) int {
	switch dispatch(args) {
	case modeSchema:
		return c.runSchema(args[1:])
	case modeHelp:
		return c.runHelp(args[1:])
	case modeVersion:
		return c.runVersion(args[1:])
	}
	return c.runPackages(args)
}

// A cli is one invocation's environment, so tests can run it in-process.
type cli struct {
	dir            string // the working directory; positions under it print relative
	stdout, stderr io.Writer
}

func newCLI() *cli {
	dir, _ := os.Getwd()
	return &cli{dir: dir, stdout: os.Stdout, stderr: os.Stderr}
}

func (c *cli) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "idemlint: "+format+"\n", args...)
}

// display returns how a file path is printed: relative when it lies under
// the working directory, absolute otherwise.
func (c *cli) display(path string) string {
	if path == "" {
		return path
	}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(c.dir, abs)
	}
	if c.dir != "" {
		if rel, err := filepath.Rel(c.dir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return abs
}

// abs makes a path given on the command line absolute.
func (c *cli) abs(path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(c.dir, path)
}
