package gomodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// Real ent schemas do not always return a slice literal: shared mixins
// build their fields with append, from other mixins' Fields(), from
// builders kept in variables, and name them from a mixin's own fields
// (CustomerAddressMixin{FieldPrefix: "customer"} with
// fmt.Sprintf("%s_address_city", c.FieldPrefix)) or constants. This file
// evaluates that much of a method's body, without type checking: the
// straight-line statements that declare, assign and return slices. A body
// that changes a slice in a branch or a loop is not evaluated (the caller
// reports it), never guessed.

// An entElem is one element of the slice a schema method returns: the
// expression, the file it is written in, and the string values that the
// receiver's fields and the function's parameters hold there.
type entElem struct {
	e   ast.Expr
	f   *goFile
	env map[string]string // "recv.Field" or "param" → value
}

// maxEvalDepth bounds the calls followed from one method (Fields calling
// another mixin's Fields, and so on).
const maxEvalDepth = 8

// methodSlice returns the elements of the slice that type typ's method
// name returns, declared in dir, its receiver's fields holding fields.
// A missing method has no elements; ok is false when its body cannot be
// evaluated, and m is the method then, for the error's position.
func (r *entReader) methodSlice(dir, typ, name string, fields map[string]string, depth int) (els []entElem, m *methodDecl, ok bool) {
	m = r.idx.method(dir, typ, name)
	if base := r.bases[dir+"."+typ]; m == nil && base != "" {
		m = r.idx.method(dir, base, name) // promoted from the embedded base
	}
	if m == nil {
		return nil, nil, true
	}
	els, ok = r.evalBody(m.file, m.decl, receiverEnv(m.decl, fields), depth)
	return els, m, ok
}

// receiverEnv binds a method's receiver name to the fields of the literal
// it was called on.
func receiverEnv(d *ast.FuncDecl, fields map[string]string) map[string]string {
	env := map[string]string{}
	if d.Recv == nil || len(d.Recv.List) != 1 || len(d.Recv.List[0].Names) != 1 {
		return env
	}
	recv := d.Recv.List[0].Names[0].Name
	for k, v := range fields {
		env[recv+"."+k] = v
	}
	return env
}

// evalBody evaluates a function body that returns a slice.
func (r *entReader) evalBody(f *goFile, d *ast.FuncDecl, env map[string]string, depth int) ([]entElem, bool) {
	if d.Body == nil || depth > maxEvalDepth {
		return nil, false
	}
	ev := &entEval{r: r, f: f, env: env, depth: depth, slices: map[string][]entElem{}, values: map[string]entElem{}}
	if d.Recv != nil && len(d.Recv.List) == 1 && len(d.Recv.List[0].Names) == 1 {
		te := d.Recv.List[0].Type
		if st, ok := te.(*ast.StarExpr); ok {
			te = st.X
		}
		if rd, ok := r.idx.resolve(f, te); ok {
			ev.recv, ev.recvDecl = d.Recv.List[0].Names[0].Name, rd
		}
	}
	for _, st := range d.Body.List {
		switch st := st.(type) {
		case *ast.ReturnStmt:
			if len(st.Results) != 1 {
				return nil, false
			}
			return ev.slice(st.Results[0])
		case *ast.DeclStmt:
			gd, ok := st.Decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						ev.assign(n.Name, vs.Values[i])
					} else {
						ev.slices[n.Name] = nil
					}
				}
			}
		case *ast.AssignStmt:
			if len(st.Lhs) != len(st.Rhs) {
				if ev.assignsTracked(st) {
					return nil, false
				}
				continue
			}
			for i, l := range st.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					ev.assign(id.Name, st.Rhs[i])
				}
			}
		default:
			// A branch or loop that changes a slice or builder held in a
			// variable makes the result depend on the path: not evaluated.
			if ev.assignsTracked(st) {
				return nil, false
			}
		}
	}
	return nil, false
}

