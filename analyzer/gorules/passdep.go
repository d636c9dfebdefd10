package gorules

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
)

// A function that passes a key-writing callee a value made from its own
// parameter (toNullText(in.Key) in sqlc's params, a converter's
// toRow(in), a row whose key is set only when key != "") writes that
// parameter into the key as surely as one that passes the parameter on:
// its callers decide, through the same fact (dependence.go does this for
// the function that inserts itself). A *string or sql.Null* parameter
// converted rather than rejected is also the contract (contract.go), at
// the first hand-written function whose callee does not guard the key
// itself.

// dependence returns the dependence of val, passed at at for k, on a
// parameter of fn.
func (c *checker) dependence(fn *ssa.Function, val ssa.Value, at ssa.Instruction, k keyfacts.KeyParam) (keyflow.Dependence, bool) {
	if k.Null || k.NilIsEmpty {
		if d, ok := c.flow.NullDependence(fn, val, at); ok {
			return d, true
		}
	}
	if k.Empty || k.EmptyIsNull {
		return c.flow.EmptyDependence(fn, val, at)
	}
	return keyflow.Dependence{}, false
}

// dependenceField is dependence for the field k.Path of val.
func (c *checker) dependenceField(fn *ssa.Function, val ssa.Value, at ssa.Instruction, k keyfacts.KeyParam) (keyflow.Dependence, bool) {
	if k.Null || k.NilIsEmpty {
		if d, ok := c.flow.NullDependenceField(fn, val, k.Path, at); ok {
			return d, true
		}
	}
	if k.Empty || k.EmptyIsNull {
		return c.flow.EmptyDependenceField(fn, val, k.Path, at)
	}
	return keyflow.Dependence{}, false
}

// callersDecide handles a bad value found at a call whose badness
// depends on a string parameter of fd being empty (sh.Key set only when
// key != ""): like Valid: key != "", that is fd's callers' to decide, so
// fd gets the fact and is not reported. It says whether it did so.
// In pending mode (wiring.go), a value bad only under another condition
// on the parameter (nil when it is empty) is not followed to the
// function's callers: it is recorded as a pending call not followed, at
// (whose value is bad as why says), which the wiring notes.
func (c *checker) callersDecide(fn *ssa.Function, fd *ast.FuncDecl, k keyfacts.KeyParam, d *keyflow.Dependence, at ast.Expr, why string) bool {
	if d == nil || d.Arg != keyflow.Empty {
		return false
	}
	if c.pendingMode {
		if !c.passDep(fn, fd, k, *d) {
			c.recordUnfollowed(at, k, why)
		}
		return true
	}
	return c.passDep(fn, fd, k, *d)
}

// passDep records that fd (whose SSA form is fn) writes the part of its
// parameter d names into the key k's callee writes, bad as d says. It
// says whether it did.
func (c *checker) passDep(fn *ssa.Function, fd *ast.FuncDecl, k keyfacts.KeyParam, d keyflow.Dependence) bool {
	if fd == nil || fn == nil || c.pendingMode && d.Kind != d.Arg || !c.callersDep(fn, d) {
		return false // a function literal's parameters are no caller's
	}
	obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	p := d.Param
	if obj.Signature().Recv() != nil {
		p-- // SSA counts the receiver, the syntax does not
	}
	if p < 0 || p >= obj.Signature().Params().Len() {
		return false
	}
	if depChecked(c.pass.TypesInfo, fd, obj, p, d) {
		return true // checked here: nothing for the callers, nothing to report
	}
	if c.pendingMode {
		// The parameter's part as it is (a field of a parameter whose
		// other fields the function sets): its callers are judged on it.
		k2 := k
		k2.Param, k2.Path = p, d.Fields
		k2.Null, k2.Empty = d.Arg == keyflow.Nil, d.Arg == keyflow.Empty
		// One part of a key format (fmt.Sprintf("order:%s", in.Key)): an
		// empty part leaves the others alone, the same key every time.
		k2.Scoped = k2.Empty && d.Zero != ""
		c.sums.Add(obj, k2)
		return true
	}
	nullVal := d.Kind == keyflow.Nil || d.Kind == keyflow.Invalid
	k2 := k
	k2.Param, k2.Path = p, d.Fields
	k2.Null, k2.Empty, k2.EmptyIsNull, k2.NilIsEmpty = false, false, false, false
	switch {
	case nullVal && k.Null && d.Arg == keyflow.Empty:
		k2.EmptyIsNull = true
	case nullVal && k.Null:
		k2.Null = true
	case !nullVal && d.Arg == keyflow.Empty && k.Empty:
		k2.Empty = true
	case !nullVal && d.Arg == keyflow.Empty && k.EmptyIsNull:
		k2.EmptyIsNull = true
	case nullVal && k.NilIsEmpty && d.Arg == keyflow.Empty:
		k2.Empty = true // nil when the parameter is empty, then written as ""
	case d.Kind == keyflow.Nil && k.NilIsEmpty:
		k2.NilIsEmpty = true
	case !nullVal && d.Arg == keyflow.Nil && k.Empty:
		k2.NilIsEmpty = true // "" when the part is nil (a proto getter's GetKey())
	case !nullVal && d.Arg == keyflow.Nil && k.EmptyIsNull:
		k2.Null = true // "" when the part is nil, then written as NULL
	default:
		return false
	}
	c.sums.Add(obj, k2)
	return true
}

