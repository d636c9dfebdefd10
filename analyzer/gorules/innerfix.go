package gorules

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
)

// innerNullFixes returns the fixes for a NULL key written through a NULL
// wrapper made at the write, which no fix can assign itself: the value
// the wrapper is made of gets the key instead, before the write.
//
//   - toNullString(req.Ref), a function of the package whose result is
//     NULL exactly when its one argument is nil (or "") and on no other
//     path (keyflow's summary says so): req.Ref gets the key;
//   - sql.NullString{String: tok, Valid: tok != ""} (or len(tok) > 0), a
//     literal of a NULL wrapper whose Valid tests its own payload: tok
//     gets the key, and Valid is then true.
//
// nil when arg is neither.
func (c *checker) innerNullFixes(w write, arg ast.Expr, maxLen int) []analysis.SuggestedFix {
	return c.innerFixes(gofix.Key{Pass: c.pass, Site: w.site, MaxLen: maxLen, Table: w.table, Column: w.table.Name + "." + w.key.Name}, arg)
}

// innerFixes is innerNullFixes for the key k describes (its Arg unset),
// at an insert or at a call of a function that writes the key (k.Call):
// q.ReserveStock(ctx, db.ReserveStockParams{…, IdempotencyKey:
// sql.NullString{String: key, Valid: key != ""}}) gives key a value before
// the call.
func (c *checker) innerFixes(k gofix.Key, arg ast.Expr) []analysis.SuggestedFix {
	info := c.pass.TypesInfo
	switch e := astutil.Unparen(arg).(type) {
	case *ast.CallExpr:
		if len(e.Args) != 1 || e.Ellipsis.IsValid() || c.ssaPkg == nil {
			return nil
		}
		obj := typeutil.StaticCallee(info, e)
		if obj == nil || obj.Pkg() != c.pass.Pkg || obj.Type().(*types.Signature).Recv() != nil {
			return nil
		}
		fd := c.declAt(obj.Pos())
		if fd == nil {
			return nil
		}
		c.ensureBody(fd)
		fn := c.ssaPkg.Prog.FuncValue(obj)
		if fn == nil || fn.Pkg != c.ssaPkg {
			return nil
		}
		for _, s := range c.flow.Summarize(fn) {
			if s.Index != 0 || s.MayBeBad() {
				continue
			}
			for _, cd := range s.Conds {
				if cd.Param != 0 || cd.Sel != "" {
					continue
				}
				k.Arg = e.Args[0]
				switch cd.Arg {
				case keyflow.Nil:
					return k.Null()
				case keyflow.Empty:
					return k.Empty()
				}
			}
		}
	case *ast.CompositeLit:
		nw := vocab.NullWrapperOf(info.TypeOf(e))
		if nw == nil || nw.Embedded != "" || !vocab.IsString(nw.PayloadType) {
			return nil
		}
		var payload, valid ast.Expr
		for _, el := range e.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return nil
			}
			switch id, _ := kv.Key.(*ast.Ident); {
			case id == nil:
				return nil
			case id.Name == "Valid":
				valid = kv.Value
			case id.Name == nw.Payload:
				payload = kv.Value
			}
		}
		if payload == nil || valid == nil || !testsNonEmpty(info, valid, payload) {
			return nil
		}
		k.Arg = payload
		return k.Empty()
	}
	return nil
}

// testsNonEmpty reports whether cond is x != "", "" != x or len(x) > 0
// for the same variable or field path x as payload.
func testsNonEmpty(info *types.Info, cond, payload ast.Expr) bool {
	p, ok := vocab.PathOf(info, astutil.Unparen(payload))
	if !ok {
		return false
	}
	same := func(e ast.Expr) bool {
		q, ok := vocab.PathOf(info, astutil.Unparen(e))
		return ok && q == p
	}
	isEmpty := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && tv.Value != nil && tv.Value.ExactString() == `""`
	}
	b, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.NEQ:
		return same(b.X) && isEmpty(b.Y) || isEmpty(b.X) && same(b.Y)
	case token.GTR:
		call, ok := astutil.Unparen(b.X).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return false
		}
		if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "len" {
			return false
		}
		tv, ok := info.Types[b.Y]
		return ok && tv.Value != nil && tv.Value.ExactString() == "0" && same(call.Args[0])
	}
	return false
}
