package gorules

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
)

// This file holds the rule that the type is the contract: a hand-written
// function that takes the key as a *string or a sql.Null* (a parameter or
// a field of one) and inserts it unchecked lets every caller pass nil, as
// an optional key in an API schema does. It is reported at its insert,
// with a fix at the top of the function. Its callers that pass a value
// that may be nil are reported too, at their calls, with their own path
// (through the keyfacts.KeyParams summarise records): the two findings name
// different code and read differently, and the fix here quiets both,
// since a parameter the function assigns is no longer the caller's value.
// Generated code (sqlc) is never reported itself: its callers are.
//
// A function whose callers are all in view (unexported, only ever called,
// see callers.go) is not a contract with unknown callers: its callers are
// judged instead, and one that forwards its own unchecked *string
// parameter is where the contract rule applies (checkForwardedContract).

// checkContract reports arg, a key the insert takes from a parameter of
// the enclosing function, when the parameter's type allows NULL and the
// function does not check it. It says whether it reported a fix that
// guards the key, which makes the callers' fixes redundant.
func (c *checker) checkContract(w write, arg ast.Expr) (guarded bool) {
	// v.NullIfEmpty (NULLIF($2, ''), bun's nullzero) does not matter: the
	// types below are pointers and Null structs, whose NULL is not "".
	if len(w.nulls) == 0 || w.v.NeverNull {
		return false
	}
	decl := enclosingDecl(w.site)
	info := c.pass.TypesInfo
	if decl == nil || isGenerated(c.pass, decl.Pos()) {
		return false
	}
	if _, _, ok := vocab.ParamPath(info, decl, arg); !ok {
		return false
	}
	t := info.TypeOf(arg)
	missing, ok := vocab.MissingValue(t)
	if !ok {
		return false
	}
	if vocab.ChecksPath(info, decl.Body, arg) {
		return false
	}
	if fn, ok := info.Defs[decl.Name].(*types.Func); ok && c.callersInView(fn) {
		return false // its callers are judged, through the summary
	}
	what := "parameter"
	if _, ok := astutil.Unparen(arg).(*ast.SelectorExpr); ok {
		what = "parameter field"
	}
	why := fmt.Sprintf("%s's %s %s is a %s, so every caller may pass %s, and nothing here checks it",
		decl.Name.Name, what, exprText(c.pass, arg), types.TypeString(t, vocab.ShortQualifier), missing)
	return c.report(finding{code: checks.GoNullKey, byContract: true, at: arg, why: why, fixes: gofix.Key{Pass: c.pass, Site: w.site, Arg: arg, MaxLen: w.key.MaxLength(), Table: w.table, Column: w.table.Name + "." + w.key.Name}.AtTopOf(decl)}, w.keyTarget)
}

// A passOn is a call (site.Call, in the function site.Func) that passes a
// value on to callee, which writes it into a key column as k says.
type passOn struct {
	site   rowwrite.Site
	callee *types.Func
	k      keyfacts.KeyParam
}

// checkForwardedContract applies the contract rule at a call in fd (the
// function po.site.Func) that passes fd's own parameter (at, whose path
// is vp and type t) to callee, which writes it into a key column
// unchecked without applying the rule itself: a function of this package
// whose callers are all in view, or one of another package whose fact
// says its own finding does not guard the key (sqlc's generated
// CreateJob(ctx, db.CreateJobParams{DedupKey: in.Key}) with a *string
// DedupKey: generated code is never reported, so the first hand-written
// function is where every caller may pass nil, as when it inserts
// itself). Nothing is reported when fd's callers are in view too: the
// rule moves up to them. fix says whether to offer the fixes at the top of fd
// (at is then the assignable key itself). It says whether it reported
// such a fix.
func (c *checker) checkForwardedContract(po passOn, at ast.Expr, vp vocab.Path, t types.Type, fix bool) (guarded bool) {
	info := c.pass.TypesInfo
	fd, site, callee, k := enclosingDecl(po.site), po.site, po.callee, po.k
	if fd == nil || c.pendingMode {
		return false
	}
	if !k.Null || isGenerated(c.pass, fd.Pos()) {
		return false
	}
	if callee.Pkg() == c.pass.Pkg && !c.callersInView(callee) || callee.Pkg() != c.pass.Pkg && (k.Guarded || !c.generatedFile(callee.Pos())) {
		return false // the callee's own finding is the contract
	}
	if fn, ok := info.Defs[fd.Name].(*types.Func); !ok || c.callersInView(fn) {
		return false
	}
	missing, ok := vocab.MissingValue(t)
	if !ok {
		return false
	}
	if vocab.ChecksValuePath(info, fd.Body, vp) {
		return false
	}
	what, text := "parameter", vp.Root.Name()
	if vp.Fields != "" {
		what, text = "parameter field", text+"."+vp.Fields
	}
	why := fmt.Sprintf("%s's %s %s is a %s, so every caller may pass %s, and nothing here checks it; passed to %s, which writes it into %s",
		fd.Name.Name, what, text, types.TypeString(t, vocab.ShortQualifier), missing, c.calledName(site.Call, callee), k.Target())
	var fixes []analysis.SuggestedFix
	if fix {
		fixes = gofix.Key{Pass: c.pass, Site: site, Arg: at, MaxLen: k.MaxLen, Table: c.factTable(k), Column: k.Table + "." + k.Column}.AtTopOf(fd)
	}
	return c.reportVia(finding{code: checks.GoNullKey, byContract: true, at: at, why: why, fixes: fixes}, k)
}

// generatedFile reports whether pos, in a file of another package (its
// source on disk), lies in generated code (sqlc's output): its callers'
// hand-written code is where the contract rule applies, since generated
// code is never reported itself. Each file is read once per package.
func (c *checker) generatedFile(pos token.Pos) bool {
	name := c.pass.Fset.Position(pos).Filename
	if name == "" {
		return false
	}
	if gen, ok := c.genFiles[name]; ok {
		return gen
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.PackageClauseOnly|parser.ParseComments)
	gen := err == nil && ast.IsGenerated(f)
	if c.genFiles == nil {
		c.genFiles = map[string]bool{}
	}
	c.genFiles[name] = gen
	return gen
}