// checkPassedContract applies the contract rule to fd, which passes a
// value that is NULL exactly when a *string or sql.Null* part of its
// parameter is nil or invalid (toNullText(in.Key)) to callee: unless the
// callee's own finding guards the key (k.Guarded), fd's signature is
// where every caller may pass nil. Generated code and functions whose
// callers are all in view are left to their callers. The fix gives the
// parameter part the helper reads a value at the top of fd; when it is
// offered, fd's fact (passDep's) says so (keyfacts.KeyParam.Guarded), so
// its callers' findings keep no fix of their own, as for a parameter
// passed on as it is (one bug, one fix).
func (c *checker) checkPassedContract(fd *ast.FuncDecl, call *ast.CallExpr, at ast.Expr, callee *types.Func, k keyfacts.KeyParam, d keyflow.Dependence) {
	// A value that is "" when the part is nil (GetKey() of an unset
	// optional field, deref(in.Key)) reaches the key as NULL where the
	// callee writes "" as NULL, and as "" where it writes it as it is.
	// The value written is then "" (sql.NullString{String: req.GetKey(),
	// Valid: true}), never NULL, whatever k says of NULL.
	emptyOfNil := d.Kind == keyflow.Empty && d.Arg == keyflow.Nil && (k.EmptyIsNull || k.Empty)
	if d.Kind == keyflow.Empty && !emptyOfNil {
		return // "" there is a key like any other
	}
	if c.pendingMode || !k.Null && !k.NilIsEmpty && !emptyOfNil || k.Guarded || d.Arg != keyflow.Nil && d.Arg != keyflow.Invalid || isGenerated(c.pass, fd.Pos()) {
		return
	}
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || c.callersInView(fn) {
		return
	}
	if i := hasElem(d.Fields); i >= 0 {
		// Made from each element of a parameter slice (toText(it.Key)).
		if pe, t, ok := elemDep(fn, d, i); ok {
			c.checkForwardedElementContract(fd, call, at, callee, k, pe, t, d.Reason)
		}
		return
	}
	if p := d.Param; fn.Signature().Recv() == nil || p > 0 {
		if fn.Signature().Recv() != nil {
			p--
		}
		if p < fn.Signature().Params().Len() && depChecked(c.pass.TypesInfo, fd, fn, p, d) {
			return
		}
	}
	contract, ok := paramContract(fn, d)
	if !ok {
		return
	}
	why := fmt.Sprintf("%s; passed to %s, which writes it into %s", contract, c.calledName(call, callee), k.Target())
	code := checks.GoNullKey
	switch {
	case emptyOfNil && k.EmptyIsNull:
		why += " as NULL when it is empty"
	case emptyOfNil:
		code = checks.GoEmptyKey
	case !k.Null:
		code, why = checks.GoEmptyKey, why+nilAsEmpty
	}
	// The fix gives the parameter part a value at the top of fd, before
	// the converter reads it (nullString(in.Key), toText(key),
	// sql.NullString{String: *k, Valid: k != nil}).
	var fixes []analysis.SuggestedFix
	if part := paramPart(c.pass.TypesInfo, fd, at, d); part != nil {
		fixes = c.fixes(func() []analysis.SuggestedFix {
			return gofix.Key{Pass: c.pass, Site: rowwrite.Site{Call: call, Func: fd}, Arg: part, MaxLen: k.MaxLen, Table: c.factTable(k), Column: k.Table + "." + k.Column}.AtTopOf(fd)
		})
	}
	if c.reportVia(finding{code: code, byContract: true, at: at, why: why, fixes: fixes}, k) {
		p := d.Param
		if fn.Signature().Recv() != nil {
			p-- // SSA counts the receiver, the syntax does not
		}
		c.sums.Guard(fn, p, d.Fields, k.Column)
	}
}

