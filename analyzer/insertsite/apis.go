package insertsite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// The APIs below are recognised by package path and name, vendored copies
// included; test doubles at the same import paths are recognised alike.
const (
	sqlxPath = "github.com/jmoiron/sqlx"
	pgxPath  = "github.com/jackc/pgx" // v4, v5 and their pgxpool
	gormPath = "gorm.io/gorm"
	entPath  = "entgo.io/ent"
)

// sqlxNamed are sqlx's calls that bind :name parameters from one struct,
// map or slice argument.
var sqlxNamed = map[string]bool{
	"NamedExec": true, "NamedExecContext": true, "NamedQuery": true, "NamedQueryContext": true,
	"BindNamed": true, "Named": true, "MustNamedExec": true, "MustNamedExecContext": true,
}

func callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// isSqlxNamed reports whether fn is one of sqlx's named-parameter calls,
// or an interface method of the same name (a DB/Tx abstraction over sqlx).
func isSqlxNamed(fn *types.Func) bool {
	if fn == nil || !sqlxNamed[fn.Name()] {
		return false
	}
	if importPath(fn.Pkg()) == sqlxPath {
		return true
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// bindNamed fills in where the named parameters of a SQL-string site come
// from: sqlx's struct, map or slice argument, or a pgx.NamedArgs literal.
// A batch (a slice of struct literals) becomes one row per element. Sites
// of other calls are returned unchanged.
func (f *finder) bindNamed(s Site) []Site {
	if s.Spread || len(s.Args) != 1 || !hasNamedParams(s.Insert) {
		return []Site{s}
	}
	arg := s.Args[0]
	switch {
	case s.namedStmt || isSqlxNamed(callee(f.info, s.Call)):
		s.API = "sqlx"
		rows := f.rowsOf(s.Func, s.Call, arg)
		var named []map[string]Source
		for _, r := range rows {
			switch r.typ.Underlying().(type) {
			case *types.Struct:
				named = append(named, r.structSources(f.info, sqlxMapper))
			case *types.Map:
				named = append(named, r.mapSources(f.info, paramNames(s.Insert), nil)) // sqlx fails on a missing key
			}
		}
		return []Site{withRows(s, named)}
	case isPgxNamedArgs(f.info.TypeOf(arg)):
		s.API = "pgx"
		var missing types.Type
		if n, _ := types.Unalias(f.info.TypeOf(arg)).(*types.Named); n != nil && n.Obj().Name() == "NamedArgs" {
			missing = types.Universe.Lookup("any").Type() // pgx sends nil for a name the map lacks
		}
		var named []map[string]Source
		for _, r := range f.rowsOf(s.Func, s.Call, arg) {
			named = append(named, r.mapSources(f.info, paramNames(s.Insert), missing))
		}
		return []Site{withRows(s, named)}
	}
	return []Site{s}
}

func isPgxNamedArgs(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && hasPathPrefix(importPath(n.Obj().Pkg()), pgxPath+"/v5") &&
		(n.Obj().Name() == "NamedArgs" || n.Obj().Name() == "StrictNamedArgs")
}

func hasNamedParams(ins *sqlinsert.Insert) bool {
	return len(paramNames(ins)) > 0
}

func paramNames(ins *sqlinsert.Insert) []string {
	var names []string
	for _, row := range ins.Rows {
		for _, v := range row {
			if v.Name != "" {
				names = append(names, v.Name)
			}
		}
	}
	return names
}

// withRows sets s.Named from one map of sources per Go row. Several rows
// (a batch) repeat the statement's named values once per element, named
// name#2, name#3…; literal values stay in the first copy only, so each is
// reported once.
func withRows(s Site, rows []map[string]Source) Site {
	s.Named = map[string]Source{}
	if len(rows) == 0 {
		return s
	}
	for k, v := range rows[0] {
		s.Named[k] = v
	}
	if len(rows) == 1 {
		return s
	}
	ins := *s.Insert
	ins.Rows = append([][]sqlinsert.Value(nil), s.Insert.Rows...)
	for i, named := range rows[1:] {
		suffix := "#" + itoa(i+2)
		for k, v := range named {
			s.Named[k+suffix] = v
		}
		for _, r := range s.Insert.Rows {
			cp := make([]sqlinsert.Value, len(r))
			for j, v := range r {
				if v.Name == "" {
					cp[j] = sqlinsert.Value{Kind: sqlinsert.Expr} // said once, in the first copy
					continue
				}
				v.Name += suffix
				cp[j] = v
			}
			ins.Rows = append(ins.Rows, cp)
		}
	}
	s.Insert = &ins
	return s
}

func itoa(i int) string { return constant.MakeInt64(int64(i)).ExactString() }

// ormSite recognises the ORM and driver calls that write rows without an
// INSERT string: GORM's Create, ent's Create builders, pgx's CopyFrom.
func (f *finder) ormSite(call *ast.CallExpr) (Site, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return Site{}, false
	}
	switch sel.Sel.Name {
	case "Create", "CreateInBatches":
		return f.gormSite(call, sel)
	case "Exec", "Scan":
		if s, ok := f.bunSite(call, sel); ok {
			return s, true
		}
		if sel.Sel.Name == "Exec" {
			return f.entSite(call, sel)
		}
	case "Save", "SaveX", "ExecX":
		return f.entSite(call, sel)
	case "CopyFrom":
		return f.copyFromSite(call)
	}
	return Site{}, false
}

// --- GORM ---

func isGormCreate(fn *types.Func) bool {
	return fn != nil && (fn.Name() == "Create" || fn.Name() == "CreateInBatches") && importPath(fn.Pkg()) == gormPath
}

// gormSite: db.Create(&Message{…}), db.Create(&msgs), tx.Create(v). GORM
// writes every field of the model, nil pointers and invalid NullStrings as
// NULL, except zero fields tagged default:, which the database fills.
func (f *finder) gormSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	if !isGormCreate(callee(f.info, call)) || len(call.Args) == 0 {
		return Site{}, false
	}
	chain, ok := gormChainOf(f.info, sel.X)
	if !ok {
		return Site{}, false
	}
	table := chain.table
	arg := call.Args[0]
	named, ok := modelStruct(f.info.TypeOf(arg))
	if !ok {
		return Site{}, false
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	for _, hook := range []string{"BeforeCreate", "BeforeSave"} {
		if ms.Lookup(named.Obj().Pkg(), hook) != nil {
			return Site{}, false // a hook may fill the key in
		}
	}
	if table == "" {
		if tn := ms.Lookup(named.Obj().Pkg(), "TableName"); tn != nil {
			if table, ok = f.constantResult(tn.Obj()); !ok {
				return Site{}, false
			}
		} else {
			table = plural(snake(named.Obj().Name()))
		}
	}
	complete := true
	mapper := func(fv *types.Var, tag reflect.StructTag) (string, bool, bool) {
		settings := gormSettings(tag)
		if !fv.Exported() {
			return "", false, false
		}
		if p, ok := settings["-"]; ok && p != "migration" || settings["<-"] == "false" || settings["<-"] == "update" {
			return "", false, false
		}
		if _, ok := settings["->"]; ok && settings["<-"] == "" {
			if _, w := settings["<-"]; !w {
				return "", false, false // read-only
			}
		}
		if _, ok := settings["embeddedprefix"]; ok {
			complete = false // prefixed columns: not followed
		}
		if _, ok := settings["embedded"]; ok || fv.Embedded() {
			return "", true, true
		}
		if c := settings["column"]; c != "" {
			return c, false, true
		}
		return snake(fv.Name()), false, true
	}
	cols := chain.choose(structColumns(named, mapper))
	if !complete {
		return Site{}, false
	}
	ins := &sqlinsert.Insert{Columns: []sqlinsert.Column{}}
	ins.Table, ins.Namespace = tableName(table)
	for _, c := range cols {
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c.column})
	}
	var rows []map[string]Source
	for _, r := range f.rowsOf(f.fn, call, arg) {
		if !types.Identical(derefType(r.typ), named) {
			continue
		}
		src := map[string]Source{}
		for _, c := range cols {
			if _, ok := gormSettings(c.tag)["default"]; ok {
				continue // zero: left to the database default
			}
			src[c.column] = r.fieldSource(f.info, c)
		}
		rows = append(rows, src)
	}
	return ormRows(Site{Call: call, Query: call, Insert: ins, API: "GORM",
		Writer: "GORM's Create of " + named.Obj().Name() + chain.note}, rows), true
}

