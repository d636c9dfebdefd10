package gorules

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync/atomic"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
)

// Building SSA is most of what an inserting package costs, and most of a
// package's functions have nothing to do with its inserts. The SSA is
// therefore built only for the functions the checks can ask about, and
// the rest are given to the builder without a body (as functions written
// in assembly are): their signatures are there, their code is not.
//
// The functions kept are the roots and everything they reach:
//   - functions holding an insert site that writes a key column (an
//     insert into a table without one is never asked about);
//   - functions calling an imported function that writes a parameter into
//     a key (a keyfacts.KeyParams), or an interface method such a function
//     or one of the package's methods may implement, and, transitively, the
//     package's callers of any of these, since checkCalls follows a key
//     parameter up to them;
//   - the extra roots the caller names (the functions exportResults
//     summarises);
//
// and, from the roots, every function of the package they refer to,
// since the value analysis follows a key into the callee that made it.

// ssaFallbacks counts builds that had to start again with every body,
// because a check asked for a function outside the plan. Tests expect 0.
var ssaFallbacks atomic.Int64

// SSAFallbacks is the number of SSA builds so far that fell back to every
// body. The analyzer's tests fail when it is not 0: every question the
// checks ask must be foreseen by the plan.
func SSAFallbacks() int64 { return ssaFallbacks.Load() }

// ssaBuilt, when set (by tests), is told the bodies of each planned build.
var ssaBuilt func(keep map[*ast.FuncDecl]bool)

// A funcGraph is what the package's function declarations refer to.
type funcGraph struct {
	decls   map[*types.Func]*ast.FuncDecl
	refs    map[*ast.FuncDecl][]*ast.FuncDecl // same-package functions a body refers to
	callers map[*ast.FuncDecl][]*ast.FuncDecl // the reverse of refs
	writes  map[*ast.FuncDecl]bool            // calls an imported key writer
	// keyMethods lists by name the methods a call through an interface
	// may reach (implementations), built on first use.
	keyMethods map[string][]*types.Func
	// impls remembers implementations' answer per interface method: a
	// package calls the same few methods (Store.Insert, ctx.Value) from
	// many bodies, and each answer costs a types.Implements per method of
	// that name.
	impls map[*types.Func][]*types.Func
	// ctxStores lists the functions that call context.WithValue: what
	// they store is what a ctx.Value(k).(string) of the package reads
	// (keyflow's ctxvalue.go), so their bodies are kept with any others.
	ctxStores []*ast.FuncDecl
	// chanSenders lists the functions that send on a channel: what they
	// send is what a worker of the package receives (keyflow's
	// chanvalue.go), kept likewise when a kept function receives.
	chanSenders []*ast.FuncDecl
	receives    map[*ast.FuncDecl]bool
}

