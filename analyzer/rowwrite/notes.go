package rowwrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/schema"
)

// Silence is a claim: a row write the registry recognises but cannot read
// (a builder passed to a function elsewhere, columns that are not
// constants, a table computed at run time, a hook that may fill the key)
// is not checked, and FindWithNotes says so with a Note. The driver
// prints notes under -v as "not followed: …"; without it nothing is
// collected, so the default run pays nothing for them.

// A Note says where a row write was recognised but not read, and why.
type Note struct {
	Pos     token.Pos
	Message string // "not followed: …"
}

// FindWithNotes is Find, plus a Note for every write of a registered
// library it recognised and could not read, and every INSERT string that
// does not parse in dialect d.
func FindWithNotes(files []*ast.File, info *types.Info, d schema.Dialect, imported func(*types.Func) (Wrapper, bool), opts ...Option) ([]Site, []Note) {
	fi := newFinder(files, info, d, imported)
	for _, o := range opts {
		o(fi)
	}
	fi.noting = true
	sites := fi.find()
	slices.SortStableFunc(fi.notes, func(a, b Note) int { return int(a.Pos - b.Pos) })
	return sites, slices.CompactFunc(fi.notes, func(a, b Note) bool { return a == b })
}

// StatementNotes returns, for a package with no write Find reads, the
// note on the prepared statements it executes from struct fields it never
// sets (noteUnseenStatements): a package whose only inserts are such
// statements is otherwise silent.
func StatementNotes(files []*ast.File, info *types.Info) []Note {
	fi := newFinder(files, info, schema.PostgreSQL, nil)
	fi.noting = true
	fi.collectFields()
	fi.noteUnseenStatements()
	return fi.notes
}

// unread records why the library call being read cannot be read; the
// library's entry in librarySite turns it into a note. It returns false so
// a reader can `return Site{}, f.unread(…)`.
func (f *finder) unread(format string, args ...any) bool {
	if f.noting && f.why == "" {
		f.why = fmt.Sprintf(format, args...)
	}
	return false
}

// noteUnreadWrite notes a call that ends a write of l which l.site could
// not read.
func (f *finder) noteUnreadWrite(l *library, call *ast.CallExpr) {
	why := f.why
	if why == "" {
		why = "idemlint cannot read how this call builds its row"
	}
	f.notes = append(f.notes, Note{Pos: call.Pos(), Message: fmt.Sprintf("not followed: %s's write here: %s, so the key it writes is not checked", l.name, why)})
}

// noteEscapingBuilder notes an INSERT builder (squirrel's sq.Insert(…),
// goqu's Insert, bun's NewInsert) started at start whose chain does not
// end in one of the library's calls that run it in this function: it is
// passed on, returned or stored, and run where idemlint does not follow
// it. stack holds start's ancestors, start last.
func (f *finder) noteEscapingBuilder(l *library, start *ast.CallExpr, stack []ast.Node) {
	// Climb the chain: sel.X == chain, then the call of that selector.
	top, i := ast.Expr(start), len(stack)-1
	var calls []*ast.CallExpr
	for i >= 2 {
		sel, ok := stack[i-1].(*ast.SelectorExpr)
		if !ok || sel.X != top {
			break
		}
		call, ok := stack[i-2].(*ast.CallExpr)
		if !ok || call.Fun != sel {
			break
		}
		if slices.Contains(l.ends, sel.Sel.Name) {
			return // run here: librarySite reads it or notes why not
		}
		if !l.builder(f.info.TypeOf(call)) {
			return // left the builder type some other way (Executor(), …)
		}
		calls = append(calls, call)
		top, i = call, i-2
	}
	for i > 0 {
		if p, ok := stack[i-1].(*ast.ParenExpr); ok {
			top, i = p, i-1
			continue
		}
		break
	}
	var where string
	if i > 0 {
		switch p := stack[i-1].(type) {
		case *ast.CallExpr:
			if slices.Contains(p.Args, top) {
				where = "is passed to " + types.ExprString(p.Fun) + ", and idemlint does not follow it there (to the values it gets or the call that executes it)"
			}
		case *ast.ReturnStmt:
			if fd, ok := f.fn.(*ast.FuncDecl); ok {
				if _, _, ok := f.builderHelper(fd, l.builder); ok {
					return // a builder helper: read at each call that runs it (chainOf)
				}
			}
			where = "is returned, and idemlint does not follow it to the call that executes it"
		case *ast.AssignStmt, *ast.ValueSpec:
			if f.builderVarRunHere(l, p) {
				return // run through its variable: librarySite reads it or notes why not
			}
			where = "is kept in a variable that is passed on or returned, and idemlint does not follow it to the call that executes it"
		}
	}
	if where == "" {
		where = "is used where idemlint does not follow it"
	}
	msg := fmt.Sprintf("not followed: %s's insert %s %s", l.name, types.ExprString(start), where)
	if extra := builderProblems(f.info, calls); extra != "" {
		msg += "; " + extra
	}
	f.notes = append(f.notes, Note{Pos: start.Pos(), Message: msg + ", so the key it writes is not checked"})
}

