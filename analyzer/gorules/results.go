package gorules

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
)

// exportResults summarises the results of the package's exported functions
// and exports a fact for each that can return a bad key. SSA costs: it is
// built for that only when the package already has it (it inserts or
// calls a key writer) or when mayReturnKey finds a candidate.
func (c *checker) exportResults() {
	candidates := c.resultCandidates(c.ssaPkg == nil)
	if len(candidates) == 0 {
		return
	}
	c.buildSSA(candidates)
	for _, obj := range candidates {
		c.ensureBody(c.declAt(obj.Pos()))
		fn := c.ssaPkg.Prog.FuncValue(obj)
		if fn == nil || fn.Pkg != c.ssaPkg {
			continue
		}
		// A mapper's *Row is summarised by its fields only: a nil row
		// is no key.
		if keyShapedResult(obj) {
			if sums := c.flow.Summarize(fn); len(sums) > 0 {
				c.pass.ExportObjectFact(obj, &keyfacts.Results{Results: sums})
			}
		}
		if fields := c.flow.SummarizeFields(fn); len(fields) > 0 {
			c.pass.ExportObjectFact(obj, &keyfacts.ResultFields{Fields: fields})
		}
	}
}

// resultCandidates returns the exported functions and methods an importer
// may call for a key: a key-shaped result (string, *string, a sql.Null*
// struct) and, when gated (the package's SSA is not built anyway), a body
// that shows a source (see showsSource); or a struct result with
// key-shaped fields (a mapper's row) and, when gated, a body that fills
// one (see fillsResult).
func (c *checker) resultCandidates(gated bool) []*types.Func {
	info := c.pass.TypesInfo
	var out []*types.Func
	for _, file := range c.pass.Files {
		if strings.HasSuffix(c.pass.Fset.File(file.Pos()).Name(), "_test.go") {
			continue
		}
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !fd.Name.IsExported() || fd.Type.TypeParams != nil {
				continue
			}
			obj, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			keyShaped, fields := keyShapedResult(obj), keyflow.HasResultParts(obj.Signature())
			if gated {
				keyShaped = keyShaped && c.showsSource(fd)
				fields = fields && c.fillsResult(fd, obj.Signature())
			}
			if keyShaped || fields {
				out = append(out, obj)
			}
		}
	}
	return out
}

// keyShapedResult reports whether one of fn's results could carry a key.
func keyShapedResult(fn *types.Func) bool {
	res := fn.Type().(*types.Signature).Results()
	for i := range res.Len() {
		t := res.At(i).Type()
		if vocab.IsString(t) || vocab.IsPointerToString(t) || vocab.IsNullStruct(t) || vocab.HoldsFixedID(t) {
			return true
		}
	}
	return false
}

// showsSource is the cheap syntactic gate for building SSA in a package
// that has no other use for it: the body returns a nil or "" literal, looks
// a key up in a map, or calls a getter (Get…, Query, Param, FormValue…),
// a decoder, or an imported function with a resultsFact. A function it
// misses is one whose results stay unknown to importers, as before.
func (c *checker) showsSource(fd *ast.FuncDecl) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range x.Results {
				if vocab.IsNilIdent(info, r) || isEmptyString(info, r) || vocab.IsZeroIDExpr(info, r) {
					found = true
				}
			}
		case *ast.CompositeLit:
			// A NULL wrapper built here (pgtype.Text{}, Valid: s != ""):
			// NULL exactly when an argument is, which callers judge.
			found = vocab.IsNullStruct(info.TypeOf(x))
		case *ast.IndexExpr:
			if t := info.TypeOf(x.X); t != nil {
				if _, ok := t.Underlying().(*types.Map); ok {
					found = true
				}
			}
		case *ast.CallExpr:
			found = sourceName(x) || slices.ContainsFunc(c.importedResults(typeutil.StaticCallee(info, x)), keyflow.ResultSummary.MayBeBadOrCond)
		case *ast.TypeAssertExpr:
			// ctx.Value(idemKey{}).(string): what a middleware stored,
			// a header that may be absent (keyflow's ctxvalue.go).
			if call, ok := astutil.Unparen(x.X).(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Value" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isEmptyString(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == `""`
}

// sourceName reports whether a call's name is one the value analysis may
// know as a source: a getter or a decoder. The analysis decides; this only
// says whether asking is worth an SSA build.
func sourceName(call *ast.CallExpr) bool {
	var name string
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		name = f.Sel.Name
	case *ast.Ident:
		name = f.Name
	default:
		return false
	}
	switch name {
	case "Query", "DefaultQuery", "Param", "Params", "FormValue", "PostFormValue", "URLParam", "Cookie",
		"Decode", "Unmarshal", "BodyParser", "QueryParser",
		"Parse", "ParseBytes", "ParseStrict", "FromString", "FromBytes", "FromStringOrNil", "FromBytesOrNil", "NilID": // the ID parsers (keyflow's ids.go)
		return true
	}
	return strings.HasPrefix(name, "Get") || strings.HasPrefix(name, "Bind") || strings.HasPrefix(name, "ShouldBind") ||
		len(name) > 5 && strings.HasPrefix(name, "Param") && unicode.IsUpper(rune(name[5]))
}

// importedResults answers keyflow's MayReturnBad from the facts of the
// package's imports.
func (c *checker) importedResults(f *types.Func) []keyflow.ResultSummary {
	return keyfacts.ImportResults(c.pass, f)
}

// fillsResult is the cheap syntactic gate for a mapper's field facts: the
// body builds a value of a struct type it returns (a literal, or a field
// assigned), or returns what an imported mapper with field facts does.
func (c *checker) fillsResult(fd *ast.FuncDecl, sig *types.Signature) bool {
	info := c.pass.TypesInfo
	var built []types.Type
	for v := range sig.Results().Variables() {
		built = append(built, derefType(v.Type()))
	}
	isBuilt := func(t types.Type) bool {
		return t != nil && slices.ContainsFunc(built, func(b types.Type) bool { return types.Identical(derefType(t), b) })
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CompositeLit:
			found = isBuilt(info.TypeOf(x))
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				if sel, ok := astutil.Unparen(l).(*ast.SelectorExpr); ok && isBuilt(info.TypeOf(sel.X)) {
					found = true
				}
			}
		case *ast.CallExpr:
			found = len(keyfacts.ImportResultFields(c.pass, typeutil.StaticCallee(info, x))) > 0
		}
		return !found
	})
	return found
}

// derefType is t, or what t points to.
func derefType(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