// A gormChain is what the calls before Create say.
type gormChain struct {
	table  string
	omit   []string // Omit's names: fields or columns
	sel    []string // Select's names; nil without Select
	note   string   // for messages: ` after Omit("IdempotencyKey")`
	starry bool     // Select("*")
}

// gormChainOf reads the calls before Create: Table("x") names the table,
// Omit and Select with constant names choose the columns; WithContext,
// Debug, Session and Clauses change nothing here; any other call (Model,
// Scopes, a non-constant Select…) makes the columns unknown.
func gormChainOf(info *types.Info, recv ast.Expr) (gormChain, bool) {
	var ch gormChain
	var notes []string
	for {
		call, ok := astutil.Unparen(recv).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return gormChain{}, false
		}
		switch sel.Sel.Name {
		case "WithContext", "Debug", "Session", "Clauses":
		case "Table":
			if len(call.Args) != 1 {
				return gormChain{}, false
			}
			tv := info.Types[call.Args[0]]
			if tv.Value == nil || tv.Value.Kind() != constant.String {
				return gormChain{}, false
			}
			if ch.table == "" {
				ch.table = constant.StringVal(tv.Value)
			}
		case "Omit", "Select":
			strs, ok := constantArgs(info, call.Args)
			if len(call.Args) == 1 && !ok {
				strs, ok = constantStrings(info, call.Args[0]) // Select([]string{…})
			}
			if !ok || len(strs) == 0 {
				return gormChain{}, false
			}
			var names []string
			for _, s := range strs {
				names = append(names, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })...)
			}
			if sel.Sel.Name == "Omit" {
				ch.omit = append(ch.omit, names...)
			} else if ch.sel == nil { // the last Select wins
				ch.sel = names
				ch.starry = containsString(names, "*")
			}
			notes = append([]string{fmt.Sprintf("%s(%s)", sel.Sel.Name, quoteList(strs))}, notes...)
		default:
			return gormChain{}, false
		}
		recv = sel.X
	}
	if len(notes) > 0 {
		ch.note = " after " + strings.Join(notes, ".")
	}
	return ch, true
}