// newFuncGraph reads the package's declarations once.
func (c *checker) newFuncGraph() *funcGraph {
	info := c.pass.TypesInfo
	g := &funcGraph{
		decls:    map[*types.Func]*ast.FuncDecl{},
		refs:     map[*ast.FuncDecl][]*ast.FuncDecl{},
		callers:  map[*ast.FuncDecl][]*ast.FuncDecl{},
		writes:   map[*ast.FuncDecl]bool{},
		receives: map[*ast.FuncDecl]bool{},
	}
	var all []*ast.FuncDecl
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
					g.decls[obj] = fd
					all = append(all, fd)
				}
			}
		}
	}
	for _, fd := range all {
		seen := map[*ast.FuncDecl]bool{}
		sends := false
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SendStmt:
				if !sends {
					sends = true
					g.chanSenders = append(g.chanSenders, fd)
				}
			case *ast.UnaryExpr:
				g.receives[fd] = g.receives[fd] || x.Op == token.ARROW
			case *ast.RangeStmt:
				if t := info.TypeOf(x.X); t != nil {
					if _, ok := t.Underlying().(*types.Chan); ok {
						g.receives[fd] = true
					}
				}
			}
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			f, ok := info.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			f = f.Origin()
			if recv := f.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				// A call through an interface: checkCalls may follow it
				// to the one implementation that writes a key (iface.go).
				for _, m := range g.implementations(c, f) {
					if callee := g.decls[m]; callee != nil {
						if !seen[callee] {
							seen[callee] = true
							g.refs[fd] = append(g.refs[fd], callee)
							g.callers[callee] = append(g.callers[callee], fd)
						}
					} else {
						g.writes[fd] = true
					}
				}
				if !g.writes[fd] && c.seedable(f) {
					g.writes[fd] = true // a pending call's seed (wiring.go)
				}
				return true
			}
			if f.Pkg() != c.pass.Pkg {
				if f.Pkg() != nil && f.Pkg().Path() == "context" && f.Name() == "WithValue" {
					g.ctxStores = append(g.ctxStores, fd)
				}
				if !g.writes[fd] && f.Pkg() != nil {
					var kp keyfacts.KeyParams
					var ip keyfacts.IfaceParams
					g.writes[fd] = c.pass.ImportObjectFact(f, &kp) || c.pass.ImportObjectFact(f, &ip)
				}
				return true
			}
			if callee := g.decls[f]; callee != nil && !seen[callee] {
				seen[callee] = true
				g.refs[fd] = append(g.refs[fd], callee)
				g.callers[callee] = append(g.callers[callee], fd)
			}
			return true
		})
	}
	return g
}

// implementations returns the methods that may run for a call of the
// interface method m: this package's methods of that name whose receiver
// implements m's interface, and imported ones that a fact says write a key.
func (g *funcGraph) implementations(c *checker, m *types.Func) []*types.Func {
	if out, ok := g.impls[m]; ok {
		return out
	}
	if g.impls == nil {
		g.impls = map[*types.Func][]*types.Func{}
	}
	out := g.implementationsOf(c, m)
	g.impls[m] = out
	return out
}

func (g *funcGraph) implementationsOf(c *checker, m *types.Func) []*types.Func {
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	if g.keyMethods == nil {
		g.keyMethods = map[string][]*types.Func{}
		for f := range g.decls {
			if f.Signature().Recv() != nil {
				g.keyMethods[f.Name()] = append(g.keyMethods[f.Name()], f)
			}
		}
		for _, of := range c.pass.AllObjectFacts() {
			f, isFunc := of.Object.(*types.Func)
			_, kp := of.Fact.(*keyfacts.KeyParams)
			_, ip := of.Fact.(*keyfacts.IfaceParams) // a forwarder to a consumer-declared interface (wiring.go)
			if (kp || ip) && isFunc && f.Signature().Recv() != nil && f.Pkg() != c.pass.Pkg {
				g.keyMethods[f.Name()] = append(g.keyMethods[f.Name()], f)
			}
		}
	}
	var out []*types.Func
	for _, f := range g.keyMethods[m.Name()] {
		recv := f.Signature().Recv().Type()
		if implements(recv, iface) {
			out = append(out, f)
		}
	}
	if len(out) == 0 && c.foreignImplMethods()[m] {
		out = append(out, m) // an interface method standing for implementations out of view (iface.go)
	}
	return out
}