// builderProblems says what in calls would stop the reading even where the
// builder runs: columns that are not constants.
func builderProblems(info *types.Info, calls []*ast.CallExpr) string {
	for _, c := range calls {
		switch methodName(c) {
		case "Columns", "Cols", "ColsAppend", "Column":
			if _, ok := constantArgs(info, c.Args); !ok || c.Ellipsis.IsValid() {
				return columnsProblem(c)
			}
		}
	}
	return ""
}

// columnsProblem says why the column names of c (Columns, Cols, Column…)
// are not read: spread from a slice (Columns(cols...): the names are the
// slice's content, not the call's), or not constant strings.
func columnsProblem(c *ast.CallExpr) string {
	if c.Ellipsis.IsValid() {
		return "its column names are spread from a slice (" + shortCall(c) + "), whose content idemlint does not read"
	}
	return "its column names are not constant strings (" + shortCall(c) + ")"
}

// builderVarRunHere reports whether the variable an assignment (or var
// declaration) keeps a builder in is the receiver of one of l's run calls
// in the function.
func (f *finder) builderVarRunHere(l *library, n ast.Node) bool {
	var names []*ast.Ident
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, e := range n.Lhs {
			if id, ok := e.(*ast.Ident); ok {
				names = append(names, id)
			}
		}
	case *ast.ValueSpec:
		names = n.Names
	}
	var vars []types.Object
	for _, id := range names {
		if o := f.info.ObjectOf(id); o != nil {
			vars = append(vars, o)
		}
	}
	body := funcBody(f.fn)
	if body == nil || len(vars) == 0 {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if found || !ok {
			return !found
		}
		if slices.Contains(l.ends, sel.Sel.Name) || sel.Sel.Name == "Executor" {
			if root := chainRoot(sel.X); root != nil && slices.Contains(vars, f.info.Uses[root]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// chainRoot returns the identifier a method chain starts from (q in
// q.Values(…).Exec()), or nil.
func chainRoot(e ast.Expr) *ast.Ident {
	for {
		switch x := astutil.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.CallExpr:
			sel, ok := astutil.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			e = sel.X
		default:
			return nil
		}
	}
}

// isBuilderStart reports whether call makes an INSERT builder of l from
// something else: sq.Insert("t"), db.NewInsert(), goqu.Insert("t"). A
// helper that takes a builder and returns it (setValues(q, row)) is not a
// start: the builder it is passed is noted where it starts.
func isBuilderStart(info *types.Info, l *library, call *ast.CallExpr) bool {
	if !l.builder(info.TypeOf(call)) {
		return false
	}
	for _, a := range call.Args {
		if l.builder(info.TypeOf(a)) {
			return false
		}
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	return !ok || !l.builder(info.TypeOf(sel.X))
}

// shortCall prints a call for a message, its arguments cut short.
func shortCall(c *ast.CallExpr) string {
	s := types.ExprString(c)
	if sel, ok := astutil.Unparen(c.Fun).(*ast.SelectorExpr); ok {
		s = strings.TrimPrefix(s, types.ExprString(sel.X)+".")
	}
	if len(s) > 60 {
		s = s[:57] + "…"
	}
	return s
}

// noteBuiltInsert notes an Exec-like call whose statement is an INSERT
// built at run time: fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", …) or
// a concatenation onto "INSERT INTO ", passed as it is or through a local
// the function sets once. A generic helper over a row interface
// (Insert[T Row](ctx, db, r) with r.Table(), r.Columns(), r.Values())
// writes rows this way: its table and columns are known only at run
// time, so no key it writes is checked, and the note says so.
func (f *finder) noteBuiltInsert(call *ast.CallExpr) {
	for _, arg := range call.Args {
		if t := f.info.TypeOf(arg); t == nil || !types.Identical(t.Underlying(), types.Typ[types.String]) {
			continue
		}
		if tv, ok := f.info.Types[arg]; ok && tv.Value != nil {
			return // a constant: read as an insert site, or not an INSERT
		}
		built, how := f.builtInsert(arg)
		if built == nil {
			return
		}
		msg := fmt.Sprintf("not followed: the INSERT executed here is built at run time (%s), so its table and columns, and any key it writes, are not checked", how)
		if strings.HasPrefix(how, heldInField) {
			msg = fmt.Sprintf("not followed: the INSERT executed here is %s, so its table and columns, and any key it writes, are not checked", how)
		}
		if strings.HasPrefix(how, readFromFile) {
			msg = fmt.Sprintf("not followed: the statement executed here is %s, so if it is an INSERT, its table and columns, and any key it writes, are not checked", how)
		}
		f.notes = append(f.notes, Note{Pos: call.Pos(), Message: msg})
		return
	}
}

// builtInsert returns the expression that builds e as an INSERT at run
// time, and how, or nil: e itself, or the one value a local variable e
// names is given where it is declared in the function.
func (f *finder) builtInsert(e ast.Expr) (ast.Expr, string) {
	e = astutil.Unparen(e)
	if id, ok := e.(*ast.Ident); ok && f.decl != nil {
		obj, _ := f.info.Uses[id].(*types.Var)
		if obj == nil {
			return nil, ""
		}
		if obj.Parent() == obj.Pkg().Scope() {
			init := f.packageVarInit(obj)
			if init == nil {
				return nil, ""
			}
			built, how := f.builtInsert(init)
			if built == nil {
				return nil, ""
			}
			return built, how + ", in package variable " + obj.Name()
		}
		var init ast.Expr
		n := 0
		ast.Inspect(f.decl.Body, func(x ast.Node) bool {
			as, ok := x.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for i, lhs := range as.Lhs {
				lid, ok := lhs.(*ast.Ident)
				if !ok || (f.info.Defs[lid] != obj && f.info.Uses[lid] != obj) {
					continue
				}
				n++
				if len(as.Lhs) == len(as.Rhs) {
					init = as.Rhs[i]
				}
			}
			return true
		})
		if n != 1 || init == nil {
			return nil, ""
		}
		e = astutil.Unparen(init)
	}
	switch x := e.(type) {
	case *ast.SelectorExpr:
		if fv, ok := f.info.Uses[x.Sel].(*types.Var); ok && fv.IsField() {
			if from, ok := f.fieldInsert(fv.Origin()); ok {
				return x, fmt.Sprintf("%s%s, which %s", heldInField, fv.Name(), from)
			}
		}
	case *ast.CallExpr:
		if name := sqlFileArg(f.info, x); name != "" {
			// mustRead("queries/create.sql"), fs.ReadFile(queries,
			// "x.sql"): the statement is a file's, read at run time.
			return x, fmt.Sprintf("%s%s by %s", readFromFile, name, types.ExprString(x.Fun))
		}
		fn := callee(f.info, x)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Sprintf" || len(x.Args) == 0 {
			return nil, ""
		}
		tv, ok := f.info.Types[x.Args[0]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String || !startsInsert(constant.StringVal(tv.Value)) {
			return nil, ""
		}
		return x, fmt.Sprintf("fmt.Sprintf(%s, …)", shortText(constant.StringVal(tv.Value)))
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return nil, ""
		}
		left := x
		for {
			l, ok := astutil.Unparen(left.X).(*ast.BinaryExpr)
			if !ok || l.Op != token.ADD {
				break
			}
			left = l
		}
		tv, ok := f.info.Types[left.X]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String || !startsInsert(constant.StringVal(tv.Value)) {
			return nil, ""
		}
		return x, fmt.Sprintf("%s + …", shortText(constant.StringVal(tv.Value)))
	}
	return nil, ""
}

// fieldInsert reports whether the package stores an INSERT into the
// struct field fv (a generic repository's insert string: Repo[T]{insert:
// q}, r.insert = q), as a constant or as a parameter of the function that
// stores it which a call of the package passes a constant INSERT: the
// words that say where one such constant comes from. A statement held in
// a field is run where idemlint does not tie it to its rows.
func (f *finder) fieldInsert(fv *types.Var) (string, bool) {
	var stored []ast.Expr
	var holders []*ast.FuncDecl
	for _, file := range f.files {
		for _, d := range file.Decls {
			fd, _ := d.(*ast.FuncDecl)
			ast.Inspect(d, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.KeyValueExpr:
					if id, ok := x.Key.(*ast.Ident); ok && fieldIs(f.info.Uses[id], fv) {
						stored, holders = append(stored, x.Value), append(holders, fd)
					}
				case *ast.AssignStmt:
					if len(x.Lhs) != len(x.Rhs) {
						return true
					}
					for i, lhs := range x.Lhs {
						if sel, ok := astutil.Unparen(lhs).(*ast.SelectorExpr); ok && fieldIs(f.info.Uses[sel.Sel], fv) {
							stored, holders = append(stored, x.Rhs[i]), append(holders, fd)
						}
					}
				}
				return true
			})
		}
	}
	for i, v := range stored {
		if sql, ok := queryText(v, f.info); ok && startsInsert(sql) {
			return "is given " + insertName(v, sql), true
		}
		if from, ok := f.paramInsert(holders[i], v); ok {
			return from, true
		}
	}
	return "", false
}

