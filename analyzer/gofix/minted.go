package gofix

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/modules"
	"github.com/idemlint/idemlint/internal/vetshare"
	"github.com/idemlint/idemlint/schema/load"
)

// A derived key must come from what identifies a retry: the request body
// or its decoded fields, a client-sent id. A value the server mints per
// request (a fresh UUID, the time, a random number) differs between two
// deliveries of the same request, so a key derived from it never repeats.
// minted follows an input back to where it is set and says so.

// mintedInput reports whether the derived-key input e is minted per
// request, and why ("webhook.ID is a fresh UUID (uuid.New at
// api/webhooks.go:41)"). e is a variable or a field path.
//
// header reports that e is set from a request header instead: not minted
// by the server, but a value a sender may set anew on each delivery.
func (f *keyFixer) mintedInput(e ast.Expr) (why string, header, ok bool) {
	e = astutil.Unparen(e)
	info := f.pass.TypesInfo
	switch x := e.(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok || v.IsField() {
			return "", false, false
		}
		if what, at, ok := f.localSource(v); ok {
			return x.Name + " is " + what + " (" + at + ")", isHeader(what), true
		}
	case *ast.SelectorExpr:
		sel, ok := info.Selections[x]
		if !ok || sel.Kind() != types.FieldVal {
			return "", false, false
		}
		fld := sel.Obj().(*types.Var)
		if what, at, ok := f.fieldSource(fld, nil); ok && what != "" {
			return exprText(f, e) + " is " + what + " (" + at + ")", isHeader(what), true
		}
	}
	return "", false, false
}

// headerWhat starts what mintCall says of a value read from a request
// header.
const headerWhat = "the request header "

// isHeader reports whether what (mintCall's) is a request header's value.
func isHeader(what string) bool { return strings.HasPrefix(what, headerWhat) }

// headerCall says which request header call reads, when it reads one:
// r.Header.Get("X-Delivery-ID"), c.Request().Header.Get(…), gin's
// c.GetHeader(…). "" otherwise.
func headerCall(call *ast.CallExpr) string {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 {
		return ""
	}
	name := "(a request header)"
	if lit, ok := astutil.Unparen(call.Args[0]).(*ast.BasicLit); ok && lit.Kind == token.STRING {
		if s, err := strconv.Unquote(lit.Value); err == nil {
			name = s
		}
	}
	switch {
	case sel.Sel.Name == "Get":
		if h, ok := astutil.Unparen(sel.X).(*ast.SelectorExpr); ok && h.Sel.Name == "Header" {
			return headerWhat + name + " (Header.Get)"
		}
	case sel.Sel.Name == "GetHeader":
		return headerWhat + name + " (GetHeader)"
	}
	return ""
}

// enclosingBody returns the body of the function around the fix.
func (f *keyFixer) enclosingBody() *ast.BlockStmt {
	path, _ := astutil.PathEnclosingInterval(f.file, f.stmt.Pos(), f.stmt.End())
	for _, n := range path {
		switch fn := n.(type) {
		case *ast.FuncDecl:
			return fn.Body
		case *ast.FuncLit:
			return fn.Body
		}
	}
	return nil
}