// entEval is the state of one body's evaluation.
type entEval struct {
	r        *entReader
	f        *goFile
	env      map[string]string
	depth    int
	slices   map[string][]entElem // variables holding slices
	values   map[string]entElem   // variables holding one builder
	recv     string               // the method's receiver, if named
	recvDecl typeDecl             // and its type
}

func (ev *entEval) elem(e ast.Expr) entElem {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := ev.values[x.Name]; ok {
			return v
		}
		if _, local := ev.slices[x.Name]; !local && ev.depth < maxEvalDepth {
			// A package variable holding one builder, assigned only where
			// it is declared: its initialiser, in its own file.
			if c := ev.r.idx.named(ev.f, x.Name, ""); c != nil {
				return (&entEval{r: ev.r, f: c.file, env: map[string]string{}, depth: ev.depth + 1}).elem(c.expr)
			}
		}
	case *ast.CallExpr:
		if el, ok := ev.helperElem(x); ok {
			return el
		}
	}
	return entElem{e: e, f: ev.f, env: ev.env}
}

// helperElem reads a call of a helper function declared among the files
// read whose body is a single return of one element (func keyField()
// ent.Field { return field.String("key").Optional() }, a mixin built by
// newKeyMixin()): the element is the returned expression, in the
// helper's file, its parameters bound to the string arguments. A helper
// of another shape, or with a parameter that is not bound to a string,
// is not followed, and the element stays the call (the caller reports it).
func (ev *entEval) helperElem(c *ast.CallExpr) (entElem, bool) {
	if ev.depth >= maxEvalDepth {
		return entElem{}, false
	}
	var fd *methodDecl
	switch fn := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		fd, _ = ev.r.idx.function(ev.f, fn.Name, "")
	case *ast.SelectorExpr:
		x, ok := fn.X.(*ast.Ident)
		if !ok {
			return entElem{}, false
		}
		p := ev.f.pkgOf(x.Name)
		if p == "" || strings.HasPrefix(p, "entgo.io/") {
			return entElem{}, false // a method, or ent's own builders
		}
		fd, _ = ev.r.idx.function(ev.f, fn.Sel.Name, p)
	}
	if fd == nil || fd.decl.Body == nil || len(fd.decl.Body.List) != 1 || fd.decl.Type.Results == nil || len(fd.decl.Type.Results.List) != 1 {
		return entElem{}, false
	}
	if _, slice := fd.decl.Type.Results.List[0].Type.(*ast.ArrayType); slice {
		return entElem{}, false // a slice helper is evaluated by slice
	}
	ret, ok := fd.decl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return entElem{}, false
	}
	env := ev.bindParams(fd.decl, c)
	if n := paramCount(fd.decl); len(env) != n || len(c.Args) != n {
		// A parameter that is not a string this reader works out (an
		// option struct, a type): what the helper builds from it is not
		// known, so the call stays unread.
		return entElem{}, false
	}
	return (&entEval{r: ev.r, f: fd.file, env: env, depth: ev.depth + 1, slices: map[string][]entElem{}, values: map[string]entElem{}}).elem(ret.Results[0]), true
}

// paramCount is the number of d's parameters.
func paramCount(d *ast.FuncDecl) int {
	n := 0
	for _, p := range d.Type.Params.List {
		n += max(len(p.Names), 1)
	}
	return n
}

// bindParams binds the string parameters of d to c's arguments.
func (ev *entEval) bindParams(d *ast.FuncDecl, c *ast.CallExpr) map[string]string {
	env := map[string]string{}
	i := 0
	for _, p := range d.Type.Params.List {
		for _, n := range p.Names {
			if i < len(c.Args) {
				if v, ok := ev.r.str(entElem{f: ev.f, env: ev.env}, c.Args[i]); ok {
					env[n.Name] = v
				}
			}
			i++
		}
	}
	return env
}

