package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/insertsite"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// checkConverted checks a key that a converter copies from a field of its
// argument into the row (insertsite's Converted): the argument, at the
// conversion, is where the key shows. As for a key taken straight from a
// parameter, the value is judged first, then the type as the contract,
// and the inserting function is summarised for its callers.
func (c *goChecker) checkConverted(kt keyTarget, site insertsite.Site, v sqlinsert.Value, cv *insertsite.Converted) {
	root := cv.Call.Args[cv.Arg]
	text := exprText(c.pass, root)
	if len(cv.Path) > 0 {
		text += "." + strings.Join(cv.Path, ".")
	}
	via := fmt.Sprintf("%s copies %s into the row", cv.Func.Name(), text)
	if fn, at := c.ssaFor(site); fn != nil {
		if val := keyflow.ArgValue(fn, at, root); val != nil {
			if c.judgeConverted(kt, site, v, cv, root, via, valueAt{fn, val, at}) {
				return
			}
		}
	}
	decl := enclosingDecl(site)
	if decl == nil {
		return
	}
	p, base, ok := paramPath(c.pass.TypesInfo, decl, root)
	if !ok {
		return
	}
	rootPath, _ := pathOf(c.pass.TypesInfo, root)
	full := append(base[:len(base):len(base)], cv.Path...)
	want := valuePath{root: rootPath.root, fields: strings.Join(full, ".")}
	if checksValuePath(c.pass.TypesInfo, decl.Body, want) {
		return
	}
	c.summariseParam(kt, decl, v, p, full, cv.Type)
	if len(kt.nulls) == 0 || v.NeverNull || isGenerated(c.pass, decl.Pos()) {
		return
	}
	var missing string
	switch {
	case isPointer(cv.Type):
		missing = "nil"
	case isNullStruct(cv.Type):
		missing = "an invalid (NULL) one"
	default:
		return
	}
	why := fmt.Sprintf("%s's parameter field %s is a %s, so every caller may pass %s, and nothing here checks it; %s",
		decl.Name.Name, text, types.TypeString(cv.Type, shortQualifier), missing, via)
	c.report(finding{code: checks.GoNullKey, at: root, why: why, fixes: c.convertedFixes(site, cv, root, keyflow.Nil, kt)}, kt)
}

// judgeConverted asks the value analysis about the argument's field; it
// says whether it reported.
func (c *goChecker) judgeConverted(kt keyTarget, site insertsite.Site, v sqlinsert.Value, cv *insertsite.Converted, root ast.Expr, via string, va valueAt) bool {
	mayBeNull, mayBeEmpty := c.flow.MayBeNullField, c.flow.MayBeEmptyField
	if len(cv.Path) == 0 { // the argument itself
		mayBeNull = func(fn *ssa.Function, v ssa.Value, _ []string, at ssa.Instruction) (keyflow.Verdict, bool) {
			return c.flow.MayBeNull(fn, v, at)
		}
		mayBeEmpty = func(fn *ssa.Function, v ssa.Value, _ []string, at ssa.Instruction) (keyflow.Verdict, bool) {
			return c.flow.MayBeEmpty(fn, v, at)
		}
	}
	if len(kt.nulls) > 0 && !v.NeverNull {
		if vd, ok := mayBeNull(va.fn, va.val, cv.Path, va.at); ok {
			c.report(finding{code: checks.GoNullKey, at: root, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: c.convertedFixes(site, cv, root, keyflow.Nil, kt)}, kt)
			return true
		}
	}
	if len(kt.empties) > 0 && !v.NeverNull && !v.NullIfEmpty {
		if vd, ok := mayBeEmpty(va.fn, va.val, cv.Path, va.at); ok {
			c.report(finding{code: checks.GoEmptyKey, at: root, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: c.convertedFixes(site, cv, root, keyflow.Empty, kt)}, kt)
			return true
		}
	}
	return false
}

// convertedFixes give the argument's key field a value before the
// conversion, which copies it.
func (c *goChecker) convertedFixes(site insertsite.Site, cv *insertsite.Converted, root ast.Expr, kind keyflow.Kind, kt keyTarget) []analysis.SuggestedFix {
	if len(cv.Path) == 0 {
		return nil
	}
	conv := site
	conv.Call = cv.Call
	return fieldFixes(c.pass, conv, root, cv.Path, kind, kt.key.MaxLength())
}
