package gomodel

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/idemlint/idemlint/schema"
)

// Options control reading.
type Options struct {
	// Dialect overrides the dialect the module's drivers imply.
	Dialect schema.Dialect
	// GoMod is the module's go.mod, whose required drivers imply the
	// dialect; nil when unknown.
	GoMod []byte
	// TypeFiles are Go files read only to resolve the types the models
	// name (an embedded struct declared in a sibling module that go.mod
	// replaces with a local folder): their own declarations are not
	// models.
	TypeFiles []*schema.File
}

// Mentions reports, from the bytes alone, whether src may declare models
// of a library this package reads: the cheap test that lets files (and
// packages) without any pay nothing more.
func Mentions(src []byte) bool {
	return bytes.Contains(src, []byte("gorm")) || containsAfter(src, "ent", "go.io/ent") ||
		bytes.Contains(src, []byte("uptrace/bun")) || bytes.Contains(src, []byte(`bun:"`))
}

// containsAfter reports whether src contains head+tail. It searches for
// tail and checks the bytes before it: bytes.Contains of "entgo.io/ent"
// stops at every 'e' of a Go file and was three quarters of Mentions'
// instructions (a walk of a module's Go files, in the driver and once per
// go vet run); 'g' is rarer.
func containsAfter(src []byte, head, tail string) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(tail))
		if j < 0 {
			return false
		}
		j += i
		if j >= len(head) && string(src[j-len(head):j]) == head {
			return true
		}
		i = j + 1
	}
}

// A goFile is one parsed Go file.
type goFile struct {
	sf      *schema.File
	ast     *ast.File
	fset    *token.FileSet
	dir     string            // the package's folder: types are resolved within it first
	imports map[string]string // local name → import path
	ord     int               // the file's place among the files indexed (typeIndex keeps their order)
	gomod   []byte            // the module's go.mod; nil when unknown
}

func (f *goFile) off(p token.Pos) int { return f.fset.Position(p).Offset }

// span returns the span of node n in f. In a file with syntax errors the
// parser's stand-in nodes can end before they start or lack a position:
// such a span is clamped to the file and to its start, so that a finding
// positioned there, or a fix that edits it, stays inside the file.
func (f *goFile) span(n ast.Node) schema.Span {
	start, end := f.off(n.Pos()), f.off(n.End())
	size := len(f.sf.Src)
	start = min(max(start, 0), size)
	end = min(max(end, start), size)
	return f.sf.Span(start, end)
}