// assign records what variable name holds after name = e.
func (ev *entEval) assign(name string, e ast.Expr) {
	if s, ok := ev.slice(e); ok {
		ev.slices[name] = s
		delete(ev.values, name)
		return
	}
	ev.values[name] = ev.elem(e)
	delete(ev.slices, name)
}

// assignsTracked reports whether n assigns to a variable the evaluation
// tracks.
func (ev *entEval) assignsTracked(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					_, s := ev.slices[id.Name]
					_, v := ev.values[id.Name]
					found = found || s || v
				}
			}
		}
		return !found
	})
	return found
}

// slice evaluates e as a slice of schema elements.
func (ev *entEval) slice(e ast.Expr) ([]entElem, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if e.Name == "nil" {
			return nil, true
		}
		if s, ok := ev.slices[e.Name]; ok {
			return s, true
		}
		if _, local := ev.values[e.Name]; !local {
			return ev.packageSlice(e.Name, "")
		}
		return nil, false
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if p := ev.f.pkgOf(x.Name); p != "" {
				return ev.packageSlice(e.Sel.Name, p)
			}
		}
		return nil, false
	case *ast.CompositeLit:
		if _, ok := e.Type.(*ast.ArrayType); !ok {
			return nil, false
		}
		out := make([]entElem, 0, len(e.Elts))
		for _, el := range e.Elts {
			out = append(out, ev.elem(el))
		}
		return out, true
	case *ast.CallExpr:
		return ev.call(e)
	}
	return nil, false
}

func (ev *entEval) call(c *ast.CallExpr) ([]entElem, bool) {
	switch fn := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		if fn.Name == "append" && len(c.Args) > 0 {
			out, ok := ev.slice(c.Args[0])
			if !ok {
				return nil, false
			}
			out = append([]entElem(nil), out...)
			for i, a := range c.Args[1:] {
				if c.Ellipsis.IsValid() && i == len(c.Args)-2 {
					more, ok := ev.slice(a)
					if !ok {
						return nil, false
					}
					out = append(out, more...)
					continue
				}
				out = append(out, ev.elem(a))
			}
			return out, true
		}
		return ev.function(fn.Name, "", c)
	case *ast.SelectorExpr:
		// slices.Concat(a, b, …)
		if x, ok := fn.X.(*ast.Ident); ok && ev.f.pkgOf(x.Name) == "slices" && fn.Sel.Name == "Concat" {
			var out []entElem
			for _, a := range c.Args {
				more, ok := ev.slice(a)
				if !ok {
					return nil, false
				}
				out = append(out, more...)
			}
			return out, true
		}
		// m.Embedded.Edges(): the elements of a mixin the receiver's
		// type embeds (a wrapper adding edges to its embedded mixin's).
		if inner, ok := fn.X.(*ast.SelectorExpr); ok {
			if x, ok := inner.X.(*ast.Ident); ok && ev.recv != "" && x.Name == ev.recv {
				return ev.embeddedCall(inner.Sel.Name, fn.Sel.Name)
			}
		}
		// T{…}.Fields(): another schema or mixin's elements.
		if typ := compositeTypeName(fn.X); typ != "" {
			d, ok := ev.r.idx.resolve(ev.f, fn.X)
			if !ok {
				return nil, false
			}
			els, _, ok := ev.r.methodSlice(d.file.dir, typ, fn.Sel.Name, ev.r.literalFields(entElem{f: ev.f, env: ev.env}, fn.X), ev.depth+1)
			return els, ok
		}
		// pkg.helper(…) or helper(…): a function returning elements.
		if x, ok := fn.X.(*ast.Ident); ok && ev.f.pkgOf(x.Name) != "" {
			return ev.function(fn.Sel.Name, ev.f.pkgOf(x.Name), c)
		}
	}
	return nil, false
}