// choose applies Omit and Select to the model's columns, as GORM matches
// them: by column or field name; a name matching neither is an
// association and changes no column.
func (ch gormChain) choose(cols []fieldCol) []fieldCol {
	matches := func(names []string, c fieldCol) bool {
		for _, n := range names {
			if n == c.column || n == c.name {
				return true
			}
		}
		return false
	}
	var out []fieldCol
	for _, c := range cols {
		if matches(ch.omit, c) || ch.sel != nil && !ch.starry && !matches(ch.sel, c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func quoteList(strs []string) string {
	var q []string
	for _, s := range strs {
		q = append(q, fmt.Sprintf("%q", s))
	}
	return strings.Join(q, ", ")
}

// gormSettings parses a gorm:"column:x;default:y;<-:create" tag; keys are
// upper-cased by GORM and lower-cased here.
func gormSettings(tag reflect.StructTag) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(tag.Get("gorm"), ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, ":")
		out[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return out
}

// constantResult returns the constant string fn returns, when its
// declaration is in the package and its body is one return statement.
func (f *finder) constantResult(obj types.Object) (string, bool) {
	for _, file := range f.files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || f.info.Defs[fd.Name] != obj || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				return "", false
			}
			tv := f.info.Types[ret.Results[0]]
			if tv.Value == nil || tv.Value.Kind() != constant.String {
				return "", false
			}
			return constant.StringVal(tv.Value), true
		}
	}
	return "", false
}