// rowFieldSource reports whether the function around the fix gives field
// name of the row variable row a value minted per request: row.Trace =
// rand.Text(), row := Payout{Trace: id} with id := uuid.NewString(). The
// module-wide look at the field (fieldSource) cannot see these, since the
// row's other literals and assignments may set it from the request.
func (f *keyFixer) rowFieldSource(row *types.Var, name string) (what, at string, ok bool) {
	body := f.enclosingBody()
	if body == nil || row == nil {
		return "", "", false
	}
	info := f.pass.TypesInfo
	minted := func(e ast.Expr) bool {
		e = astutil.Unparen(e)
		if w := mintCall(e, importNames(f.file)); w != "" {
			what, at, ok = w, position(f.pass.Fset, e.Pos(), moduleRootOf(f.pass, f.file)), true
			return true
		}
		if id, isIdent := e.(*ast.Ident); isIdent {
			if v, isVar := info.Uses[id].(*types.Var); isVar && !v.IsField() && v != row {
				if w, a, found := f.localSource(v); found {
					what, at, ok = w, a, true
					return true
				}
			}
		}
		return false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if ok || !isAssign || len(as.Lhs) != len(as.Rhs) {
			return !ok
		}
		for i, l := range as.Lhs {
			switch l := astutil.Unparen(l).(type) {
			case *ast.SelectorExpr: // row.Trace = …
				if x, isIdent := astutil.Unparen(l.X).(*ast.Ident); isIdent && l.Sel.Name == name && info.ObjectOf(x) == row && minted(as.Rhs[i]) {
					return false
				}
			case *ast.Ident: // row := Payout{Trace: …}
				if info.ObjectOf(l) != row {
					continue
				}
				rhs := astutil.Unparen(as.Rhs[i])
				if u, isAddr := rhs.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
					rhs = astutil.Unparen(u.X)
				}
				lit, isLit := rhs.(*ast.CompositeLit)
				if !isLit {
					continue
				}
				for _, el := range lit.Elts {
					if kv, isKV := el.(*ast.KeyValueExpr); isKV {
						if k, isIdent := kv.Key.(*ast.Ident); isIdent && k.Name == name && minted(kv.Value) {
							return false
						}
					}
				}
			}
		}
		return true
	})
	return what, at, ok
}

// localSource finds v's definition in the function around the fix: v :=
// uuid.NewString() and the like.
func (f *keyFixer) localSource(v *types.Var) (what, at string, ok bool) {
	body := f.enclosingBody()
	if body == nil {
		return "", "", false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || ok || len(as.Lhs) != len(as.Rhs) {
			return !ok
		}
		for i, l := range as.Lhs {
			id, isIdent := l.(*ast.Ident)
			if !isIdent || f.pass.TypesInfo.ObjectOf(id) != v {
				continue
			}
			if w := mintCall(as.Rhs[i], importNames(f.file)); w != "" {
				what, at, ok = w, position(f.pass.Fset, as.Rhs[i].Pos(), moduleRootOf(f.pass, f.file)), true
			}
		}
		return !ok
	})
	return what, at, ok
}

// fieldSource reports whether every value the module's code gives field
// fld in a composite literal of its struct type is minted per request,
// following converters (webhook{ID: from.ID}) to the field they copy. A
// copy back to a field already being followed (toModel(fromModel(x)))
// brings no new value and is skipped; any other value, or a field set
// nowhere the syntax shows, means the field may identify the request.
func (f *keyFixer) fieldSource(fld *types.Var, visiting map[*types.Var]bool) (what, at string, ok bool) {
	if fld.Pkg() == nil || len(visiting) > 4 {
		return "", "", false
	}
	if visiting == nil {
		visiting = map[*types.Var]bool{}
	}
	visiting[fld] = true
	defer delete(visiting, fld)
	owner := structOwner(fld)
	if owner == nil {
		return "", "", false
	}
	root := moduleRootOf(f.pass, f.file)
	sites := literalSites(root, owner.Obj().Pkg().Path(), owner.Obj().Pkg().Name(), owner.Obj().Name(), fld.Name())
	for _, s := range sites {
		if s.Mint != "" {
			if what == "" {
				what, at = s.Mint, s.At
			}
			continue
		}
		src := f.copiedField(s)
		switch {
		case src == nil:
			return "", "", false // a value the syntax does not show as minted
		case visiting[src]:
			continue // a round trip brings no new value
		}
		w, a, ok := f.fieldSource(src, visiting)
		if !ok {
			return "", "", false
		}
		if what == "" {
			what, at = w, a
		}
	}
	// ok with an empty what: only round trips, no value of its own.
	return what, at, len(sites) > 0
}

// copiedField returns the field a literal site copies (ID: from.ID), when
// it is in this package, whose types are known.
func (f *keyFixer) copiedField(s literalSite) *types.Var {
	if !s.Copies {
		return nil
	}
	for _, file := range f.pass.Files {
		if f.pass.Fset.Position(file.Pos()).Filename != s.File {
			continue
		}
		var found *types.Var
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || found != nil || f.pass.Fset.Position(sel.Pos()).Offset != s.CopyOff {
				return found == nil
			}
			if sl, ok := f.pass.TypesInfo.Selections[sel]; ok && sl.Kind() == types.FieldVal {
				found = sl.Obj().(*types.Var)
			}
			return false
		})
		return found
	}
	return nil
}