// packageSlice evaluates package variable name (of the package at import
// path pkg, or of the evaluated file's), assigned only where it is
// declared, as a slice: var sharedFields = []ent.Field{…}.
func (ev *entEval) packageSlice(name, pkg string) ([]entElem, bool) {
	c := ev.r.idx.named(ev.f, name, pkg)
	if c == nil || ev.depth >= maxEvalDepth {
		return nil, false
	}
	inner := &entEval{r: ev.r, f: c.file, env: map[string]string{}, depth: ev.depth + 1, slices: map[string][]entElem{}, values: map[string]entElem{}}
	return inner.slice(c.expr)
}

// embeddedCall evaluates method of the mixin the receiver's type embeds
// as field emb.
func (ev *entEval) embeddedCall(emb, method string) ([]entElem, bool) {
	for _, fld := range structFields(ev.recvDecl.spec) {
		if len(fld.Names) != 0 || embeddedName(fld.Type) != emb {
			continue
		}
		md, edges, _, why := ev.r.mixinDecls(ev.recvDecl.file, fld.Type)
		if why != "" {
			return nil, false
		}
		if method == "Edges" {
			md = edges
		}
		els, _, ok := ev.r.methodSlice(md.file.dir, md.spec.Name.Name, method, nil, ev.depth+1)
		return els, ok
	}
	return nil, false
}

// embeddedName is the field name an embedded type gives: T, pkg.T, T[A].
func embeddedName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.StarExpr:
		return embeddedName(e.X)
	case *ast.IndexExpr:
		return embeddedName(e.X)
	case *ast.IndexListExpr:
		return embeddedName(e.X)
	}
	return ""
}

// literalFields returns the string fields of a composite literal written
// in at's file and environment (CustomerAddressMixin{FieldPrefix: "customer"}).
func (r *entReader) literalFields(at entElem, e ast.Expr) map[string]string {
	out := map[string]string{}
	cl, ok := ast.Unparen(unaddr(e)).(*ast.CompositeLit)
	if !ok {
		return out
	}
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				if v, ok := r.str(at, kv.Value); ok {
					out[k.Name] = v
				}
			}
		}
	}
	return out
}

// function evaluates a call of a function declared among the files read
// (in the import path pkg, or beside the caller when pkg is empty), its
// parameters bound to the string arguments.
func (ev *entEval) function(name, pkg string, c *ast.CallExpr) ([]entElem, bool) {
	fd, ok := ev.r.idx.function(ev.f, name, pkg)
	if !ok {
		return nil, false
	}
	return ev.r.evalBody(fd.file, fd.decl, ev.bindParams(fd.decl, c), ev.depth+1)
}

// str evaluates e, written in el's file and environment, as a string: a
// literal, a constant, a receiver field or parameter bound in el.env,
// a concatenation, or fmt.Sprintf with %s and %v verbs.
func (r *entReader) str(el entElem, e ast.Expr) (string, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return stringLit(e)
	case *ast.Ident:
		if v, ok := el.env[e.Name]; ok {
			return v, true
		}
		return r.idx.constant(el.f, e.Name, "")
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if v, ok := el.env[x.Name+"."+e.Sel.Name]; ok {
				return v, true
			}
			if p := el.f.pkgOf(x.Name); p != "" {
				return r.idx.constant(el.f, e.Sel.Name, p)
			}
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := r.str(el, e.X)
			b, ok2 := r.str(el, e.Y)
			return a + b, ok1 && ok2
		}
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Sprintf" || len(e.Args) == 0 {
			return "", false
		}
		if x, ok := sel.X.(*ast.Ident); !ok || el.f.pkgOf(x.Name) != "fmt" {
			return "", false
		}
		format, ok := r.str(el, e.Args[0])
		if !ok {
			return "", false
		}
		var args []any
		for _, a := range e.Args[1:] {
			v, ok := r.str(el, a)
			if !ok {
				return "", false
			}
			args = append(args, v)
		}
		if strings.Count(format, "%") != len(args) || strings.Count(format, "%s")+strings.Count(format, "%v") != len(args) {
			return "", false
		}
		return fmt.Sprintf(format, args...), true
	}
	return "", false
}