// importsPath reports whether the file imports path (or a package below it).
func (f *goFile) importsPath(prefix string) bool {
	for _, p := range f.imports {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// pkgOf returns the import path a selector's package name stands for.
func (f *goFile) pkgOf(name string) string { return f.imports[name] }

// Read parses the Go files and returns the models they declare: one for
// the GORM models, one for the ent schemas and one for the bun models
// found, each only when it has tables. A file that does not parse is an
// error in the first model (or in a model of its own when none is found),
// never a reason to drop the others.
func Read(files []*schema.File, opts Options) []*schema.Model {
	fset := token.NewFileSet()
	var parsed []*goFile
	var errs []*schema.ParseError
	for _, sf := range files {
		af, err := parser.ParseFile(fset, sf.Path, sf.Src, parser.ParseComments|parser.SkipObjectResolution)
		if af == nil {
			errs = append(errs, sf.Errorf(0, "cannot parse Go file: %v", err))
			continue
		}
		if err != nil {
			off := 0
			if el, ok := err.(scanner.ErrorList); ok && len(el) > 0 {
				off = el[0].Pos.Offset
				err = el[0]
			}
			errs = append(errs, sf.Errorf(off, "Go syntax error; the models of this file may be incomplete: %v", firstLine(err.Error())))
		}
		gf := &goFile{sf: sf, ast: af, fset: fset, dir: path.Dir(sf.Path), imports: map[string]string{}, gomod: opts.GoMod}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := path.Base(p)
			if strings.HasPrefix(name, "v") && len(name) > 1 && unicode.IsDigit(rune(name[1])) {
				name = path.Base(path.Dir(p)) // gopkg.in/x.v2 style and /v2 major versions
			}
			if im.Name != nil {
				name = im.Name.Name
			}
			gf.imports[name] = p
		}
		sf.Comments = goComments(gf)
		parsed = append(parsed, gf)
	}
	idx := newTypeIndex(parsed)
	idx.deferTypeFiles(fset, opts.TypeFiles)
	var models []*schema.Model
	for _, m := range []*schema.Model{readGorm(parsed, idx, opts), readEnt(parsed, idx, opts), readBun(parsed, idx, opts)} {
		if m != nil {
			models = append(models, m)
		}
	}
	if len(errs) > 0 {
		if len(models) == 0 {
			models = append(models, &schema.Model{Dialect: opts.Dialect})
		}
		models[0].Errors = append(errs, models[0].Errors...)
	}
	return models
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// goComments returns the file's comments, markers stripped, for
// idemlint:ignore and idemlint:key.
func goComments(f *goFile) []schema.Comment {
	var out []schema.Comment
	for _, g := range f.ast.Comments {
		for _, c := range g.List {
			text := strings.TrimPrefix(c.Text, "//")
			if strings.HasPrefix(c.Text, "/*") {
				text = strings.TrimSuffix(strings.TrimPrefix(c.Text, "/*"), "*/")
			}
			out = append(out, schema.Comment{Span: f.span(c), Text: strings.TrimSpace(text)})
		}
	}
	return out
}

// A typeDecl is one named type declaration.
type typeDecl struct {
	file *goFile
	spec *ast.TypeSpec
}

// typeIndex finds type declarations and methods by name. Without type
// checking, a name is resolved in the same folder first, then anywhere
// among the files read (a model embedding models.Base of another package).
//
// The type files (Options.TypeFiles: whole packages of replaced modules,
// a generated API client among them) are parsed only when a lookup names
// a word they contain: a declaration of a name, or an assignment to it,
// spells it. The index then answers as if every file had been read.
type typeIndex struct {
	files   []*goFile
	types   map[string][]typeDecl
	methods map[string][]*methodDecl // "Type.Method"
	funcs   map[string][]*methodDecl // top-level functions by name
	consts  map[string][]*constDecl  // constants and single-assignment variables by name

	assigned map[string]bool // names some statement of the files read assigns (dropAssigned)
	// The type files not parsed yet, by the words they contain.
	fset    *token.FileSet
	pending []*schema.File // by ordinal - len(files read first); nil once parsed
	base    int            // ordinal of pending[0]
	words   map[string][]int
}

// A constDecl is a top-level constant, or a package variable assigned
// only where it is declared, with the expression that gives its value:
// a string literal, another such name (fieldTenantID = mixin.FieldTenant)
// or a concatenation of those. The value is worked out on first use.
type constDecl struct {
	file *goFile
	expr ast.Expr
	// state: 0 not evaluated, 1 being evaluated (a cycle reads as no
	// value), 2 done.
	state int
	value string
	ok    bool
}

type methodDecl struct {
	file *goFile
	decl *ast.FuncDecl
}

func newTypeIndex(files []*goFile) *typeIndex {
	idx := &typeIndex{types: map[string][]typeDecl{}, methods: map[string][]*methodDecl{}, funcs: map[string][]*methodDecl{}, consts: map[string][]*constDecl{}, assigned: map[string]bool{}}
	for i, f := range files {
		f.ord = i
		idx.add(f)
	}
	return idx
}

// deferTypeFiles notes the type files, to be parsed on first need.
func (idx *typeIndex) deferTypeFiles(fset *token.FileSet, files []*schema.File) {
	if len(files) == 0 {
		return
	}
	idx.fset, idx.pending, idx.base = fset, files, len(idx.files)
	idx.words = map[string][]int{}
	for i, sf := range files {
		idx.indexWords(i, sf.Src)
	}
}

// indexWords notes type file i under each identifier-like word of src:
// runs of ASCII letters, digits, '_' and non-ASCII bytes (comments and
// strings too, which only makes a file parsed for nothing). A word's key
// is allocated once per run, its list grows once per file.
func (idx *typeIndex) indexWords(i int, src []byte) {
	for p := 0; p < len(src); {
		if !isWordByte(src[p]) {
			p++
			continue
		}
		q := p + 1
		for q < len(src) && isWordByte(src[q]) {
			q++
		}
		if c := src[p]; c < '0' || c > '9' {
			w := src[p:q]
			if l, ok := idx.words[string(w)]; !ok {
				idx.words[string(w)] = []int{i}
			} else if l[len(l)-1] != i {
				idx.words[string(w)] = append(l, i)
			}
		}
		p = q
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// need parses the type files that contain the word name, before a lookup
// of name.
func (idx *typeIndex) need(name string) {
	files, ok := idx.words[name]
	if !ok {
		return
	}
	delete(idx.words, name)
	for _, i := range files {
		sf := idx.pending[i]
		if sf == nil {
			continue
		}
		idx.pending[i] = nil
		af, _ := parser.ParseFile(idx.fset, sf.Path, sf.Src, parser.SkipObjectResolution)
		if af == nil {
			continue
		}
		gf := &goFile{sf: sf, ast: af, fset: idx.fset, dir: path.Dir(sf.Path), imports: map[string]string{}, ord: idx.base + i}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := path.Base(p)
			if im.Name != nil {
				name = im.Name.Name
			}
			gf.imports[name] = p
		}
		idx.add(gf)
	}
}

// inOrder inserts v into list, ordered by its file's ordinal.
func inOrder[T any](list []T, v T, ord func(T) int) []T {
	i := len(list)
	for i > 0 && ord(list[i-1]) > ord(v) {
		i--
	}
	return slices.Insert(list, i, v)
}

func typeOrd(d typeDecl) int      { return d.file.ord }
func methodOrd(d *methodDecl) int { return d.file.ord }
func constOrd(d *constDecl) int   { return d.file.ord }
func fileOrd(f *goFile) int       { return f.ord }

// add indexes f's declarations, and forgets the variables it assigns.
func (idx *typeIndex) add(f *goFile) {
	idx.files = inOrder(idx.files, f, fileOrd)
	for _, d := range f.ast.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok == token.CONST || d.Tok == token.VAR {
				for _, s := range d.Specs {
					vs := s.(*ast.ValueSpec)
					if len(vs.Values) != len(vs.Names) {
						continue // iota's repetition, a tuple from a call, a var with no value
					}
					for i, n := range vs.Names {
						if n.Name == "_" {
							continue
						}
						if !idx.assigned[n.Name] {
							idx.consts[n.Name] = inOrder(idx.consts[n.Name], &constDecl{file: f, expr: vs.Values[i]}, constOrd)
						}
					}
				}
			}
			if d.Tok != token.TYPE {
				continue
			}
			for _, s := range d.Specs {
				ts := s.(*ast.TypeSpec)
				idx.types[ts.Name.Name] = inOrder(idx.types[ts.Name.Name], typeDecl{f, ts}, typeOrd)
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				idx.funcs[d.Name.Name] = inOrder(idx.funcs[d.Name.Name], &methodDecl{f, d}, methodOrd)
				continue
			}
			if len(d.Recv.List) != 1 {
				continue
			}
			if name := recvName(d.Recv.List[0].Type); name != "" {
				key := name + "." + d.Name.Name
				idx.methods[key] = inOrder(idx.methods[key], &methodDecl{f, d}, methodOrd)
			}
		}
	}
	idx.dropAssigned(f)
}

// dropAssigned forgets the package variables that some statement of the
// files read assigns after their declaration (name = …, name += …,
// pkg.Name = …, name++): their value is the initialiser's only where
// nothing else writes them. Without type checking, a local of the same
// name counts too: the variable is then not read, never misread.
func (idx *typeIndex) dropAssigned(f *goFile) {
	assign := func(name string) {
		idx.assigned[name] = true
		delete(idx.consts, name)
	}
	mark := func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			assign(e.Name)
		case *ast.SelectorExpr:
			assign(e.Sel.Name)
		case *ast.UnaryExpr: // &name handed out can be written through
			if e.Op == token.AND {
				if id, ok := ast.Unparen(e.X).(*ast.Ident); ok {
					assign(id.Name)
				}
			}
		}
	}
	ast.Inspect(f.ast, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					mark(l)
				}
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.UnaryExpr:
			mark(n)
		}
		return true
	})
}

