package keyflow

import (
	"fmt"
	"strings"
)

// verdict renders a query's result as the Verdict callers see.
func (q *query) verdict(r result) (Verdict, bool) {
	if r.st != bad {
		return Verdict{}, false
	}
	f := r.f
	origin := f.origin
	if !origin.IsValid() && q.start.index < len(q.start.block.Instrs) {
		origin = q.start.block.Instrs[q.start.index].Pos()
	}
	reason := f.text
	if reason == "" {
		where := ""
		if line := q.fi.line(origin); line > 0 {
			where = fmt.Sprintf("line %d", line)
		}
		reason = q.reasonOf(f, where)
	}
	v := Verdict{Kind: f.kind, Reason: reason, Origin: origin, Written: f.written && f.when == "", Zero: f.zero}
	if q.zeroName != "" && f.kind == Empty {
		v.Zero, v.Reason = q.zeroName, zeroText(reason, q.zeroName)
	}
	if f.branch != nil && q.fi.checksParam(f.branch) {
		if d := q.branchDep(f.branch, f.branchTo); d != nil {
			if dep, ok := q.dependenceOf(d, f); ok {
				v.Dependence = &dep
			}
		}
	}
	return v, true
}

// reasonOf assembles a finding's pieces: "empty when the K header is
// absent (Header.Get, line 14)", where being "line 14" or "" (none).
func (q *query) reasonOf(f finding, where string) string {
	if f.when == "" && f.via == "" && (f.what == "nil" || f.what == "empty") {
		f.what = map[string]string{"nil": "a nil literal", "empty": "an empty string literal"}[f.what]
	}
	reason := f.what
	if f.when != "" {
		reason += " " + f.when
	}
	var paren []string
	if f.via != "" {
		paren = append(paren, f.via)
	}
	if where != "" {
		paren = append(paren, where)
	}
	if len(paren) > 0 {
		reason += " (" + strings.Join(paren, ", ") + ")"
	}
	return reason
}
