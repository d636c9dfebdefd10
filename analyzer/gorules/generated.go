package gorules

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
)

// Generated code is never a finding's position. An insert of generated
// code (sqlc's CreateImportedTransfer, whose INSERT leaves the key column
// out) that writes a NULL or empty key whatever its arguments is recorded
// on its function (keyfacts.GeneratedWrite) instead of reported, and every
// call of that function from the user's code is reported: that is where
// the code chooses a query that writes no key, and where a reader can act
// (the fix itself belongs in the generator's input, sqlc's query file).
// A key that depends on the arguments (a parameter written unchecked) is a
// KeyParams fact as in any code, and the contract rule skips generated
// code (contract.go).

// generatedWrite records f, a finding about an insert site at a position
// in generated code, on the function holding it, and says whether it did:
// the finding is then reported at that function's callers (checkGenerated).
func (c *checker) generatedWrite(f finding, kt keyTarget, rule string) bool {
	if f.byContract || !isGenerated(c.pass, f.at.Pos()) {
		return false
	}
	fd := c.declAt(f.at.Pos())
	if fd == nil {
		return false // not in a function: reported where it is, as before
	}
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	pos := c.pass.Fset.Position(f.at.Pos())
	k := keyfacts.GeneratedKey{Code: f.code, Why: f.why, Where: fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line),
		Table: kt.table.Name, Column: kt.key.Name, Rule: rule, NullIntended: schema.NullIntended(kt.table, kt.key), NullCollides: f.nullCollides}
	if c.genWrites == nil {
		c.genWrites = map[*types.Func][]keyfacts.GeneratedKey{}
	}
	for _, old := range c.genWrites[fn] {
		if old.Table == k.Table && old.Column == k.Column && old.Code == k.Code {
			return true
		}
	}
	c.genWrites[fn] = append(c.genWrites[fn], k)
	return true
}

// generatedKeys returns what callee, a function of generated code, writes
// badly on every call: recorded in this package, or its fact.
func (c *checker) generatedKeys(callee *types.Func) []keyfacts.GeneratedKey {
	if ks, ok := c.genWrites[callee]; ok {
		return ks
	}
	var f keyfacts.GeneratedWrite
	if callee.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(callee, &f) {
		return f.Keys
	}
	return nil
}

// checkGenerated reports call, in fd, of a function of generated code
// that writes a NULL or empty key on every call. A call from generated
// code is no finding's position: the write is carried to fd instead
// (carryGenerated), so that the user's code that calls fd is reported.
func (c *checker) checkGenerated(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func) {
	keys := c.generatedKeys(callee)
	if len(keys) == 0 {
		return
	}
	if isGenerated(c.pass, call.Pos()) {
		c.carryGenerated(fd, call, callee, keys)
		return
	}
	for _, g := range keys {
		k := keyfacts.KeyParam{Table: g.Table, Column: g.Column, Rule: g.Rule, NullIntended: g.NullIntended, NullCollides: g.NullCollides}
		why := fmt.Sprintf("%s calls %s, generated code whose insert (%s) writes it so on every call: %s", fd.Name.Name, c.calledName(call, callee), g.Where, g.Why)
		c.reportVia(finding{code: g.Code, written: g.Code == checks.GoNullKey, at: call, why: why, noFix: generatedCallNoFix}, k)
	}
}

// carryGenerated records on fd, a function of generated code that calls
// callee (generated too, writing keys badly on every call) outside any
// function literal, the same writes: a generated wrapper (sqlc's Querier
// behind a generated tracing decorator, an ent helper calling a generated
// create) writes what it calls, and its callers in the user's code are
// reported. A call inside a function literal may run later or never:
// nothing is carried.
func (c *checker) carryGenerated(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func, keys []keyfacts.GeneratedKey) {
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || inFuncLit(fd, call) {
		return
	}
	if c.genWrites == nil {
		c.genWrites = map[*types.Func][]keyfacts.GeneratedKey{}
	}
	via := "through " + c.calledName(call, callee) + ", "
next:
	for _, g := range keys {
		for _, old := range c.genWrites[fn] {
			if old.Table == g.Table && old.Column == g.Column && old.Code == g.Code {
				continue next
			}
		}
		g.Why = via + g.Why
		if callee.Pkg() != nil {
			g.Via = callee.Pkg().Path() + "." + calleeName(callee)
		}
		c.genWrites[fn] = append(c.genWrites[fn], g)
	}
}

// inFuncLit reports whether n lies inside a function literal of fd.
func inFuncLit(fd *ast.FuncDecl, n ast.Node) bool {
	in := false
	ast.Inspect(fd.Body, func(m ast.Node) bool {
		if lit, ok := m.(*ast.FuncLit); ok && lit.Pos() <= n.Pos() && n.End() <= lit.End() {
			in = true
		}
		return !in
	})
	return in
}

// dropDecorators drops from impls the generated methods that write their
// keys only by calling another of impls (a generated decorator around
// sqlc's Queries, both implementing Querier): whichever runs, the write is
// the one it calls, which stands for both.
func (c *checker) dropDecorators(impls []*types.Func) []*types.Func {
	if len(impls) < 2 {
		return impls
	}
	in := map[string]bool{}
	for _, fn := range impls {
		if fn.Pkg() != nil {
			in[fn.Pkg().Path()+"."+calleeName(fn)] = true
		}
	}
	out := impls[:0]
	for _, fn := range impls {
		vias := c.genVia[fn]
		ownParam := slices.ContainsFunc(c.methods[fn], func(k keyfacts.KeyParam) bool { return k.Param >= 0 })
		if len(vias) > 0 && !ownParam && !slices.ContainsFunc(vias, func(v string) bool { return !in[v] }) {
			continue
		}
		out = append(out, fn)
	}
	return out
}

// exportGenerated exports the generated functions' writes.
func (c *checker) exportGenerated() {
	for fn, keys := range c.genWrites {
		if fn.Pkg() == c.pass.Pkg {
			c.pass.ExportObjectFact(fn, &keyfacts.GeneratedWrite{Keys: keys})
		}
	}
}