// declaresType reports whether folder dir declares type name.
func (idx *typeIndex) declaresType(dir, name string) bool {
	idx.need(name)
	for _, d := range idx.types[name] {
		if d.file.dir == dir {
			return true
		}
	}
	return false
}

func recvName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return recvName(e.X)
	}
	return ""
}

// lookup returns the declaration of type name as seen from dir: one in
// the same folder, else the only one elsewhere.
func (idx *typeIndex) lookup(dir, name string) (typeDecl, bool) {
	idx.need(name)
	ds := idx.types[name]
	for _, d := range ds {
		if d.file.dir == dir {
			return d, true
		}
	}
	if len(ds) == 1 {
		return ds[0], true
	}
	return typeDecl{}, false
}

// resolve returns the declaration of the type a composite literal (or
// its type expression) written in f names: T beside f, pkg.T in the
// folder the import path of pkg ends with.
func (idx *typeIndex) resolve(f *goFile, e ast.Expr) (typeDecl, bool) {
	if cl, ok := ast.Unparen(unaddr(e)).(*ast.CompositeLit); ok {
		e = cl.Type
	}
	var d typeDecl
	ok := false
	switch t := e.(type) {
	case *ast.Ident:
		d, ok = idx.lookup(f.dir, t.Name)
	case *ast.SelectorExpr:
		if x, isID := t.X.(*ast.Ident); isID {
			if p := f.pkgOf(x.Name); p != "" {
				idx.need(t.Sel.Name)
				ds := idx.types[t.Sel.Name]
				var i int
				if i, ok = inPackage(len(ds), func(i int) string { return ds[i].file.dir }, p); ok {
					d = ds[i]
				}
			}
		}
	}
	if ok && d.spec.Assign.IsValid() && d.spec.Type != e { // type A = B: B's declaration
		if _, generic := d.spec.Type.(*ast.IndexExpr); generic {
			return d, ok // the alias itself: its instance is read by who knows the generic's meaning
		}
		return idx.resolve(d.file, d.spec.Type)
	}
	return d, ok
}