// structOwner returns the named struct type that declares field fld.
func structOwner(fld *types.Var) *types.Named {
	scope := fld.Pkg().Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		st, ok := named.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			if st.Field(i) == fld {
				return named
			}
		}
	}
	return nil
}

// A literalSite is one value a composite literal gives a field. (Its
// fields are exported for vetshare's JSON: see literalSites.)
type literalSite struct {
	File string // the file's path
	At   string // file:line relative to the module root
	Mint string // what mints the value ("a fresh UUID"), or ""
	// Copies says the value is a selector (ID: from.ID), found again with
	// types by its offset in File, CopyOff.
	Copies  bool
	CopyOff int
}

var literalCache sync.Map // key → []literalSite

// literalSites finds, in the module at root, the composite literals of
// type pkgName.typeName (typeName inside package pkgPath itself) that set
// field, and what each sets it to. It reads files as syntax, once per
// process per question; only files that mention the type are parsed. Test
// files, and what the go command skips (testdata, vendor, nested
// modules), are not the module's code.
//
// The processes of a go vet run share the walk (internal/vetshare): the
// test variant of a package, which reports, asks what the package's own
// run for facts asked (a finding's fix there decides keyfacts.KeyParam's
// Guarded), and the walk reads every file of the module.
func literalSites(root, pkgPath, pkgName, typeName, field string) []literalSite {
	key := strings.Join([]string{root, pkgPath, typeName, field}, "\x00")
	if v, ok := literalCache.Load(key); ok {
		return v.([]literalSite)
	}
	sum := sha256.Sum256([]byte(key))
	out, _ := vetshare.Once(vetWorkDir, "literalsites-v2-"+hex.EncodeToString(sum[:8]), root, func() ([]literalSite, error) {
		return walkLiteralSites(root, pkgPath, pkgName, typeName, field), nil
	})
	literalCache.Store(key, out)
	return out
}

// vetWorkDir is the scratch folder of the go vet run this process is a
// tool process of, or "" (see SetVetWorkDir).
var vetWorkDir string

// SetVetWorkDir lets the tool processes of the go vet run whose scratch
// folder is work share the module walks that fixes make (literalSites);
// analyzer.SetVetWorkDir calls it. "" (the default) walks in every
// process.
func SetVetWorkDir(work string) { vetWorkDir = work }

// walkLiteralSites is literalSites' walk of the module.
func walkLiteralSites(root, pkgPath, pkgName, typeName, field string) []literalSite {
	var out []literalSite
	fset := token.NewFileSet()
	// The module's own files: nested modules (a repository's plugins, each
	// with its go.mod) are other modules, and reading them cost formance
	// payments' storage package most of its run.
	modules.WalkGoFiles(root, func(p string) bool {
		if strings.HasSuffix(p, "_test.go") {
			return true
		}
		src, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(src, []byte(typeName+"{")) {
			return true
		}
		file, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return true
		}
		names := importNames(file)
		local := ""
		for name, path := range names {
			if path == pkgPath {
				local = name
			}
		}
		inPkg := file.Name.Name == pkgName && local == ""
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !literalOf(lit.Type, local, inPkg, typeName) {
				return true
			}
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != field {
					continue
				}
				s := literalSite{File: p, At: position(fset, kv.Value.Pos(), root), Mint: mintCall(kv.Value, names)}
				if s.Mint == "" {
					if sel, ok := astutil.Unparen(kv.Value).(*ast.SelectorExpr); ok {
						s.Copies, s.CopyOff = true, fset.Position(sel.Pos()).Offset
					}
				}
				out = append(out, s)
			}
			return true
		})
		return true
	})
	return out
}