// ormRows completes a synthesized site: one row of column-named
// parameters per Go row (name, name#2, …), at least one.
func ormRows(s Site, rows []map[string]Source) Site {
	if len(rows) == 0 {
		rows = []map[string]Source{{}}
	}
	s.Insert.Rows = nil
	for i := range rows {
		suffix := ""
		if i > 0 {
			suffix = "#" + itoa(i+1)
		}
		var r []sqlinsert.Value
		for _, c := range s.Insert.Columns {
			r = append(r, sqlinsert.Value{Kind: sqlinsert.Param, Name: c.Name + suffix, Text: c.Name})
		}
		s.Insert.Rows = append(s.Insert.Rows, r)
	}
	s.Named = map[string]Source{}
	for i, r := range rows {
		suffix := ""
		if i > 0 {
			suffix = "#" + itoa(i+1)
		}
		for k, v := range r {
			s.Named[k+suffix] = v
		}
	}
	return s
}

// --- ent ---

// entBuilder returns the entity name of an ent-generated create builder
// type (*MessageCreate → Message) and the builder's package, which imports
// entgo.io/ent.
func entBuilder(t types.Type) (string, *types.Named, bool) {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return "", nil, false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || !strings.HasSuffix(n.Obj().Name(), "Create") || n.Obj().Pkg() == nil {
		return "", nil, false
	}
	for _, imp := range n.Obj().Pkg().Imports() {
		if hasPathPrefix(importPath(imp), entPath) {
			return strings.TrimSuffix(n.Obj().Name(), "Create"), n, true
		}
	}
	return "", nil, false
}

// entSite: client.Message.Create().SetSessionID(s).SetNillableIdempotencyKey(k).Save(ctx),
// written as one chain or through a builder variable whose setters are
// followed over the function's control flow (followBuilder): a field set
// on some paths only is left out on the others. ent's INSERT lists the fields set; an Optional
// field never set is left out (its database default, else NULL), and
// SetNillableX(nil) sets nothing. A required field left out fails
// validation, and a field with an ent default gets it: neither is NULL.
func (f *finder) entSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	entity, builder, ok := entBuilder(f.info.TypeOf(sel.X))
	if !ok {
		return Site{}, false
	}
	bt := types.NewPointer(builder)
	chain, root, v, ok := f.entChain(sel.X, bt)
	if !ok {
		return Site{}, false
	}
	partial := map[string]bool{} // fields set on some paths to the Save only
	if v != nil {
		bv, ok := f.followBuilder(v, call, bt)
		if !ok {
			return Site{}, false
		}
		root = bv.root
		inChain := map[string]bool{}
		for _, s := range chain {
			inChain[s.field] = true
		}
		for _, s := range bv.sets {
			if !bv.must[s.field] && !inChain[s.field] {
				partial[s.field] = true
			}
		}
		chain = append(chain, bv.sets...)
	}
	sets := map[string][]Source{} // field → the setters that set it
	for _, s := range chain {
		sets[s.field] = append(sets[s.field], s.src)
	}
	entPkg := entityPackage(builder.Obj().Pkg(), entity)
	table := plural(snake(entity))
	if entPkg != nil {
		if c, ok := entPkg.Scope().Lookup("Table").(*types.Const); ok && c.Val().Kind() == constant.String {
			table = constant.StringVal(c.Val())
		}
	}
	ins := &sqlinsert.Insert{Columns: []sqlinsert.Column{}}
	ins.Table, ins.Namespace = tableName(table)
	src := map[string]Source{}
	ms := types.NewMethodSet(bt)
	for i := range ms.Len() {
		m := ms.At(i).Obj()
		field, ok := strings.CutPrefix(m.Name(), "Set")
		if !ok || strings.HasPrefix(field, "Nillable") || !isSetter(m, bt) {
			continue
		}
		column := snake(field)
		hasDefault, optional := false, ms.Lookup(m.Pkg(), "SetNillable"+field) != nil
		if entPkg != nil {
			if c, ok := entPkg.Scope().Lookup("Field" + field).(*types.Const); ok && c.Val().Kind() == constant.String {
				column = constant.StringVal(c.Val())
			}
			hasDefault = entPkg.Scope().Lookup("Default"+field) != nil
		}
		set := sets[field]
		switch {
		case partial[field] && optional && !hasDefault && entPkg != nil:
			src[column] = Source{Zero: types.Typ[types.UntypedNil], At: call, ZeroAs: ZeroAsDefault,
				What: "Set" + field + " is not called on every path to " + sel.Sel.Name}
		case partial[field]:
			// a required field left out fails validation; an ent default fills it
		case len(set) == 1 && !(hasDefault && set[0].OmitIfNil):
			src[column] = set[0]
		case len(set) == 0 && optional && !hasDefault && entPkg != nil:
			continue // left out of the INSERT
		}
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: column})
	}
	return ormRows(Site{Call: call, Query: root, Insert: ins, API: "ent",
		Writer: "the " + builder.Obj().Name() + " builder"}, []map[string]Source{src}), true
}