// paramPart returns the expression inside at that reads the part of fd's
// parameter the value depends on (d: in.IdempotencyKey of
// nullString(in.IdempotencyKey)), or nil.
func paramPart(info *types.Info, fd *ast.FuncDecl, at ast.Expr, d keyflow.Dependence) ast.Expr {
	want := d.Param // counts the receiver, as paramContract reads it; ParamPath does not
	if fd.Recv != nil {
		want--
	}
	var found ast.Expr
	ast.Inspect(at, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok || found != nil {
			return found == nil
		}
		if i, path, ok := vocab.ParamPath(info, fd, e); ok && i == want && slices.Equal(path, d.Fields) && vocab.AssignablePath(info, astutil.Unparen(e)) {
			found = e
			return false
		}
		return true
	})
	return found
}

// depChecked reports whether fd (fn) checks the string part d names of
// its parameter p (counted as the syntax counts it) itself, directly or
// through a value it builds from it: p := domain.Payout{Key:
// domain.IdempotencyKey(in.Key)}, then p.Validate() or if p.Key == ""
// (vocab.ChecksValuePath). A value made from a checked parameter is no
// caller's to fill.
func depChecked(info *types.Info, fd *ast.FuncDecl, fn *types.Func, p int, d keyflow.Dependence) bool {
	if fd.Body == nil || hasElem(d.Fields) >= 0 {
		return false
	}
	param := fn.Signature().Params().At(p)
	t := param.Type()
	if len(d.Fields) > 0 {
		_, t = vocab.FieldStruct(t, d.Fields)
	}
	if t == nil || !vocab.IsString(t) && !vocab.IsByteSlice(t) {
		return false // a nil check of a *string leaves a pointer to "" (d may be that)
	}
	want := vocab.Path{Root: param, Fields: strings.Join(d.Fields, ".")}
	return vocab.ChecksValuePath(info, fd.Body, want)
}

// elemDep reads d, a dependence on the part d.Fields[i+1:] of every
// element of fn's parameter slice (d.Fields[i] is elemMark), as the
// element contract names it: the slice (in, in.Items), the part, and its
// type.
func elemDep(fn *types.Func, d keyflow.Dependence, i int) (paramElem, types.Type, bool) {
	sig := fn.Signature()
	p := d.Param
	if sig.Recv() != nil {
		p--
	}
	if p < 0 || p >= sig.Params().Len() {
		return paramElem{}, nil, false
	}
	param := sig.Params().At(p)
	_, t := vocab.FieldStruct(param.Type(), d.Fields[:i])
	if t == nil {
		return paramElem{}, nil, false
	}
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return paramElem{}, nil, false
	}
	fields := d.Fields[i+1:]
	_, et := vocab.FieldStruct(sl.Elem(), fields)
	if et == nil {
		return paramElem{}, nil, false
	}
	over := ast.Expr(ast.NewIdent(param.Name()))
	for _, f := range d.Fields[:i] {
		over = &ast.SelectorExpr{X: over, Sel: ast.NewIdent(f)}
	}
	return paramElem{over: over, fields: fields}, et, true
}
