package rowwrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

const bunPath = "github.com/uptrace/bun"

var bunLibrary = &library{
	name:    "bun",
	builder: isBunInsertQuery,
	paths:   []string{bunPath},
	ends:    []string{"Exec", "Scan"},
	calls: func(info *types.Info, _ *ast.CallExpr, sel *ast.SelectorExpr) bool {
		return isBunInsertQuery(info.TypeOf(sel.X))
	},
	site: (*finder).bunSite,
}

// isBunInsertQuery reports whether t is *bun.InsertQuery.
func isBunInsertQuery(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == "InsertQuery" && importPath(n.Obj().Pkg()) == bunPath
}

// A bunChain is what the calls between NewInsert and Exec say.
type bunChain struct {
	model   ast.Expr      // Model's argument
	modelAt *ast.CallExpr // the Model call, which the row variable is passed to
	ops     []columnOp    // Column and ExcludeColumn, in call order
	values  []string      // columns Value overrides with an SQL expression
	table   string        // ModelTableExpr's constant name
	// tableExpr is a ModelTableExpr whose name is computed
	// (store.GetPrefixedRelationName("logs"), schema + ".logs"), and
	// tableWords the string constants it is computed from: the model's
	// own table among them (or ".logs") names that table, under a prefix
	// or schema the code picks.
	tableExpr  *ast.CallExpr
	tableWords []string
	conflict   bool // On("CONFLICT …")
	// bound holds, for a column Value sets to a lone placeholder
	// (Value("dedup_key", "?", key)), the Go value bun binds there: the
	// column's value, as a bind argument is an INSERT's.
	bound map[string]ast.Expr
}

// bunChainOf reads the calls on *bun.InsertQuery before Exec or Scan, back
// to NewInsert, through a query variable of the function (q :=
// db.NewInsert().Model(&row); q = q.On(…); q.Exec(ctx)). A call it does
// not know (Apply, ColumnExpr, With…), a non-constant column list or a
// variable used any other way ends the reading: the columns are then
// unknown.
func (f *finder) bunChainOf(recv ast.Expr) (bunChain, bool) {
	calls, root, ok := bunCalls(f.info, recv)
	if !ok {
		return bunChain{}, false
	}
	if id, isID := root.(*ast.Ident); isID {
		before, ok := f.bunVarCalls(id)
		if !ok {
			return bunChain{}, false
		}
		calls = append(before, calls...)
	}
	return f.bunChainFrom(calls)
}

// bunCalls returns the calls on *bun.InsertQuery that e ends with, in call
// order, and what they start from: the NewInsert call, or a variable.
func bunCalls(info *types.Info, e ast.Expr) (calls []*ast.CallExpr, root ast.Expr, ok bool) {
	for e = astutil.Unparen(e); ; {
		if id, isID := e.(*ast.Ident); isID && isBunInsertQuery(info.TypeOf(id)) {
			root = id
			break
		}
		c, ok := e.(*ast.CallExpr)
		if !ok {
			return nil, nil, false
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			return nil, nil, false
		}
		if sel.Sel.Name == "NewInsert" || sel.Sel.Name == "NewInsertQuery" {
			root = c
			break // db.NewInsert(), tx.NewInsert(), bun.NewInsertQuery(db)
		}
		if !isBunInsertQuery(info.TypeOf(sel.X)) {
			return nil, nil, false
		}
		calls = append(calls, c)
		e = astutil.Unparen(sel.X)
	}
	for i, j := 0, len(calls)-1; i < j; i, j = i+1, j-1 {
		calls[i], calls[j] = calls[j], calls[i]
	}
	return calls, root, true
}

