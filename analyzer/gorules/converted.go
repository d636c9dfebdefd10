package gorules

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
)

// checkConverted checks a key that a converter copies from a field of its
// argument into the row (rowwrite's Converted): the argument, at the
// conversion, is where the key shows. As for a key taken straight from a
// parameter, the value is judged first, then the type as the contract,
// and the inserting function is summarised for its callers.
func (c *checker) checkConverted(w write, cv *rowwrite.Converted) {
	root := cv.Call.Args[cv.Arg]
	text := exprText(c.pass, root)
	if len(cv.Path) > 0 {
		text += "." + strings.Join(cv.Path, ".")
	}
	via := fmt.Sprintf("%s copies %s into the row", cv.Func.Name(), text)
	if fn, at := c.ssaFor(w.site); fn != nil {
		if val := keyflow.ArgValue(fn, at, root); val != nil {
			if c.judgeConverted(w, cv, root, via, valueAt{fn, val, at}) {
				return
			}
		}
	}
	decl := enclosingDecl(w.site)
	if decl == nil {
		return
	}
	p, base, ok := vocab.ParamPath(c.pass.TypesInfo, decl, root)
	if !ok {
		return
	}
	rootPath, _ := vocab.PathOf(c.pass.TypesInfo, root)
	full := append(base[:len(base):len(base)], cv.Path...)
	want := vocab.Path{Root: rootPath.Root, Fields: strings.Join(full, ".")}
	if vocab.ChecksValuePath(c.pass.TypesInfo, decl.Body, want) {
		return
	}
	guarded := false // whether the finding below comes with a fix that guards the key
	defer func() { c.summariseParam(w, decl, p, full, cv.Type, guarded) }()
	if len(w.nulls) == 0 || w.v.NeverNull || isGenerated(c.pass, decl.Pos()) {
		return
	}
	var missing string
	switch {
	case vocab.IsPointer(cv.Type):
		missing = "nil"
	case vocab.IsNullStruct(cv.Type):
		missing = "an invalid (NULL) one"
	default:
		return
	}
	why := fmt.Sprintf("%s's parameter field %s is a %s, so every caller may pass %s, and nothing here checks it; %s",
		decl.Name.Name, text, types.TypeString(cv.Type, vocab.ShortQualifier), missing, via)
	guarded = c.report(finding{code: checks.GoNullKey, at: root, why: why, fixes: c.convertedFixes(w, cv, root, keyflow.Nil)}, w.keyTarget)
}

// judgeConverted asks the value analysis about the argument's field; it
// says whether it reported.
func (c *checker) judgeConverted(w write, cv *rowwrite.Converted, root ast.Expr, via string, va valueAt) bool {
	mayBeNull, mayBeEmpty := c.flow.MayBeNullField, c.flow.MayBeEmptyField
	if len(cv.Path) == 0 { // the argument itself
		mayBeNull = func(fn *ssa.Function, val ssa.Value, _ []string, at ssa.Instruction) (keyflow.Verdict, bool) {
			return c.flow.MayBeNull(fn, val, at)
		}
		mayBeEmpty = func(fn *ssa.Function, val ssa.Value, _ []string, at ssa.Instruction) (keyflow.Verdict, bool) {
			return c.flow.MayBeEmpty(fn, val, at)
		}
	}
	if len(w.nulls) > 0 && !w.v.NeverNull {
		if vd, ok := mayBeNull(va.fn, va.val, cv.Path, va.at); ok {
			c.report(finding{code: checks.GoNullKey, at: root, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: c.convertedFixes(w, cv, root, keyflow.Nil)}, w.keyTarget)
			return true
		}
	}
	if len(w.empties) > 0 && !w.v.NeverNull && !w.v.NullIfEmpty {
		if vd, ok := mayBeEmpty(va.fn, va.val, cv.Path, va.at); ok {
			c.report(finding{code: checks.GoEmptyKey, at: root, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: c.convertedFixes(w, cv, root, keyflow.Empty)}, w.keyTarget)
			return true
		}
	}
	return false
}

// convertedFixes give the argument's key field a value before the
// conversion, which copies it.
func (c *checker) convertedFixes(w write, cv *rowwrite.Converted, root ast.Expr, kind keyflow.Kind) []analysis.SuggestedFix {
	if len(cv.Path) == 0 {
		return nil
	}
	conv := w.site
	conv.Call = cv.Call
	return gofix.Key{Pass: c.pass, Site: conv, Arg: root, MaxLen: w.key.MaxLength()}.Field(cv.Path, kind)
}
