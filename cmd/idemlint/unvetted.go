package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/analyzer/keyuse"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/internal/output"
	"github.com/idemlint/idemlint/schema/load"
)

// addUnvettedSchemaFindings is the driver's answer to a go vet run that
// could not analyse every package. Schema findings come from the package
// that embeds the schema, or, for the schemas no package embeds, from the
// module's first package (analyzer/modules.FirstPackageDir): when that
// package does not build (a cgo header that is missing, a dependency the
// proxy refuses), or when go vet gives up before running any package (a
// go.mod that names a module that cannot be downloaded), their findings
// would be lost with nothing said but the build error. So when the run
// covers the whole module and go vet failed, the driver reads the
// module's schemas itself, as `idemlint schema` would, and adds each
// finding go vet did not report. It says so on stderr: the Go side of the
// packages that did not build is still unchecked.
//
// It also says which packages that did not build insert into key columns
// (unbuilt.go): their Go side is unchecked too. stderrs are go vet's.
func (c *cli) addUnvettedSchemaFindings(res *output.Result, req vetRequest, stderrs ...string) {
	root := load.ModuleRoot(c.dir)
	if root == "" {
		return
	}
	settings, err := req.opts.Resolve(root)
	if err != nil {
		return // reported before the run
	}
	cfg := settings.Load
	cfg.Checks.Keys.Conflicts = keyuse.Scan(root)
	var checked load.Result
	if len(settings.SchemaPaths) > 0 {
		checked = load.Check(settings.SchemaPaths, cfg)
	} else {
		checked = load.Module(root, cfg)
	}
	declared := load.GoModels(load.GoModelFiles(root), cfg, checked.Models)
	broken, dirs := c.brokenPackages(req, stderrs...)
	if line := unbuiltInsertsLine(root, broken, dirs, checked.Models, cfg.Checks.Keys); line != "" {
		defer func() { res.Errors = append(res.Errors, output.Error{Message: line}) }()
	}
	if !coversModule(c.dir, root, req.patterns) {
		return
	}
	reported := map[string]bool{}
	for _, d := range res.Diagnostics {
		reported[findingKey(d)] = true
	}
	var added output.Result
	for _, f := range append(checked.Findings, declared.Findings...) {
		if f.Code == checks.ReadError && f.Span.File == nil {
			continue // a folder-level error the build errors already explain
		}
		var one output.Result
		one.AddFinding(f)
		d := one.Diagnostics[0]
		if reported[findingKey(d)] {
			continue
		}
		reported[findingKey(d)] = true
		added.AddFinding(f)
	}
	if len(added.Diagnostics) == 0 {
		return
	}
	res.Diagnostics = append(res.Diagnostics, added.Diagnostics...)
	if res.Baselines == nil {
		res.Baselines = added.Baselines
	} else {
		for p, b := range added.Baselines {
			if _, ok := res.Baselines[p]; !ok {
				res.Baselines[p] = b
			}
		}
	}
	why := "go vet reported errors (above)"
	if len(broken) > 0 {
		why = "go vet did not analyse " + packageList(broken) + ", which did not build"
	}
	res.Errors = append(res.Errors, output.Error{Message: fmt.Sprintf(
		"idemlint: %s, so idemlint read the module's schemas itself: %d schema finding(s) below come from that reading; the Go side of the packages that did not build is unchecked",
		why, len(added.Diagnostics))})
}

// packageList names pkgs for a message: all of them up to five, else the
// first five and how many more.
func packageList(pkgs []string) string {
	const most = 5
	if len(pkgs) == 1 {
		return "1 package (" + pkgs[0] + ")"
	}
	if len(pkgs) <= most {
		return fmt.Sprintf("%d packages (%s)", len(pkgs), strings.Join(pkgs, ", "))
	}
	return fmt.Sprintf("%d packages (%s and %d more)", len(pkgs), strings.Join(pkgs[:most], ", "), len(pkgs)-most)
}

// findingKey identifies a finding by check, file and line: go vet's JSON
// and the schema reader count columns alike, but a message may differ
// (an embedding package adds what its code uses).
func findingKey(d output.Diagnostic) string {
	path, err := filepath.Abs(d.Pos.Path)
	if err != nil {
		path = d.Pos.Path
	}
	return fmt.Sprintf("%s\x00%s\x00%d", d.Code, filepath.Clean(path), d.Pos.Line)
}

// coversModule reports whether patterns, run in dir, name every package of
// the module at root: "./..." from the root, "all", or root's own "/...".
func coversModule(dir, root string, patterns []string) bool {
	for _, p := range patterns {
		if p == "all" {
			return true
		}
		base, ok := strings.CutSuffix(p, "/...")
		if !ok {
			if p != "..." {
				continue
			}
			base = "."
		}
		if !filepath.IsAbs(base) {
			base = filepath.Join(dir, base)
		}
		if filepath.Clean(base) == filepath.Clean(root) {
			return true
		}
	}
	return false
}