// resolveModel is resolve for a model's type written in f (AutoMigrate's
// argument, an embedded struct, a field's type): T beside f, pkg.T in the
// folder of pkg's import path, so that billing.Account and ledger.Account
// are told apart; when pkg's path matches no folder read (or no import
// names pkg), the one declaration of that name among the files, as before.
func (idx *typeIndex) resolveModel(f *goFile, e ast.Expr) (typeDecl, bool) {
	if d, ok := idx.resolve(f, e); ok {
		return d, true
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		idx.need(sel.Sel.Name)
		if ds := idx.types[sel.Sel.Name]; len(ds) == 1 {
			return ds[0], true
		}
	}
	return typeDecl{}, false
}

// function returns the top-level function name of the package at import
// path pkg, or of f's own folder when pkg is empty.
func (idx *typeIndex) function(f *goFile, name, pkg string) (*methodDecl, bool) {
	idx.need(name)
	fs := idx.funcs[name]
	if pkg == "" {
		for _, d := range fs {
			if d.file.dir == f.dir {
				return d, true
			}
		}
		return nil, false
	}
	i, ok := inPackage(len(fs), func(i int) string { return fs[i].file.dir }, pkg)
	if !ok {
		return nil, false
	}
	return fs[i], true
}

// constant returns the string value of constant (or single-assignment
// package variable) name, of the package at import path pkg or of f's
// own folder.
func (idx *typeIndex) constant(f *goFile, name, pkg string) (string, bool) {
	c := idx.named(f, name, pkg)
	if c == nil {
		return "", false
	}
	switch c.state {
	case 0:
		c.state = 1
		c.value, c.ok = idx.constExpr(c.file, c.expr)
		if !c.ok {
			c.value = ""
		}
		c.state = 2
	case 1:
		return "", false // name's value depends on itself
	}
	return c.value, c.ok
}

// named returns the declaration of constant (or single-assignment package
// variable) name, of the package at import path pkg or of f's own
// folder, or nil.
func (idx *typeIndex) named(f *goFile, name, pkg string) *constDecl {
	idx.need(name)
	cs := idx.consts[name]
	if pkg == "" {
		for _, d := range cs {
			if d.file.dir == f.dir {
				return d
			}
		}
		return nil
	}
	if i, ok := inPackage(len(cs), func(i int) string { return cs[i].file.dir }, pkg); ok {
		return cs[i]
	}
	return nil
}

