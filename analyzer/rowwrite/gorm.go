package rowwrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// GORM (gorm.io/gorm): db.Create(&Message{…}), db.Create(&rows),
// db.CreateInBatches, tx.Create(v), with Table, Select and Omit read from
// the chain. The table is the model's TableName (a constant result) or
// its snake-cased plural; columns are GORM's names for the model's fields
// (column: tags, embedded and embeddedPrefix). GORM writes every field
// it selects, nil pointers and invalid Null values as NULL, except a zero
// field tagged default:, which it leaves to the database.

const gormPath = "gorm.io/gorm"

var gormLibrary = &library{
	name:  "GORM",
	paths: []string{gormPath},
	ends:  []string{"Create", "CreateInBatches", "FirstOrCreate", "Save"},
	calls: func(info *types.Info, call *ast.CallExpr, _ *ast.SelectorExpr) bool {
		fn := callee(info, call)
		return isGormCreate(fn) || isGormFirstOrCreate(fn) || isGormSave(fn)
	},
	site: (*finder).gormSite,
}

func isGormCreate(fn *types.Func) bool {
	return fn != nil && (fn.Name() == "Create" || fn.Name() == "CreateInBatches") && importPath(fn.Pkg()) == gormPath
}

// isGormFirstOrCreate: db.FirstOrCreate(&row, conds...), which creates
// row when nothing matches, after copying into it the fields that the
// conditions (conds, and Where's before it), Attrs and Assign set.
func isGormFirstOrCreate(fn *types.Func) bool {
	return fn != nil && fn.Name() == "FirstOrCreate" && importPath(fn.Pkg()) == gormPath
}

// isGormSave: db.Save(&row), which creates row when one of its primary
// key fields is zero (and a slice's rows with ON CONFLICT on the primary
// key, DO UPDATE), else updates the row it names (creating it only when
// none exists).
func isGormSave(fn *types.Func) bool {
	return fn != nil && fn.Name() == "Save" && importPath(fn.Pkg()) == gormPath
}

// gormSite: db.Create(&Message{…}), db.Create(&msgs), tx.Create(v). GORM
// writes every field of the model, nil pointers and invalid NullStrings as
// NULL, except zero fields tagged default:, which the database fills.
func (f *finder) gormSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	if fn := callee(f.info, call); !isGormCreate(fn) && !isGormFirstOrCreate(fn) && !isGormSave(fn) || len(call.Args) == 0 {
		return Site{}, false
	}
	if tp := typeParamOf(f.info.TypeOf(call.Args[0])); tp != nil {
		return Site{}, f.unreadTypeParam(call.Args[0], tp)
	}
	return f.gormWrite(call, sel.X, call.Args[0], "")
}

// gormWrite reads GORM's Create, on the chain recv, of the row arg, which
// call writes: the Create call itself, or a call of a generic function
// whose Create writes arg (through says so: " through Create").
func (f *finder) gormWrite(call *ast.CallExpr, recv, arg ast.Expr, through string) (Site, bool) {
	first := through == "" && isGormFirstOrCreate(callee(f.info, call))
	chain, ok := gormChainOf(f.info, recv, first)
	if !ok {
		return Site{}, f.unread("idemlint cannot read the calls before it (%s)", types.ExprString(recv))
	}
	if isGormMapRow(f.info.TypeOf(arg)) && through == "" && isGormCreate(callee(f.info, call)) {
		return f.gormMapCreate(call, chain, arg)
	}
	if chain.model != nil {
		// Model(&X{}) before a struct's Create: GORM takes the schema
		// from X and the values from the row. Where the row is an X too
		// (db.Model(&User{}).Create(&u)) that is Create(&u); another
		// type is not read.
		m, ok1 := modelStruct(f.info.TypeOf(chain.model))
		r, ok2 := modelStruct(f.info.TypeOf(arg))
		if !ok1 || !ok2 || !types.Identical(m, r) {
			return Site{}, f.unread("idemlint cannot read the calls before it (%s)", types.ExprString(recv))
		}
	}
	return f.gormCreate(call, chain, arg, through, first)
}