// bunVarCalls returns the calls a query variable id has been through: its
// definition's chain from NewInsert, then each q = q.M(…) in source
// order. Any other use of the variable (passed on, reassigned from
// elsewhere, defined in a loop's scope it leaves) gives up, and so does a
// reassignment that changes the columns, which may sit in a branch.
func (f *finder) bunVarCalls(id *ast.Ident) ([]*ast.CallExpr, bool) {
	v, ok := f.info.Uses[id].(*types.Var)
	body := funcBody(f.fn)
	if !ok || body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil, false
	}
	var def []*ast.CallExpr
	var later []*ast.CallExpr
	defined, ok := false, true
	handled := map[*ast.Ident]bool{id: true}
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		lhs, isID := as.Lhs[0].(*ast.Ident)
		if !isID || f.info.ObjectOf(lhs) != v {
			return true
		}
		handled[lhs] = true
		calls, root, chainOK := bunCalls(f.info, as.Rhs[0])
		switch {
		case !chainOK:
			ok = false
		case as.Tok == token.DEFINE:
			if _, fromNew := root.(*ast.CallExpr); !fromNew || defined {
				ok = false
			}
			def, defined = calls, true
		default:
			r, isRoot := root.(*ast.Ident)
			if !isRoot || f.info.Uses[r] != v || !defined {
				ok = false
				break
			}
			handled[r] = true
			for _, c := range calls {
				switch name := c.Fun.(*ast.SelectorExpr).Sel.Name; name {
				case "Model", "Column", "ExcludeColumn", "ModelTableExpr":
					// Value is read: the column it names is then unknown
					// (bunRows), on every path, which is what a branch needs.
					ok = f.unread("%s = %s.%s(…) changes its columns after its definition, perhaps in a branch", v.Name(), v.Name(), name)
				}
			}
			later = append(later, calls...)
		}
		return true
	})
	if !ok || !defined {
		return nil, false
	}
	// Every other mention of the variable is a use the reading cannot see
	// through.
	ast.Inspect(body, func(n ast.Node) bool {
		if x, isID := n.(*ast.Ident); isID && f.info.Uses[x] == v && !handled[x] {
			ok = f.unread("its query variable %s is used other than by q = q.M(…) (passed on, or reassigned from elsewhere)", v.Name())
		}
		return ok
	})
	return append(def, later...), ok
}

