package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/idemlint/idemlint/analyzer/keyuse"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/output"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

const schemaUsage = `Usage: idemlint schema [flags] PATH...

Checks schema files, or the schema files in folders (recursively), without
any Go code. Files named together in one folder form one schema (a
multi-file Prisma schema); each folder argument is one schema. With no
PATH, checks the current folder.

Exit status: 0 clean, 3 findings reported, 1 errors (including files that
do not parse; their findings are still reported), 2 a command line idemlint
cannot use. Flags come before the paths.

Flags:
`

func (c *cli) runSchema(args []string) int {
	fs := flag.NewFlagSet("idemlint schema", flag.ContinueOnError)
	var opts config.Options
	opts.RegisterCheckFlags(fs)
	showModel := fs.Bool("model", false, "print the models idemlint read (tables, columns, uniques, positions) as JSON on stdout, instead of checking them")
	var out outputFlags
	out.register(fs)
	if code, ok := c.parseFlags(fs, schemaUsage, args); !ok {
		return code
	}
	oo, err := out.options(c)
	if err != nil {
		return c.usageErrorf("%v", err)
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for i, p := range paths {
		paths[i] = c.abs(p)
	}
	settings, err := opts.Resolve(configDir(paths[0]))
	if err != nil {
		return c.usageErrorf("%v", err)
	}
	if out.verbose && settings.ConfigFile != "" {
		c.errorf("configuration: %s", c.display(settings.ConfigFile))
	}
	// Keys by use: when the schema lives in a Go module, the ON CONFLICT
	// targets of its code say which unique columns are keys.
	cfg := settings.Load
	if root := load.ModuleRoot(configDir(paths[0])); root != "" {
		cfg.Checks.Keys.Conflicts = keyuse.Scan(root)
	}
	checked := load.Check(paths, cfg)
	for _, p := range checked.Skipped {
		c.errorf("warning: skipping %s: not a schema file idemlint reads", c.display(p))
	}
	for _, s := range checked.Beside {
		c.errorf("warning: not reading %s: it sits in a migration history but is not a step of it (%s), so the migration tool does not run it; name the file to check it on its own", c.display(s.Path), s.Reason)
	}
	if out.verbose {
		for _, m := range checked.Models {
			c.errorf("schema %s: %s (dialect from %s)", c.modelName(m), m.Dialect, m.DialectFrom)
			for _, n := range m.Notes {
				c.errorf("note: %s: %s", c.display(n.Path), n.Message)
			}
			for _, n := range schema.UnmarkedKeys(m, cfg.Checks.Keys) {
				pos := n.Span.Position()
				pos.Path = c.display(pos.Path)
				c.errorf("note: %s: %s", pos, n.Message)
			}
		}
		for _, n := range checked.Notes {
			c.errorf("note: %s: %s", c.display(n.Path), n.Message)
		}
	}
	if *showModel {
		return c.printModels(checked)
	}
	var res output.Result
	for _, f := range checked.Findings {
		res.AddFinding(f)
	}
	if out.precommit {
		res.Normalize()
		dedupeHooks(&res, "schema")
	}
	return output.Write(res, oo)
}

// configDir is where the configuration file of the schemas at path is
// looked for (config.Find): path's folder, or path itself if it is one.
func configDir(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return path
	}
	return filepath.Dir(path)
}

// modelName names a model by its first file, for -v.
func (c *cli) modelName(m *schema.Model) string {
	if len(m.Files) == 0 {
		if len(m.Notes) > 0 {
			return c.display(filepath.Dir(m.Notes[0].Path)) // every file left unread, each with a note
		}
		return "(no files)"
	}
	name := c.display(m.Files[0].Path)
	if len(m.Files) > 1 {
		name += fmt.Sprintf(" and %d more files", len(m.Files)-1)
	}
	return name
}

// printModels prints what idemlint understood of each schema, as JSON:
// exit 1 when a schema had read errors.
func (c *cli) printModels(checked load.Result) int {
	code := exitClean
	list := []schema.ModelJSON{}
	for _, m := range checked.Models {
		list = append(list, m.JSON())
		if len(m.Errors) > 0 {
			code = exitError
		}
	}
	for _, f := range checked.Findings {
		if f.Span.File != nil && len(f.Span.File.Src) == 0 && f.Code == checks.ReadError {
			c.errorf("%s: %s", c.display(f.Span.File.Path), f.Message) // a path that could not be read at all
			code = exitError
		}
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(list); err != nil {
		c.errorf("%v", err)
		return exitError
	}
	return code
}