// isGormSQL reports whether t is one of GORM's SQL expressions (clause.Expr,
// which gorm.Expr returns, clause.NamedExpr…): a map value GORM writes as
// SQL text, not as a bound value.
func isGormSQL(t types.Type) bool {
	if t == nil {
		return false
	}
	n, ok := types.Unalias(derefType(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && importPath(n.Obj().Pkg()) == gormPath+"/clause"
}

// isGormMapRow reports whether t is a map[string]any (or a pointer to
// one): a row GORM's Create writes column by key.
func isGormMapRow(t types.Type) bool {
	if t == nil {
		return false
	}
	m, ok := derefType(t).Underlying().(*types.Map)
	if !ok {
		return false
	}
	k, ok := m.Key().Underlying().(*types.Basic)
	if !ok || k.Kind() != types.String {
		return false
	}
	e, ok := m.Elem().Underlying().(*types.Interface)
	return ok && e.Empty()
}

// gormMapCreate reads GORM's Create of a map, db.Model(&Transfer{}).Create(
// map[string]any{"tenant_id": t, "idempotency_key": key}): the table is
// the Model's (or Table's), and the INSERT names exactly the map's keys,
// each turned into its column when it names a field of the model (by
// field or column name; Omit and Select apply). A column whose key the
// map lacks is left out of the INSERT, so it gets its database default,
// else NULL: GORM applies no default: tag and runs no hook for a map (its
// BeforeCreate is called on the map, which is no model). The map must be
// a literal, or a variable whose literal is visible and whose keys are
// set with constant names (a key set only on some paths is not known).
func (f *finder) gormMapCreate(call *ast.CallExpr, chain gormChain, arg ast.Expr) (Site, bool) {
	var named *types.Named
	table := chain.table
	if chain.model != nil {
		n, ok := modelStruct(f.info.TypeOf(chain.model))
		if !ok {
			return Site{}, f.unread("its model %s is not a struct idemlint can read", types.ExprString(chain.model))
		}
		named = n
		if table == "" {
			table = f.gormTable(named)
		}
	}
	if table == "" {
		return Site{}, f.unread("GORM's Create of the map %s names no table (neither Model nor a constant Table is in the chain)", shortExpr(arg))
	}
	var cols []fieldCol
	if named != nil {
		cols = structColumns(named, gormMapper)
	}
	column := func(k string) (fieldCol, bool) {
		for _, c := range cols {
			if c.column == k || c.name == k {
				return c, true
			}
		}
		return fieldCol{name: k, column: k}, named == nil
	}
	var names []string // the INSERT's columns, in the order first seen
	var rows []map[string]Source
	for _, r := range f.rowsOf(f.fn, call, arg) {
		if r.lit == nil {
			continue
		}
		if _, isMap := f.info.TypeOf(r.lit).Underlying().(*types.Map); !isMap {
			continue
		}
		var keys []string
		for _, elt := range r.lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				return Site{}, false
			}
			k, ok := constantString(f.info, kv.Key)
			if !ok {
				return Site{}, f.unread("the map %s has a key that is not a constant", shortExpr(arg))
			}
			keys = append(keys, k)
		}
		for k := range r.mapWrites {
			if !containsString(keys, k) {
				keys = append(keys, k)
			}
		}
		for k := range r.written {
			if !containsString(keys, k) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys[len(r.lit.Elts):]) // the writes' keys, in a stable order
		srcs := r.mapSources(f.info, keys, nil)
		src := map[string]Source{}
		for _, k := range keys {
			c, known := column(k)
			if !known {
				// A key naming no field of the model: GORM writes it as
				// a column of that name.
				c = fieldCol{name: k, column: k}
			}
			if len(chain.choose([]fieldCol{c})) == 0 {
				continue // left out by Omit or Select
			}
			if !containsString(names, c.column) {
				names = append(names, c.column)
			}
			if s, ok := srcs[k]; ok {
				if s.Expr != nil && isGormSQL(f.info.TypeOf(s.Expr)) {
					// gorm.Expr("gen_random_uuid()"), clause.Expr{…}: SQL
					// of its own, which the value analysis does not read
					// (the column gets a -v note, not a judgment).
					s = Source{}
				}
				src[c.column] = s
			}
		}
		rows = append(rows, src)
	}
	if len(rows) == 0 {
		return Site{}, f.unread("its map %s is built where idemlint does not read its keys", shortExpr(arg))
	}
	ins := &sqlinsert.Insert{Columns: []sqlinsert.Column{}}
	ins.Table, ins.Namespace = tableName(table)
	for _, n := range names {
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: n})
	}
	model, pkg := "", ""
	writer := "GORM's Create of a map into " + table
	if named != nil {
		model, pkg = named.Obj().Name(), importPath(named.Obj().Pkg())
		writer = "GORM's Create of a map for " + model
	}
	return ormRows(Site{Call: call, Query: call, Insert: ins, API: "GORM", Model: model, ModelPkg: pkg,
		Writer: writer + chain.note}, rows), true
}

