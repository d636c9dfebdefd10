package keyfacts

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/keyflow"
)

// A RunsFunc marks a function that calls some of its function parameters
// before it returns, as a transaction helper does (begin, fn(tx), commit
// or roll back: flexprice's Client.WithTx(ctx, fn)), or an interface
// method whose implementation in the same package does. A closure handed
// to one runs while its caller does, so what the closure writes from its
// caller's parameters is the caller's callers' to decide
// (keyflow.Checker.RunsInParent).
type RunsFunc struct {
	Params []int // the indexes of the function parameters it calls
}

func (*RunsFunc) AFact() {}

func (f *RunsFunc) String() string { return fmt.Sprint("runs its function parameters ", f.Params) }

// FuncRunners finds the package's functions that call a function
// parameter before they return, exports their facts, and returns the test
// keyflow.Options.RunsFunc takes: the package's own, the libraries' known
// helpers (keyflow.RunsFunc), and imported functions by their facts.
//
// A parameter counts as called when the body calls it (not in a go
// statement), hands it to a function that calls it, or calls it inside a
// function literal handed to one (db.RunInTx(ctx, nil, func(…) error {
// return fn(ctx) })).
func FuncRunners(pass *analysis.Pass) func(*types.Func, int) bool {
	local := map[*types.Func][]int{}
	runs := func(f *types.Func, i int) bool {
		if f == nil {
			return false
		}
		f = f.Origin()
		if slices.Contains(local[f], i) || keyflow.RunsFunc(f, i) {
			return true
		}
		var fact RunsFunc
		return f.Pkg() != pass.Pkg && pass.ImportObjectFact(f, &fact) && slices.Contains(fact.Params, i)
	}
	var decls []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && hasFuncParam(pass.TypesInfo, fd) {
				decls = append(decls, fd)
			}
		}
	}
	// A helper may hand its function to another declared later: repeat
	// until no new parameter qualifies.
	for changed := len(decls) > 0; changed; {
		changed = false
		for _, fd := range decls {
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			i := 0
			for _, field := range fd.Type.Params.List {
				names := field.Names
				if len(names) == 0 {
					names = []*ast.Ident{nil}
				}
				for _, name := range names {
					if name != nil && !slices.Contains(local[fn], i) && isFunc(pass.TypesInfo.TypeOf(field.Type)) {
						if obj := pass.TypesInfo.Defs[name]; obj != nil && callsParam(pass.TypesInfo, fd.Body, obj, runs) {
							local[fn] = append(local[fn], i)
							changed = true
						}
					}
					i++
				}
			}
		}
	}
	runnerInterfaces(pass, local)
	// Only other packages read the facts: an unexported function is
	// known here from local.
	for fn, ps := range local {
		if fn.Exported() {
			slices.Sort(ps)
			pass.ExportObjectFact(fn, &RunsFunc{Params: ps})
		}
	}
	return runs
}

// runnerInterfaces adds to local the methods of the package's interfaces
// that a type of the package implements with a method local holds.
func runnerInterfaces(pass *analysis.Pass, local map[*types.Func][]int) {
	if len(local) == 0 {
		return
	}
	scope := pass.Pkg.Scope()
	var concrete []types.Type
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok && !types.IsInterface(tn.Type()) {
			concrete = append(concrete, tn.Type(), types.NewPointer(tn.Type()))
		}
	}
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for _, t := range concrete {
			if !types.Implements(t, iface) {
				continue
			}
			for m := range iface.Methods() {
				obj, _, _ := types.LookupFieldOrMethod(t, false, pass.Pkg, m.Name())
				if impl, ok := obj.(*types.Func); ok {
					for _, i := range local[impl] {
						if !slices.Contains(local[m], i) {
							local[m] = append(local[m], i)
						}
					}
				}
			}
		}
	}
}

func hasFuncParam(info *types.Info, fd *ast.FuncDecl) bool {
	for _, f := range fd.Type.Params.List {
		if isFunc(info.TypeOf(f.Type)) {
			return true
		}
	}
	return false
}

// isFunc reports whether t is a function type. A helper that calls its
// function parameter before it returns runs it while its caller runs,
// whatever the function returns: fn(tx) error, as pgx's BeginFunc takes,
// or fn(tx) with nothing back (func (s *Store) InTx(ctx, fn
// func(tx *sql.Tx)), sqlc users' WithTx(ctx, fn func(q *Queries))). A
// function parameter a helper keeps for later (a hook, a goroutine's
// body) is not called before it returns, and gets no fact.
func isFunc(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// callsParam reports whether body calls the function p before it returns:
// p(…), a call that runs p, or a call of p inside a function literal
// handed to a call that runs it.
func callsParam(info *types.Info, body ast.Node, p types.Object, runs func(*types.Func, int) bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt, *ast.FuncLit:
			return false // later, or maybe never
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && info.Uses[id] == p {
				found = true
				return false
			}
			callee := typeutil.Callee(info, n)
			f, _ := callee.(*types.Func)
			for i, a := range n.Args {
				a = ast.Unparen(a)
				if id, ok := a.(*ast.Ident); ok && info.Uses[id] == p && runs(f, i) {
					found = true
					return false
				}
				if lit, ok := a.(*ast.FuncLit); ok && runs(f, i) && callsParam(info, lit.Body, p, runs) {
					found = true
					return false
				}
			}
		}
		return true
	})
	return found
}