// insertName names the constant INSERT e for a note: its name, or its
// text cut short.
func insertName(e ast.Expr, sql string) string {
	switch astutil.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return types.ExprString(e)
	}
	return shortText(sql)
}

// fieldIs reports whether obj is the field fv, or an instance of it in a
// generic type (Repo[LedgerEntry]'s insert).
func fieldIs(obj types.Object, fv *types.Var) bool {
	v, ok := obj.(*types.Var)
	return ok && v.IsField() && v.Origin() == fv
}

// paramInsert reports whether v is a parameter of fd to which a call of
// fd in the package passes a constant INSERT, and says so.
func (f *finder) paramInsert(fd *ast.FuncDecl, v ast.Expr) (string, bool) {
	id, ok := astutil.Unparen(v).(*ast.Ident)
	if fd == nil || !ok {
		return "", false
	}
	fn, ok := f.info.Defs[fd.Name].(*types.Func)
	pv, isVar := f.info.Uses[id].(*types.Var)
	if !ok || !isVar {
		return "", false
	}
	params := fn.Signature().Params()
	index := -1
	for i := range params.Len() {
		if params.At(i) == pv {
			index = i
		}
	}
	if index < 0 {
		return "", false
	}
	at, found := "", false
	for _, file := range f.files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if found || !ok {
				return !found
			}
			if c := callee(f.info, call); c == nil || c.Origin() != fn || index >= len(call.Args) || call.Ellipsis.IsValid() {
				return true
			}
			if sql, ok := queryText(call.Args[index], f.info); ok && startsInsert(sql) {
				at, found = fmt.Sprintf("%s sets from its parameter %s, given %s by a call", fn.Name(), pv.Name(), insertName(call.Args[index], sql)), true
			}
			return !found
		})
	}
	return at, found
}