// planSSA returns the function declarations whose bodies SSA is built
// for: the roots described above, closed under callers and references.
func (c *checker) planSSA(sites []rowwrite.Site, extra []*types.Func) map[*ast.FuncDecl]bool {
	g := c.newFuncGraph()
	c.ssaGraph = g
	keep := map[*ast.FuncDecl]bool{}
	var work []*ast.FuncDecl
	add := func(fd *ast.FuncDecl) {
		if fd != nil && !keep[fd] {
			keep[fd] = true
			work = append(work, fd)
		}
	}
	// Roots, then the callers of the insert and key-writer roots.
	for _, site := range sites {
		add(c.declAt(site.Call.Pos()))
	}
	for fd, w := range g.writes {
		if w {
			add(fd)
		}
	}
	for len(work) > 0 {
		fd := work[len(work)-1]
		work = work[:len(work)-1]
		for _, caller := range g.callers[fd] {
			add(caller)
		}
	}
	for _, f := range extra {
		add(g.decls[f.Origin()])
	}
	if len(keep) > 0 {
		for _, fd := range g.ctxStores {
			add(fd)
		}
		receives := false
		for fd := range keep {
			receives = receives || g.receives[fd]
		}
		for _, fd := range g.chanSenders {
			if receives {
				add(fd)
			}
		}
	}
	// Everything the kept functions refer to.
	for fd := range keep {
		work = append(work, fd)
	}
	for len(work) > 0 {
		fd := work[len(work)-1]
		work = work[:len(work)-1]
		for _, callee := range g.refs[fd] {
			add(callee)
		}
	}
	return keep
}

// declAt returns the function declaration holding pos, or nil.
func (c *checker) declAt(pos token.Pos) *ast.FuncDecl {
	for _, file := range c.pass.Files {
		if pos < file.FileStart || pos > file.FileEnd {
			continue
		}
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd
			}
		}
	}
	return nil
}

// prunedFiles returns the package's files with the bodies of the function
// declarations outside keep removed (keep nil: every body). The files and
// the kept declarations are shared, not copied, so positions and the
// syntax the SSA functions point to are the checker's own.
func prunedFiles(files []*ast.File, keep map[*ast.FuncDecl]bool) []*ast.File {
	if keep == nil {
		return files
	}
	out := make([]*ast.File, len(files))
	for i, f := range files {
		decls := make([]ast.Decl, len(f.Decls))
		for j, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !keep[fd] {
				bare := *fd
				bare.Body = nil
				d = &bare
			}
			decls[j] = d
		}
		cp := *f
		cp.Decls = decls
		out[i] = &cp
	}
	return out
}

// buildSSAFor builds the package's SSA for the bodies in keep (nil: all).
func (c *checker) buildSSAFor(keep map[*ast.FuncDecl]bool) {
	prog := ssa.NewProgram(c.pass.Fset, ssa.GlobalDebug|ssa.InstantiateGenerics)
	// Types-only packages for the direct imports: the builder creates
	// what it needs of indirect ones on demand.
	for _, p := range c.pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	c.ssaPkg = prog.CreatePackage(c.pass.Pkg, prunedFiles(c.pass.Files, keep), c.pass.TypesInfo, false)
	c.ssaPkg.Build()
	c.ssaKept = keep
	if ssaBuilt != nil && keep != nil {
		ssaBuilt(keep)
	}
}

// ssaHas reports whether the SSA built holds fd's body.
func (c *checker) ssaHas(fd *ast.FuncDecl) bool {
	return c.ssaKept == nil || fd == nil || fd.Body == nil || c.ssaKept[fd]
}

// callerBodiesBuilt reports whether every function declaration of the
// package that refers to f has its body in the SSA built.
func (c *checker) callerBodiesBuilt(f *types.Func) bool {
	if c.ssaKept == nil {
		return true // every body built
	}
	if c.ssaGraph == nil {
		return false
	}
	fd := c.ssaGraph.decls[f.Origin()]
	if fd == nil {
		return false
	}
	for _, caller := range c.ssaGraph.callers[fd] {
		if !c.ssaKept[caller] {
			return false
		}
	}
	return true
}

// ensureBody rebuilds the SSA with every body when fd's was left out: a
// question the plan did not foresee costs time, never an answer.
func (c *checker) ensureBody(fd *ast.FuncDecl) {
	if c.ssaPkg != nil && !c.ssaHas(fd) {
		ssaFallbacks.Add(1)
		c.buildSSAFor(nil)
	}
}