// funcBody returns the body of a function declaration or literal.
func funcBody(fn ast.Node) *ast.BlockStmt {
	switch f := fn.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

// bunChainFrom reads calls, in call order, into a bunChain.
func (f *finder) bunChainFrom(calls []*ast.CallExpr) (bunChain, bool) {
	info := f.info
	var ch bunChain
	for _, c := range calls {
		name := c.Fun.(*ast.SelectorExpr).Sel.Name
		strs, constant := constantArgs(info, c.Args)
		switch name {
		case "Model":
			if len(c.Args) != 1 {
				return bunChain{}, false
			}
			ch.model, ch.modelAt = c.Args[0], c
		case "Column", "ExcludeColumn":
			if !constant {
				return bunChain{}, f.unread("%s", columnsProblem(c))
			}
			ch.ops = append(ch.ops, columnOp{exclude: name == "ExcludeColumn", names: strs})
		case "Value":
			if len(strs) == 0 {
				return bunChain{}, false
			}
			ch.values = append(ch.values, strs[0])
			if len(c.Args) == 3 && len(strs) >= 2 && strings.TrimSpace(strs[1]) == "?" {
				if ch.bound == nil {
					ch.bound = map[string]ast.Expr{}
				}
				ch.bound[strs[0]] = c.Args[2]
			} else {
				delete(ch.bound, strs[0]) // a later Value of SQL of its own wins
			}
		case "On":
			ch.conflict = true
		case "ModelTableExpr":
			if len(c.Args) == 1 && !constant {
				ch.tableExpr, ch.tableWords = c, stringConstantsIn(info, c.Args[0])
				ch.table = ""
				break
			}
			if len(c.Args) != 1 || strings.ContainsAny(strs[0], " ?()") {
				return bunChain{}, f.unread("its table is not a constant name (%s)", shortCall(c))
			}
			ch.table, ch.tableExpr = strs[0], nil
		case "Returning", "Set", "Ignore", "Comment", "Where", "WhereOr", "Table", "TableExpr", "Err":
			// no effect on the columns written
		default:
			return bunChain{}, f.unread("it calls %s, which idemlint does not read", name)
		}
	}
	return ch, ch.model != nil
}

// stringConstantsIn returns the string constants e is computed from: the
// arguments of the calls it makes, and the operands of its concatenations.
func stringConstantsIn(info *types.Info, e ast.Expr) []string {
	var out []string
	ast.Inspect(e, func(n ast.Node) bool {
		x, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		if tv := info.Types[x]; tv.Value != nil && tv.Value.Kind() == constant.String {
			out = append(out, constant.StringVal(tv.Value))
			return false
		}
		return true
	})
	return out
}

// A columnOp is a Column or ExcludeColumn call.
type columnOp struct {
	exclude bool
	names   []string
}

// bunColumns applies ops to the model's columns as bun does: Column lists
// the columns to write, ExcludeColumn removes from that list (or from all
// of the model's columns when none was listed). ok is false where bun
// fails (a column the model lacks) or for ExcludeColumn("*").
func bunColumns(all []string, ops []columnOp) ([]string, bool) {
	var cols []string // nil: every column
	for _, op := range ops {
		if !op.exclude {
			cols = append(cols, op.names...)
			continue
		}
		if cols == nil {
			cols = append([]string{}, all...)
		}
		for _, x := range op.names {
			n := len(cols)
			if cols = removeString(cols, x); x == "*" || len(cols) == n {
				return nil, false
			}
		}
	}
	if cols == nil {
		return all, true
	}
	for _, c := range cols {
		if !containsString(all, c) {
			return nil, false
		}
	}
	return cols, true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// constantArgs returns the leading constant string arguments of a call and
// whether all of them are constant strings.
func constantArgs(info *types.Info, args []ast.Expr) ([]string, bool) {
	var out []string
	for _, a := range args {
		tv := info.Types[a]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return out, false
		}
		out = append(out, constant.StringVal(tv.Value))
	}
	return out, true
}

func removeString(list []string, s string) []string {
	out := list[:0:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// A bunField is a struct field bun writes, with the tag options that decide
// what a zero value becomes.
type bunField struct {
	fieldCol
	nullzero, sqlDefault, notnull bool
}

// bunSite: db.NewInsert().Model(&row).Exec(ctx), with Model(&rows) for a
// slice, Column/ExcludeColumn choosing the columns and On adding a
// conflict clause. bun writes every field of the model (bun:"-" skipped);
// a nil pointer, and a zero value of a nullzero or default: field, become
// DEFAULT on the dialects that have it (the column's database default,
// else NULL) and NULL (or the default: tag's expression) on SQLite.
func (f *finder) bunSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	fn := callee(f.info, call)
	if fn == nil || importPath(fn.Pkg()) != bunPath || !isBunInsertQuery(f.info.TypeOf(sel.X)) {
		return Site{}, false
	}
	ch, ok := f.bunChainOf(sel.X)
	if !ok {
		return Site{}, f.unread("its query is not built in one chain or one variable of this function")
	}
	if tp := typeParamOf(f.info.TypeOf(ch.model)); tp != nil && f.decl != nil {
		return Site{}, f.unreadTypeParam(ch.model, tp)
	}
	return f.bunSiteOf(call, ch, "")
}

// bunSiteOf reads the insert of ch, ended by call: through names the
// generic function whose chain it is, for its caller's site (generic.go).
func (f *finder) bunSiteOf(call *ast.CallExpr, ch bunChain, through string) (Site, bool) {
	named, ok := modelStruct(f.info.TypeOf(ch.model))
	if !ok {
		return Site{}, f.unread("its model %s is not a struct or a slice of structs idemlint can read", types.ExprString(ch.model))
	}
	fills, why, ok := f.bunHookFills(named)
	if !ok {
		return Site{}, f.unread("%s", why)
	}
	fields, table, ok := bunFields(named)
	if !ok {
		return Site{}, f.unread("idemlint cannot read the fields of %s", named.Obj().Name())
	}
	switch {
	case ch.table != "":
		table = ch.table
	case ch.tableExpr != nil:
		bare, _ := tableName(table)
		if table == "" || !slices.ContainsFunc(ch.tableWords, func(w string) bool { return w == bare || strings.HasSuffix(w, "."+bare) }) {
			return Site{}, f.unread("its table is not a constant name (%s)", shortCall(ch.tableExpr))
		}
		// the model's table, under whatever prefix the code computes
	}
	byCol := map[string]bunField{}
	var all []string
	for _, bf := range fields {
		byCol[bf.column] = bf
		all = append(all, bf.column)
	}
	cols, ok := bunColumns(all, ch.ops)
	if !ok {
		return Site{}, f.unread("its Column or ExcludeColumn names a column %s lacks", named.Obj().Name()) // bun fails on it
	}
	for _, v := range ch.values {
		if _, ok := byCol[v]; !ok {
			cols = append(cols, v) // an extra column with an SQL value
		}
	}
	ins := &sqlinsert.Insert{Columns: []sqlinsert.Column{}, OnConflict: ch.conflict}
	ins.Table, ins.Namespace = tableName(table)
	for _, c := range cols {
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c})
	}
	rows := f.bunRows(ch, named, cols, byCol, fills)
	site := ormRows(Site{Call: call, Query: call, Insert: ins, API: "bun",
		Writer: "bun's insert of " + named.Obj().Name() + through}, rows)
	if len(rows) == 0 {
		site.RowsUnread = f.unreadRows(ch.modelAt, ch.model)
	}
	return site, true
}