func isBuilder(t, bt types.Type) bool { return t != nil && types.Identical(t, bt) }

// isSetter reports whether m is func(v) *Builder.
func isSetter(m types.Object, bt types.Type) bool {
	sig, ok := m.Type().(*types.Signature)
	return ok && sig.Params().Len() == 1 && sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), bt)
}

// entityPackage finds ent's generated package for entity (ent/message for
// Message) among the builder package's imports.
func entityPackage(builderPkg *types.Package, entity string) *types.Package {
	want := strings.ToLower(entity)
	for _, imp := range builderPkg.Imports() {
		if imp.Name() == want && strings.HasPrefix(imp.Path(), builderPkg.Path()+"/") {
			return imp
		}
	}
	return nil
}

// --- pgx CopyFrom ---

// copyFromSite: conn.CopyFrom(ctx, pgx.Identifier{"messages"},
// []string{"session_id", "body"}, src). COPY fills the columns it leaves
// out with their defaults; the rows themselves are not followed.
func (f *finder) copyFromSite(call *ast.CallExpr) (Site, bool) {
	fn := callee(f.info, call)
	if fn == nil || fn.Name() != "CopyFrom" || !hasPathPrefix(importPath(fn.Pkg()), pgxPath) {
		return Site{}, false
	}
	for i, a := range call.Args {
		n, ok := types.Unalias(f.info.TypeOf(a)).(*types.Named)
		if !ok || n.Obj().Name() != "Identifier" || i+1 >= len(call.Args) {
			continue
		}
		parts, ok := constantStrings(f.info, a)
		if !ok || len(parts) == 0 {
			return Site{}, false
		}
		colsArg := call.Args[i+1]
		cols, ok := constantStrings(f.info, colsArg)
		if !ok {
			return Site{}, false
		}
		ins := &sqlinsert.Insert{Table: parts[len(parts)-1], Columns: []sqlinsert.Column{}}
		if len(parts) > 1 {
			ins.Namespace = parts[len(parts)-2]
		}
		for _, c := range cols {
			ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c})
		}
		return Site{Call: call, Query: colsArg, Insert: ins, API: "pgx", Writer: "CopyFrom", Named: map[string]Source{}}, true
	}
	return Site{}, false
}

// constantStrings reads a composite literal of constant strings.
func constantStrings(info *types.Info, e ast.Expr) ([]string, bool) {
	lit, ok := astutil.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	var out []string
	for _, elt := range lit.Elts {
		tv := info.Types[elt]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil, false
		}
		out = append(out, constant.StringVal(tv.Value))
	}
	return out, true
}

// mayCallAPI reports cheaply whether files call an API that writes rows
// without an INSERT string.
func mayCallAPI(files []*ast.File, info *types.Info) bool {
	found := false
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			if found {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch sel.Sel.Name {
			case "Create", "CreateInBatches":
				found = isGormCreate(callee(info, call))
			case "Save", "SaveX", "Exec", "ExecX", "Scan":
				_, _, found = entBuilder(info.TypeOf(sel.X))
				found = found || isBunInsertQuery(info.TypeOf(sel.X))
			case "CopyFrom":
				fn := callee(info, call)
				found = fn != nil && hasPathPrefix(importPath(fn.Pkg()), pgxPath)
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