// gormCreate is gormWrite after the calls before Create, chain (first:
// the call is FirstOrCreate).
func (f *finder) gormCreate(call *ast.CallExpr, chain gormChain, arg ast.Expr, through string, first bool) (Site, bool) {
	table := chain.table
	named, ok := modelStruct(f.info.TypeOf(arg))
	if !ok {
		return Site{}, f.unread("its row %s is not a struct or a slice of structs idemlint can read", types.ExprString(arg))
	}
	fills, why, ok := f.gormHookFills(named)
	if !ok {
		return Site{}, f.unread("%s", why)
	}
	if table == "" {
		table = f.gormTable(named)
	}
	cols := chain.choose(structColumns(named, gormMapper))
	ins := &sqlinsert.Insert{Columns: []sqlinsert.Column{}}
	ins.Table, ins.Namespace = tableName(table)
	for _, c := range cols {
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c.column})
	}
	var conds []ast.Expr
	if first {
		// FirstOrCreate's own conditions come after the Where calls'.
		conds = append(slices.Clone(chain.where), call.Args[1:]...)
		conds = append(append(conds, chain.attrs...), chain.assigns...)
		for _, c := range conds {
			if !f.gormCondReadable(c, named) {
				return Site{}, f.unread("its condition %s is not a literal idemlint can read", shortExpr(c))
			}
		}
	}
	save := through == "" && isGormSave(callee(f.info, call))
	pks := gormPrimaryColumns(cols)
	var rows []map[string]Source
	for _, r := range f.rowsOf(f.fn, call, arg) {
		if !types.Identical(derefType(r.typ), named) {
			continue
		}
		src := map[string]Source{}
		for _, c := range cols {
			fill, filled := fills[pathKey(c.path)]
			if filled && !fill.NullOnly {
				src[c.column] = Source{FilledBy: fill.By}
				continue
			}
			s := r.fieldSource(f.info, c)
			if _, ok := gormSettings(c.tag)["default"]; ok {
				// A zero value (nil, "", an invalid Null value) is left to
				// the database default; any other is written, a pointer
				// to "" as '' (GORM tests the field, not what it points to).
				s.ZeroAs = ZeroAsDefault
			}
			if filled {
				s = hookSource(fill, s)
			}
			src[c.column] = s
		}
		fromCond := map[string]bool{}
		for _, cond := range conds {
			f.gormCondSources(cond, cols, src, fromCond)
		}
		if save && !slices.ContainsFunc(pks, func(pk string) bool { return src[pk].Zero != nil }) {
			// A row whose primary key the code sets is updated when it
			// exists: the primary key, not the idempotency key, says
			// which row a retry writes.
			continue
		}
		rows = append(rows, src)
	}
	if save && len(rows) == 0 {
		return Site{}, f.unread("GORM's Save of %s creates a row only where its primary key is zero, and idemlint cannot tell that %s leaves it zero", named.Obj().Name(), shortExpr(arg))
	}
	writer := "GORM's Create of "
	if first {
		writer = "GORM's FirstOrCreate of "
	} else if save {
		writer = "GORM's Save (a create: the primary key is left zero) of "
	}
	site := ormRows(Site{Call: call, Query: call, Insert: ins, API: "GORM", Model: named.Obj().Name(), ModelPkg: importPath(named.Obj().Pkg()),
		Writer: writer + named.Obj().Name() + chain.note + through}, rows)
	if len(rows) == 0 {
		site.RowsUnread = f.unreadRows(call, arg)
	}
	return site, true
}

// gormTable is the table of GORM model named: its TableName, else the
// snake_case plural of its name.
func (f *finder) gormTable(named *types.Named) string {
	ms := types.NewMethodSet(types.NewPointer(named))
	if tn := ms.Lookup(named.Obj().Pkg(), "TableName"); tn != nil {
		// Not a constant here (a package variable assigned once, or
		// declared in the models' package, whose syntax this pass has
		// not): the Go-declared model of that package and name says,
		// and reports a TableName it cannot read itself.
		table, _ := f.constantResult(tn.Obj())
		return table
	}
	return plural(snake(named.Obj().Name()))
}

// gormMapper names a model field's column as GORM does for a create.
func gormMapper(fv *types.Var, tag reflect.StructTag) (string, bool, bool) {
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
	if _, ok := settings["embedded"]; ok || fv.Embedded() {
		return settings["embeddedprefix"], true, true // its columns, prefixed
	}
	if c := settings["column"]; c != "" {
		return c, false, true
	}
	return snake(fv.Name()), false, true
}