// bunRows returns the sources of the rows Model's argument holds, by
// column; columns Value overrides are not known, unless Value binds a Go
// value to a lone placeholder there (Value("dedup_key", "?", key)).
func (f *finder) bunRows(ch bunChain, named *types.Named, cols []string, byCol map[string]bunField, fills map[string]HookFill) []map[string]Source {
	overridden := map[string]bool{}
	for _, v := range ch.values {
		overridden[v] = true
	}
	var rows []map[string]Source
	for _, r := range f.rowsOf(f.fn, ch.modelAt, ch.model) {
		if !types.Identical(derefType(r.typ), named) {
			continue
		}
		if r.handed == nil {
			// Model(&rec) hands the row to bun: a field of a variable is
			// judged there, not at Exec, past a call that received it.
			r.handed = ch.modelAt
		}
		src := map[string]Source{}
		for _, c := range cols {
			if arg, ok := ch.bound[c]; ok {
				src[c] = Source{Expr: arg} // Value(c, "?", arg): bun binds arg
				continue
			}
			bf, ok := byCol[c]
			if !ok || overridden[c] {
				continue
			}
			fill, filled := fills[pathKey(bf.path)]
			if filled && !fill.NullOnly {
				src[c] = Source{FilledBy: fill.By}
				continue
			}
			if z, ok := bunZero(bf, f.d); ok {
				fs := r.fieldSource(f.info, bf.fieldCol)
				if fs.Field != nil && fs.Field.At == nil && ch.modelAt != nil && (!r.param || r.local) {
					// A row in a variable is judged where Model takes
					// it: the call that keeps its address, which a walk
					// back from Exec could not see past.
					fs.Field.At = ch.modelAt
				}
				fs.ZeroAs = z
				if filled {
					fs = hookSource(fill, fs)
				}
				src[c] = fs
			} else if filled {
				src[c] = Source{FilledBy: fill.By}
			}
		}
		rows = append(rows, src)
	}
	return rows
}

// bunZero says what bun writes for a zero value of bf in dialect d; ok is
// false when that is an expression of the field's default: tag.
func bunZero(bf bunField, d schema.Dialect) (ZeroWrite, bool) {
	_, ptr := bf.typ.Underlying().(*types.Pointer)
	toDefault := ptr || bf.nullzero || bf.sqlDefault
	switch {
	case !toDefault:
		return ZeroAsIs, true
	case d != schema.SQLite:
		return ZeroAsDefault, true // VALUES (…, DEFAULT, …)
	case bf.notnull:
		return ZeroAsDefault, true // left out of the column list
	case bf.sqlDefault:
		return ZeroAsIs, false // the tag's expression is written
	case bf.nullzero:
		return ZeroAsNull, true
	}
	return ZeroAsIs, true // a nil pointer is NULL anyway
}

// modelStruct returns the struct type an ORM writes from a value of type t
// (bun's Model argument, GORM's Create argument): *T, *[]T,
// *[]*T (or the same without the outer pointer for slices).
func modelStruct(t types.Type) (*types.Named, bool) {
	if t == nil {
		return nil, false
	}
	t = derefType(t)
	switch u := t.Underlying().(type) {
	case *types.Slice:
		t = derefType(u.Elem())
	case *types.Array:
		t = derefType(u.Elem())
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, false
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil, false
	}
	return n, true
}