// literalOf reports whether a composite literal's type expression names
// local.typeName (or typeName, inside its own package).
func literalOf(t ast.Expr, local string, inPkg bool, typeName string) bool {
	if u, ok := t.(*ast.StarExpr); ok {
		t = u.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return inPkg && t.Name == typeName
	case *ast.SelectorExpr:
		x, ok := t.X.(*ast.Ident)
		return ok && local != "" && x.Name == local && t.Sel.Name == typeName
	}
	return false
}

// mintCall says what mints e when e is a value the server makes up per
// request: a fresh UUID, ULID, xid, KSUID or nanoid, the time, a random
// number, possibly converted to a string (uuid.New().String()); or, said
// with headerWhat, a request header's value, which the sender may set
// anew on each delivery. "" when e is anything else.
func mintCall(e ast.Expr, imports map[string]string) string {
	for {
		e = astutil.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return ""
		}
		if h := headerCall(call); h != "" {
			return h
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		if x, ok := sel.X.(*ast.Ident); ok {
			if what := mintFunc(imports[x.Name], sel.Sel.Name); what != "" {
				return what
			}
			return ""
		}
		// A method on a minted value: uuid.New().String(), time.Now().UTC(),
		// uuid.Must(uuid.NewV7()).String().
		e = sel.X
		if inner, ok := e.(*ast.CallExpr); ok && len(inner.Args) == 1 {
			if s, ok := inner.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "Must" {
				e = inner.Args[0]
			}
		}
	}
}

// mintFunc names what the function path.name returns, when it is a value
// minted per call.
func mintFunc(path, name string) string {
	switch {
	case path == "github.com/google/uuid" || path == "github.com/gofrs/uuid" || path == "github.com/gofrs/uuid/v5" || path == "github.com/satori/go.uuid":
		if strings.HasPrefix(name, "New") {
			return "a fresh UUID (" + lastElem(path) + "." + name + ")"
		}
	case path == "github.com/oklog/ulid" || path == "github.com/oklog/ulid/v2":
		if name == "Make" || name == "New" || name == "MustNew" {
			return "a fresh ULID (ulid." + name + ")"
		}
	case path == "github.com/rs/xid" || path == "github.com/segmentio/ksuid" || path == "github.com/matoous/go-nanoid/v2" || path == "github.com/jaevor/go-nanoid":
		if strings.HasPrefix(name, "New") || name == "Must" {
			return "a fresh id (" + lastElem(path) + "." + name + ")"
		}
	case path == "time":
		if name == "Now" {
			return "the time of the request (time.Now)"
		}
	case path == "math/rand" || path == "math/rand/v2" || path == "crypto/rand":
		return "a random value (rand." + name + ")"
	}
	return ""
}

func lastElem(path string) string {
	p := strings.TrimSuffix(path, "/v2")
	p = strings.TrimSuffix(p, "/v5")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// importNames maps each name a file imports under to the import path.
func importNames(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := lastElem(p)
		if p == "github.com/satori/go.uuid" || p == "github.com/gofrs/uuid" || p == "github.com/gofrs/uuid/v5" || p == "github.com/google/uuid" {
			name = "uuid"
		}
		if p == "github.com/matoous/go-nanoid/v2" || p == "github.com/jaevor/go-nanoid" {
			name = "gonanoid"
		}
		if strings.HasPrefix(name, "v") && strings.Count(p, "/") > 0 {
			if _, err := strconv.Atoi(name[1:]); err == nil {
				name = lastElem(p[:strings.LastIndexByte(p, '/')])
			}
		}
		if imp.Name != nil {
			name = imp.Name.Name
		}
		out[name] = p
	}
	return out
}

func position(fset *token.FileSet, pos token.Pos, root string) string {
	p := fset.Position(pos)
	name := p.Filename
	if root != "" {
		if rel, err := filepath.Rel(root, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
	}
	return name + ":" + strconv.Itoa(p.Line)
}

// moduleRootOf returns the module root above file's folder, or "".
func moduleRootOf(pass *analysis.Pass, file *ast.File) string {
	return load.ModuleRoot(filepath.Dir(pass.Fset.Position(file.Pos()).Filename))
}

func exprText(f *keyFixer, e ast.Expr) string {
	tf := f.pass.Fset.File(f.file.Pos())
	return string(f.src[tf.Offset(e.Pos()):tf.Offset(e.End())])
}