// gormPrimaryColumns returns the primary key columns of cols as GORM
// decides them: the fields tagged primaryKey (or primary_key), else the
// column id.
func gormPrimaryColumns(cols []fieldCol) []string {
	var pks []string
	for _, c := range cols {
		st := gormSettings(c.tag)
		_, a := st["primarykey"]
		_, b := st["primary_key"]
		if a || b {
			pks = append(pks, c.column)
		}
	}
	if len(pks) == 0 {
		for _, c := range cols {
			if c.column == "id" {
				pks = append(pks, c.column)
			}
		}
	}
	return pks
}

// A gormChain is what the calls before Create say.
type gormChain struct {
	table  string
	omit   []string // Omit's names: fields or columns
	sel    []string // Select's names; nil without Select
	note   string   // for messages: ` after Omit("IdempotencyKey")`
	starry bool     // Select("*")
	model  ast.Expr // Model's argument, the last Model in the chain
	// For FirstOrCreate: the arguments of Where, Attrs and Assign, in
	// the order of the chain.
	where, attrs, assigns []ast.Expr
}

// gormChainOf reads the calls before Create: Table("x") names the table,
// Omit and Select with constant names choose the columns; WithContext,
// Debug, Session and Clauses change nothing here; before FirstOrCreate
// (first), Where, Attrs and Assign give the row fields; any other call
// (Model, Scopes, a non-constant Select…) makes the columns unknown.
func gormChainOf(info *types.Info, recv ast.Expr, first bool) (gormChain, bool) {
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
		case "Where", "Attrs", "Assign":
			if !first {
				return gormChain{}, false
			}
			args := call.Args
			if sel.Sel.Name == "Where" && len(args) > 0 {
				if tv := info.Types[args[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
					break // Where("session_id = ?", s): SQL, which sets no field
				}
			}
			args = slices.Clone(args)
			switch sel.Sel.Name {
			case "Where":
				ch.where = append(args, ch.where...)
			case "Attrs":
				ch.attrs = append(args, ch.attrs...)
			default:
				ch.assigns = append(args, ch.assigns...)
			}
		case "Model":
			if len(call.Args) != 1 {
				return gormChain{}, false
			}
			if ch.model == nil {
				ch.model = call.Args[0]
			}
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

// gormCondReadable reports whether FirstOrCreate's condition c sets
// fields idemlint can read: a literal of the model (or its address), a
// map literal, or a value of another type (a primary key), which sets none.
func (f *finder) gormCondReadable(c ast.Expr, named *types.Named) bool {
	switch x := unaddr(c).(type) {
	case *ast.CompositeLit:
		return true
	default:
		t := derefType(f.info.TypeOf(x))
		if t == nil {
			return false
		}
		if types.Identical(t, named) {
			return false
		}
		_, isMap := t.Underlying().(*types.Map)
		return !isMap
	}
}

// gormCondSources writes into src the columns FirstOrCreate's condition
// c sets: GORM copies a struct condition's non-zero fields and a map
// condition's keys into the row before it creates it. A field the row
// leaves out then gets the condition's value; one the row sets keeps its
// own, since a zero condition field (the nil a condition may hold) is not
// copied over it.
func (f *finder) gormCondSources(c ast.Expr, cols []fieldCol, src map[string]Source, fromCond map[string]bool) {
	lit, ok := unaddr(c).(*ast.CompositeLit)
	if !ok {
		return
	}
	set := func(col string, e ast.Expr) {
		old, ok := src[col]
		if ok && old.Zero == nil && !fromCond[col] {
			return // set by the row itself (or unknown): a zero condition does not replace it
		}
		src[col] = Source{Expr: astutil.Unparen(e), ZeroAs: old.ZeroAs}
		fromCond[col] = true
	}
	if _, isMap := f.info.TypeOf(lit).Underlying().(*types.Map); isMap {
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			tv := f.info.Types[kv.Key]
			if tv.Value == nil || tv.Value.Kind() != constant.String {
				continue
			}
			k := constant.StringVal(tv.Value)
			for _, fc := range cols {
				if fc.column == k || fc.name == k {
					set(fc.column, kv.Value)
				}
			}
		}
		return
	}
	for _, fc := range cols {
		if e, _, _, leftOut := fieldValue(f.info, lit, fc.path); e != nil && !leftOut {
			set(fc.column, e)
		}
	}
}