// constExpr evaluates the initialiser of a constant or package variable,
// written in f: a string literal, a name of the same package, pkg.Name,
// a concatenation, or a conversion to a named string type (Field("key")).
func (idx *typeIndex) constExpr(f *goFile, e ast.Expr) (string, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return stringLit(e)
	case *ast.Ident:
		return idx.constant(f, e.Name, "")
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if p := f.pkgOf(x.Name); p != "" {
				return idx.constant(f, e.Sel.Name, p)
			}
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := idx.constExpr(f, e.X)
			b, ok2 := idx.constExpr(f, e.Y)
			return a + b, ok1 && ok2
		}
	case *ast.CallExpr:
		// string("x"), Field("x") with type Field string declared beside:
		// a conversion keeps the value (a call of a function does not).
		if id, ok := e.Fun.(*ast.Ident); ok && len(e.Args) == 1 && !e.Ellipsis.IsValid() && (id.Name == "string" || idx.declaresType(f.dir, id.Name)) {
			return idx.constExpr(f, e.Args[0])
		}
	}
	return "", false
}

// InPackage is inPackage for the analyzer, which knows a model's package
// by its import path and the Go-declared tables by their files' folders:
// of n folders, the one import path pkg names.
func InPackage(n int, dir func(int) string, pkg string) (int, bool) { return inPackage(n, dir, pkg) }

// inPackage picks, among n declarations, the one whose folder ends with
// the most trailing elements of import path pkg (at least its last); ok
// is false when none does or two match equally well. Without type
// checking this is how pkg.Name is found among the module's files.
func inPackage(n int, dir func(int) string, pkg string) (int, bool) {
	want := strings.Split(pkg, "/")
	best, bestLen, tie := -1, 0, false
	for i := range n {
		have := strings.Split(path.Clean(strings.ReplaceAll(dir(i), "\\", "/")), "/")
		k := 0
		for k < len(want) && k < len(have) && want[len(want)-1-k] == have[len(have)-1-k] {
			k++
		}
		switch {
		case k > bestLen:
			best, bestLen, tie = i, k, false
		case k == bestLen && k > 0:
			tie = true
		}
	}
	return best, best >= 0 && !tie
}

// method returns type name's method, declared in dir.
func (idx *typeIndex) method(dir, typ, name string) *methodDecl {
	idx.need(name)
	for _, m := range idx.methods[typ+"."+name] {
		if m.file.dir == dir {
			return m
		}
	}
	return nil
}

// constResult returns the string a method's body returns as its only
// statement: a literal, a constant or a package variable assigned only
// where it is declared (func (Message) TableName() string { return
// "messages" }, or { return TableMessages }).
func (idx *typeIndex) constResult(m *methodDecl) (string, bool) {
	if m == nil || m.decl.Body == nil || len(m.decl.Body.List) != 1 {
		return "", false
	}
	ret, ok := m.decl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return "", false
	}
	return idx.constExpr(m.file, ret.Results[0])
}

// stringLit returns the value of a string literal.
func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// typeString spells a field's type as written: "*string", "sql.NullString".
func typeString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + typeString(e.X)
	case *ast.SelectorExpr:
		return typeString(e.X) + "." + e.Sel.Name
	case *ast.ArrayType:
		return "[]" + typeString(e.Elt)
	case *ast.MapType:
		return "map[" + typeString(e.Key) + "]" + typeString(e.Value)
	case *ast.IndexExpr:
		return typeString(e.X) + "[" + typeString(e.Index) + "]"
	}
	return "?"
}

// snake converts a Go identifier to snake_case as GORM names columns and
// tables: SessionID → session_id, HTTPRequest → http_request (ent and bun
// have rules of their own: entSnake, bunSnake).
func snake(s string) string { return SnakeCase(s) }