// packageVarInit returns the value a package-level variable is declared
// with (var insertJob = "INSERT INTO " + table + …), when the package
// assigns it nowhere else; nil otherwise.
func (f *finder) packageVarInit(obj *types.Var) ast.Expr {
	var init ast.Expr
	assigned := false
	for _, file := range f.files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ValueSpec:
				for i, name := range x.Names {
					if f.info.Defs[name] == obj && len(x.Values) == len(x.Names) {
						init = x.Values[i]
					}
				}
			case *ast.AssignStmt:
				for _, lhs := range x.Lhs {
					if id, ok := astutil.Unparen(lhs).(*ast.Ident); ok && f.info.Uses[id] == obj {
						assigned = true
					}
				}
			case *ast.UnaryExpr:
				if id, ok := astutil.Unparen(x.X).(*ast.Ident); ok && x.Op == token.AND && f.info.Uses[id] == obj {
					assigned = true // its address taken: a loader may set it
				}
			}
			return !assigned
		})
	}
	if assigned {
		return nil
	}
	return init
}

// heldInField begins builtInsert's account of an INSERT kept in a struct
// field.
const heldInField = "held in the field "

// readFromFile begins builtInsert's account of a statement read from a
// file of SQL at run time.
const readFromFile = "read at run time from "

// sqlFileArg returns the name of the SQL file a call reads, when one of
// its arguments is a constant naming one ("queries/create.sql"), or "".
func sqlFileArg(info *types.Info, call *ast.CallExpr) string {
	for _, a := range call.Args {
		tv, ok := info.Types[a]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			continue
		}
		if name := constant.StringVal(tv.Value); strings.HasSuffix(strings.ToLower(name), ".sql") {
			return name
		}
	}
	return ""
}

// startsInsert reports whether the SQL text s starts with INSERT (or
// REPLACE, or UPSERT), after blanks.
func startsInsert(s string) bool {
	s = strings.TrimSpace(s)
	for _, w := range []string{"insert", "replace", "upsert"} {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// shortText quotes s, cut to a readable length.
func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 48 {
		s = s[:45] + "..."
	}
	return fmt.Sprintf("%q", s)
}
