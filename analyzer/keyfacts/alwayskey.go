package keyfacts

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
)

// An AlwaysKey marks a function whose result is always a usable key:
// every return hands back the result of a known generator (or of another
// such function), as `func NewKey() string { return uuid.NewString() }`
// does. The value analysis then trusts its result, in this package and in
// packages that import it, even where the caller checks it defensively.
type AlwaysKey struct{}

func (*AlwaysKey) AFact()         {}
func (*AlwaysKey) String() string { return "always returns a key" }

// KeyFuncs finds the package's key-returning functions, exports their
// facts, and returns the test the value analysis uses.
func KeyFuncs(pass *analysis.Pass) func(*types.Func) bool {
	local := map[*types.Func]bool{}
	always := func(f *types.Func) bool {
		if f == nil {
			return false
		}
		if local[f] || keyflow.IsGenerator(f) {
			return true
		}
		return f.Pkg() != pass.Pkg && pass.ImportObjectFact(f, new(AlwaysKey))
	}
	// A wrapper may call another wrapper declared later: repeat until no
	// new function qualifies.
	for changed := true; changed; {
		changed = false
		for _, file := range pass.Files {
			for _, decl := range file.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
				if !ok || local[fn] || !returnsKey(pass.TypesInfo, fd, always) {
					continue
				}
				local[fn] = true
				changed = true
			}
		}
	}
	for fn := range local {
		pass.ExportObjectFact(fn, new(AlwaysKey))
	}
	return always
}

// returnsKey reports whether fd has one string (or *string) result and
// every return statement of its own body returns a generator's result.
func returnsKey(info *types.Info, fd *ast.FuncDecl, always func(*types.Func) bool) bool {
	res := fd.Type.Results
	if res == nil || res.NumFields() != 1 {
		return false
	}
	if t := info.TypeOf(res.List[0].Type); t == nil || !vocab.IsString(t) && !vocab.IsPointerToString(t) {
		return false
	}
	returns := 0
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != 1 || !generatedValue(info, fd.Body, n.Results[0], always) {
				ok = false
			}
		}
		return ok
	})
	return ok && returns > 0
}

// generatedValue reports whether e is the result of a key generator
// (uuid.NewString(), uuid.New().String(), keys.New()), or the address of a
// variable body defines once from one (k := keys.New(); return &k).
func generatedValue(info *types.Info, body *ast.BlockStmt, e ast.Expr, always func(*types.Func) bool) bool {
	e = astutil.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		id, ok := astutil.Unparen(u.X).(*ast.Ident)
		if !ok {
			return false
		}
		obj := info.Uses[id]
		if obj == nil || vocab.Assigned(info, body, obj) {
			return false
		}
		init := vocab.Definition(info, body, obj)
		return init != nil && generatedValue(info, body, init, always)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	return always(typeutil.StaticCallee(info, call))
}