// SnakeCase is GORM's column name for a Go field name (its default
// NamingStrategy's toDBName, gorm.io/gorm/schema), also the analyzer's
// row-write registry's, which names columns the same way when it reads a
// model at an insert. GORM first spells the common initialisms in title
// case (UserIDs → UserIds → user_ids, UUIDv4 → Uuidv4 → uuidv4), then
// puts an underscore before an upper-case ASCII letter that starts a word,
// comparing bytes, not runes (ÜberKey → Über_key: Ü is no ASCII letter
// and is kept as it is). read_test.go checks it agrees with GORM's.
func SnakeCase(name string) string {
	if name == "" {
		return ""
	}
	value := gormInitialisms.Replace(name)
	var b strings.Builder
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	var lastCase, nextCase, nextNumber bool
	curCase := upper(value[0])
	for i, v := range value[:len(value)-1] {
		nextCase = upper(value[i+1])
		nextNumber = value[i+1] >= '0' && value[i+1] <= '9'
		if curCase {
			if !(lastCase && (nextCase || nextNumber)) && i > 0 && value[i-1] != '_' && value[i+1] != '_' {
				b.WriteByte('_')
			}
			b.WriteRune(v + 32)
		} else {
			b.WriteRune(v)
		}
		lastCase = curCase
		curCase = nextCase
	}
	if curCase {
		if !lastCase && len(value) > 1 {
			b.WriteByte('_')
		}
		b.WriteByte(value[len(value)-1] + 32)
	} else {
		b.WriteByte(value[len(value)-1])
	}
	return b.String()
}

// gormInitialisms is GORM's commonInitialismsReplacer: each of its
// initialisms in title case (ID → Id, HTTPS → Https), in its order, which
// decides between two that match at one place (HTTP is listed before
// HTTPS: MyHTTPS → MyHttpS → my_http_s).
var gormInitialisms = func() *strings.Replacer {
	var pairs []string
	for _, w := range []string{"API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SSH", "TLS", "TTL", "UID", "UI", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XSRF", "XSS"} {
		pairs = append(pairs, w, w[:1]+strings.ToLower(w[1:]))
	}
	return strings.NewReplacer(pairs...)
}()

