package output

import (
	"fmt"
	"slices"

	"github.com/idemlint/idemlint/internal/fixer"
	"github.com/idemlint/idemlint/schema"
)

// applyFixes applies (or, with -diff, prints) the first fix of every
// diagnostic that has one. It returns the diagnostics left to print, how
// many the diff shows instead, and the exit code of the fixing itself.
func applyFixes(res Result, o Options) (left []Diagnostic, shown, code int) {
	var fixes []fixer.Fix
	fixOf := make([]int, len(res.Diagnostics)) // index into fixes, or -1
	for i, d := range res.Diagnostics {
		fixOf[i] = -1
		if len(d.Fixes) == 0 {
			continue
		}
		f := fixer.Fix{Message: d.Fixes[0].Message}
		for _, e := range d.Fixes[0].Edits {
			if e.Create {
				f.Edits = append(f.Edits, fixer.Create(e.Path, []byte(e.New)))
				continue
			}
			f.Edits = append(f.Edits, fixer.Edit{Path: e.Path, Start: e.Start, End: e.End, New: e.New})
		}
		fixOf[i] = len(fixes)
		fixes = append(fixes, f)
	}
	if len(fixes) == 0 {
		return res.Diagnostics, 0, ExitClean
	}
	plan := fixer.Prepare(fixes, fixer.Options{Baselines: res.Baselines})
	code = finishPlan(plan, o)
	for i, d := range res.Diagnostics {
		if fixOf[i] >= 0 && plan.Applied[fixOf[i]] {
			shown++
			continue
		}
		left = append(left, d)
	}
	if o.Fix {
		shown = 0 // fixed: nothing left to report
		followUps(res, fixOf, fixes, plan, o)
	}
	return left, shown, code
}

// followUps prints, for every fix written, what its message says is still
// to do after applying it (schema.FollowUp): a Go model's fix edits the
// declaration, and the database still needs AutoMigrate, a migration or
// ent's generated code. Printed with -q too: it is not a list of files
// but work the fix leaves, and saying nothing would say there is none.
func followUps(res Result, fixOf []int, fixes []fixer.Fix, plan *fixer.Plan, o Options) {
	written := map[string]bool{}
	for _, p := range plan.Written {
		written[p] = true
	}
	for i, d := range res.Diagnostics {
		if fixOf[i] < 0 || !plan.Applied[fixOf[i]] {
			continue
		}
		todo := schema.FollowUp(d.Fixes[0].Message)
		unwritten := slices.ContainsFunc(fixes[fixOf[i]].Edits, func(e fixer.Edit) bool { return !written[fixer.CleanPath(e.Path)] })
		if todo == "" || unwritten {
			continue
		}
		pos := d.Pos
		pos.Path = o.display(pos.Path)
		fmt.Fprintf(o.Stderr, "%s: %s fixed; %s%s\n", pos, d.Code, schema.FollowUpMarker, todo)
	}
}

// finishPlan writes the plan (or prints its diff) and reports its errors
// and, unless -q, each file it changed.
func finishPlan(plan *fixer.Plan, o Options) int {
	code := ExitClean
	for _, e := range plan.Errors {
		o.errorf("cannot fix %s: %v", o.display(e.Path), e.Err)
		code = ExitError
	}
	if o.Diff {
		if err := plan.WriteDiffs(o.Stdout, o.display); err != nil {
			o.errorf("%v", err)
			code = ExitError
		}
		return code
	}
	if err := plan.Write(); err != nil {
		o.errorf("%v", err)
		code = ExitError
	}
	if o.Quiet {
		return code
	}
	written := map[string]bool{}
	for _, p := range plan.Written {
		written[p] = true
	}
	for _, f := range plan.Files {
		if !written[f.Path] {
			continue // Write said why
		}
		verb := "fixed"
		if f.Created {
			verb = "created"
		}
		n := fmt.Sprintf("%d fixes", len(f.Fixes))
		if len(f.Fixes) == 1 {
			n = "1 fix"
		}
		o.errorf("%s %s (%s)", verb, o.display(f.Path), n)
	}
	return code
}