// bunFields lists the columns bun writes for model t and its table: the
// bun.BaseModel tag's name or table: option, a table inherited through an
// embedded struct tagged extend, else the snake_case plural of the type's
// name. ok is false for models whose columns are not followed (embed:
// prefixes).
func bunFields(t *types.Named) (fields []bunField, table string, ok bool) {
	complete := true
	var extended *types.Named
	for _, fc := range structColumns(t, bunMapper(&complete, &extended)) {
		_, opts := bunTag(fc.tag.Get("bun"))
		_, nz := opts["nullzero"]
		_, def := opts["default"]
		_, nn := opts["notnull"]
		_, pk := opts["pk"]
		_, auto := opts["autoincrement"]
		fields = append(fields, bunField{fieldCol: fc, nullzero: nz || auto, sqlDefault: def, notnull: nn || pk || auto})
	}
	table = bunTable(t)
	if extended != nil {
		table = bunTable(extended) // ,extend and ,inherit take the embedded model's table
	}
	return fields, table, complete
}

// bunTable is the table of model t: its bun.BaseModel tag's name or
// table: option, else the snake_case plural of the type's name.
func bunTable(t *types.Named) string {
	st := t.Underlying().(*types.Struct)
	for i := range st.NumFields() {
		if fv := st.Field(i); fv.Embedded() && isBunBaseModel(fv.Type()) {
			name, opts := bunTag(reflect.StructTag(st.Tag(i)).Get("bun"))
			if tn, ok := opts["table"]; ok {
				return tn
			} else if name != "" {
				return name
			}
		}
	}
	return plural(underscore(t.Obj().Name()))
}

// bunMapper names columns as bun does: the tag's name or column: option,
// else bun's underscore of the field name; bun:"-", unexported fields,
// relations and scanonly fields are skipped, embedded structs flattened.
// It clears *complete for models it does not follow (embed: prefixes),
// and sets *extended to the last embedded model tagged ,extend or
// ,inherit, whose table the outer model takes (bun's table.go does so in
// field order, so the last one wins).
func bunMapper(complete *bool, extended **types.Named) mapper {
	return func(fv *types.Var, tag reflect.StructTag) (string, bool, bool) {
		raw := tag.Get("bun")
		if raw == "-" {
			return "", false, false
		}
		name, opts := bunTag(raw)
		if fv.Embedded() {
			if isBunBaseModel(fv.Type()) {
				return "", false, false // read by bunTable, for the outer model only
			}
			if _, ok := derefType(fv.Type()).Underlying().(*types.Struct); !ok {
				return "", false, false
			}
			_, ext := opts["extend"]
			_, inh := opts["inherit"]
			if ext || inh {
				n, ok := types.Unalias(derefType(fv.Type())).(*types.Named)
				if !ok {
					*complete = false
				}
				*extended = n
			}
			return "", true, true
		}
		if !fv.Exported() {
			return "", false, false
		}
		for _, skip := range []string{"rel", "m2m", "scanonly"} {
			if _, ok := opts[skip]; ok {
				return "", false, false
			}
		}
		if _, ok := opts["embed"]; ok {
			*complete = false
			return "", false, false
		}
		if c, ok := opts["column"]; ok {
			name = c
		}
		if name == "" {
			name = underscore(fv.Name())
		}
		return name, false, true
	}
}

func isBunBaseModel(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "BaseModel" && hasPathPrefix(importPath(n.Obj().Pkg()), bunPath)
}

// bunTag splits a bun:"name,opt,key:value" tag. The first part is the
// name unless it holds a colon; commas inside parentheses or double
// quotes belong to a value (default:now()).
func bunTag(s string) (name string, opts map[string]string) {
	opts = map[string]string{}
	depth, quoted, start := 0, false, 0
	var parts []string
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	for i, p := range parts {
		k, v, hasValue := strings.Cut(p, ":")
		if i == 0 && !hasValue {
			name = p
			continue
		}
		if k != "" {
			opts[k] = strings.Trim(v, `"`)
		}
	}
	return name, opts
}

// underscore is bun's column and table naming: an upper-case letter
// starts a new word when a lower-case letter is next to it, and is only
// lowered at the ends (SessionID → session_id, Key2ID → key2id).
func underscore(s string) string {
	var b strings.Builder
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isUpper(c) {
			b.WriteByte(c)
			continue
		}
		if i > 0 && i+1 < len(s) && (isLower(s[i-1]) || isLower(s[i+1])) {
			b.WriteByte('_')
		}
		b.WriteByte(c + 'a' - 'A')
	}
	return b.String()
}