// The plural rules of github.com/jinzhu/inflection v1.0.0, which GORM
// (NamingStrategy.TableName) and bun (schema.tableNameInflector) apply to
// a model's snake_case name for its default table: kept as the library
// writes them, and compiled in its order, so that plural agrees with
// inflection.Plural on every name (read_test.go checks it does).
var (
	inflectionPlurals = []struct{ find, replace string }{
		{"([a-z])$", "${1}s"},
		{"s$", "s"},
		{"^(ax|test)is$", "${1}es"},
		{"(octop|vir)us$", "${1}i"},
		{"(octop|vir)i$", "${1}i"},
		{"(alias|status)$", "${1}es"},
		{"(bu)s$", "${1}ses"},
		{"(buffal|tomat)o$", "${1}oes"},
		{"([ti])um$", "${1}a"},
		{"([ti])a$", "${1}a"},
		{"sis$", "ses"},
		{"(?:([^f])fe|([lr])f)$", "${1}${2}ves"},
		{"(hive)$", "${1}s"},
		{"([^aeiouy]|qu)y$", "${1}ies"},
		{"(x|ch|ss|sh)$", "${1}es"},
		{"(matr|vert|ind)(?:ix|ex)$", "${1}ices"},
		{"^(m|l)ouse$", "${1}ice"},
		{"^(m|l)ice$", "${1}ice"},
		{"^(ox)$", "${1}en"},
		{"^(oxen)$", "${1}"},
		{"(quiz)$", "${1}zes"},
	}
	inflectionIrregulars = []struct{ singular, plural string }{
		{"person", "people"}, {"man", "men"}, {"child", "children"}, {"sex", "sexes"}, {"move", "moves"}, {"mombie", "mombies"},
	}
	inflectionUncountables = []string{"equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "jeans", "police"}
)

// A pluralRule is one of inflection's compiled rules.
type pluralRule struct {
	re   *regexp.Regexp
	repl string
}

// pluralRules are inflection's rules as its compile() orders them, the
// first match winning: the uncountable nouns (the whole name, any case),
// the irregular ones (a suffix: human → humen, as GORM names its table),
// then the regular rules from the last written, each in upper case, as
// written and case-insensitively.
// Compiled on first use, not at init: every go vet tool process starts
// this binary, and most never name a table (0.3 M instructions each).
var pluralRules = sync.OnceValue(func() []pluralRule {
	var out []pluralRule
	for _, u := range inflectionUncountables {
		out = append(out, pluralRule{regexp.MustCompile("^(?i)(" + u + ")$"), "${1}"})
	}
	for _, v := range inflectionIrregulars {
		out = append(out,
			pluralRule{regexp.MustCompile(strings.ToUpper(v.singular) + "$"), strings.ToUpper(v.plural)},
			pluralRule{regexp.MustCompile(title(v.singular) + "$"), title(v.plural)},
			pluralRule{regexp.MustCompile(v.singular + "$"), v.plural})
	}
	for i := len(inflectionPlurals) - 1; i >= 0; i-- {
		v := inflectionPlurals[i]
		out = append(out,
			pluralRule{regexp.MustCompile(strings.ToUpper(v.find)), strings.ToUpper(v.replace)},
			pluralRule{regexp.MustCompile(v.find), v.replace},
			pluralRule{regexp.MustCompile("(?i)" + v.find), v.replace})
	}
	return out
})

// title upper-cases the first letter of each word of s, as the
// deprecated strings.Title that inflection calls does for its one-word
// nouns.
func title(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// plural is inflection.Plural: the default table name GORM and bun give
// a model, from its snake_case name (wallet_transaction →
// wallet_transactions, company → companies, user_status →
// user_statuses). Like inflection, it reads the whole name: an uncountable
// noun is one only alone (fish stays fish, user_fish becomes
// user_fishes), an irregular one also at the end (fancy_person →
// fancy_people).
func plural(s string) string {
	for _, r := range pluralRules() {
		if r.re.MatchString(s) {
			return r.re.ReplaceAllString(s, r.repl)
		}
	}
	return s
}

// Plural is plural for the analyzer's row-write registry, which names the
// table a GORM or bun write goes to the same way when the model's own
// declaration is out of its sight.
func Plural(s string) string { return plural(s) }

// sortUniques orders a table's uniques by position, for stable output.
func sortUniques(t *schema.Table) {
	sort.SliceStable(t.Uniques, func(i, j int) bool { return t.Uniques[i].Span.Start < t.Uniques[j].Span.Start })
}

// structFields returns the fields of a struct type declaration, and none
// for any other type: a name a call site gives as a model (AutoMigrate's
// argument, an embedded field) may resolve to a non-struct type, or to a
// stand-in the parser made of broken source.
func structFields(ts *ast.TypeSpec) []*ast.Field {
	if st, ok := ts.Type.(*ast.StructType); ok && st.Fields != nil {
		return st.Fields.List
	}
	return nil
}

// noteSharedTables notes each table that two models the library creates
// map (two packages' Account, both named accounts by default, or one
// table name given twice): the database has one table, which idemlint
// does not merge; it checks each model as a table of its own, each insert
// against its own model. decls[i] declared m.Tables[i]; creates says what
// creates them ("AutoMigrate creates"), method names the method that
// names a table, byDefault how it is named without it, and effect what
// the database gets.
func noteSharedTables(m *schema.Model, decls []typeDecl, idx *typeIndex, creates, method, byDefault, effect string) {
	byName := map[string][]int{}
	var names []string
	for i, t := range m.Tables {
		name := t.Name
		if t.Namespace != "" {
			name = t.Namespace + "." + name
		}
		if byName[name] == nil {
			names = append(names, name)
		}
		byName[name] = append(byName[name], i)
	}
	for _, name := range names {
		is := byName[name]
		if len(is) < 2 {
			continue
		}
		var models []string
		for _, i := range is {
			d := decls[i]
			how := "its " + method
			if method == "" || idx.method(d.file.dir, d.spec.Name.Name, method) == nil {
				how = byDefault
			}
			pos := d.file.fset.Position(d.spec.Name.Pos())
			models = append(models, fmt.Sprintf("%s.%s (%s:%d, %s)", path.Base(d.file.dir), d.spec.Name.Name, d.file.sf.Path, pos.Line, how))
		}
		m.Notes = append(m.Notes, schema.Note{Path: decls[is[0]].file.sf.Path, Message: fmt.Sprintf(
			"%d models %s map one table %s: %s. %s; idemlint does not merge them: it checks each model as a table of its own, and each insert against its own model",
			len(is), creates, name, strings.Join(models, ", "), effect)})
	}
}
