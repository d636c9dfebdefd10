package rowwrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// A Site is one call that writes rows with an INSERT statement.
type Site struct {
	Call   *ast.CallExpr // the call that executes the statement
	Query  ast.Expr      // the constant holding the SQL (may be in a Prepare call)
	SQL    string
	Insert *sqlinsert.Insert
	// Args are the bind arguments in order, context arguments removed.
	// Spread is set when they are passed as a slice (args...), so the
	// values cannot be told apart.
	Args   []ast.Expr
	Spread bool
	// Func is the function declaration or literal that holds the call.
	Func ast.Node
	// Decl is the function declaration that holds the call, through any
	// function literals: a parameter of Decl that a literal captures
	// (InsertLog(ctx, log) → db.RunInTx(ctx, func(…) { …log.Key… })) is
	// still the value Decl's callers pass.
	Decl *ast.FuncDecl

	// Named maps the INSERT's named parameters to their sources, for the
	// APIs that read the row from a Go value: sqlx's :name from a struct's
	// db-tagged fields or a map's keys, pgx.NamedArgs' @name, and the
	// INSERTs synthesized for GORM, ent and CopyFrom, whose parameters are
	// named after their columns. A name missing from a non-nil Named is
	// not known. Named is nil for positional sites.
	Named map[string]Source
	// API names the library that writes the row ("sqlx", "pgx", "GORM",
	// "ent"); empty for a plain SQL call.
	API string
	// Writer names what writes the row when it is not the INSERT text
	// ("CopyFrom", "GORM's Create of Message"); see WriterName.
	Writer string
	// Model names the Go model type a GORM write takes its table from,
	// and ModelPkg that type's package (its import path): two packages may
	// each declare a model of the same name (billing.Account,
	// ledger.Account), each its own table. With Insert.Table empty, the
	// model's TableName (declared in another package, out of this pass's
	// syntax) names the table: the Go-declared table of that model is it.
	Model, ModelPkg string
	// EntEntity names the ent schema type an ent builder writes when its
	// generated entity package is out of view, so Insert.Table is ent's
	// default name for it: the Go-declared ent table of that type, when
	// one is read, is the table (its annotation may rename it).
	EntEntity string
	// RowsUnread, for an ORM write whose row argument no row was read
	// from (rows := lo.Map(…); db.Create(&rows)), says what that
	// argument is, for the note that its key is not followed.
	RowsUnread string

	namedStmt bool // executed through sqlx's NamedStmt: bind :names from the argument
	copyIn    bool // lib/pq's COPY (pq.CopyIn): an Exec without values flushes, writes no row
}

// Arg returns the Go expression that feeds value v of the INSERT, or nil;
// Source says more (a value left out of a literal).
func (s *Site) Arg(v sqlinsert.Value) ast.Expr {
	return s.Source(v).Expr
}

// Find returns the insert sites in files. Statements are read in dialect d
// (bind-parameter and quoting rules differ); a statement that fails to
// parse is skipped, since the string may be a template or a fragment.
//
// Besides SQL strings, it recognises the calls that write rows from Go
// values: sqlx's named-parameter calls and pgx.NamedArgs (their sites
// have Named set), and GORM's Create, ent's create builders, bun's
// insert queries and pgx's CopyFrom, for which it synthesizes the INSERT
// they run: the table, the columns written and one row of parameters named
// after the columns.
//
// imported says which functions of other packages are Wrappers (from
// their facts); it may be nil.
func Find(files []*ast.File, info *types.Info, d schema.Dialect, imported func(*types.Func) (Wrapper, bool), opts ...Option) []Site {
	fi := newFinder(files, info, d, imported)
	for _, o := range opts {
		o(fi)
	}
	return fi.find()
}

// An Option gives Find what it reads from other packages' facts.
type Option func(*finder)

// ImportedHooks reads the hooks of a model type declared in another
// package, whose bodies are out of view, from what that package found
// (HookFills there, carried by a fact): hooks returns them, with found
// false when it knows nothing of the type. bun says which library's
// hooks are asked for (bun's BeforeAppendModel and BeforeInsert, else
// GORM's BeforeCreate and BeforeSave).
func ImportedHooks(hooks func(named *types.Named, bun bool) (fills map[string]HookFill, why string, ok, found bool)) Option {
	return func(f *finder) { f.importedHooks = hooks }
}

// HookFills reads the hooks of named, declared in files, as Find does for
// a row of that type (bun's when bun is set, else GORM's): the fields
// (index paths from named) a hook fills on every insert, each with what
// fills it, or ok false with why. The package declaring a model exports
// this for the packages that insert it.
func HookFills(files []*ast.File, info *types.Info, named *types.Named, bun bool) (fills map[string]HookFill, why string, ok bool) {
	f := newFinder(files, info, schema.PostgreSQL, nil)
	if bun {
		return f.bunHookFills(named)
	}
	return f.gormHookFills(named)
}

func newFinder(files []*ast.File, info *types.Info, d schema.Dialect, imported func(*types.Func) (Wrapper, bool)) *finder {
	return &finder{files: files, info: info, d: d, imported: imported, prep: prepared{locals: map[types.Object]Site{}}}
}

func (fi *finder) find() []Site {
	var sites []Site
	fi.collectFields()
	if fi.noting {
		fi.noteUnseenStatements()
	}
	for _, f := range fi.files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			sites = append(sites, findInFunc(fi, fd, fd.Body)...)
		}
	}
	return sites
}

// A finder holds what recognising a call needs.
type finder struct {
	files []*ast.File
	info  *types.Info
	d     schema.Dialect
	// imported says which functions of other packages are Wrappers.
	imported func(*types.Func) (Wrapper, bool)
	// importedHooks reads the hooks of a model of another package
	// (ImportedHooks); nil when none are known.
	importedHooks func(named *types.Named, bun bool) (fills map[string]HookFill, why string, ok, found bool)
	fn            ast.Node      // the function or literal being walked
	decl          *ast.FuncDecl // the declaration that holds fn
	prep          prepared

	// With noting set (FindWithNotes), notes collects the writes
	// recognised but not read; why is the reason the current library call
	// cannot be read, set by unread.
	noting bool
	why    string
	notes  []Note

	// sliceUses records, per slice of rows whose appends were not read,
	// the first use that stopped the reading (rewrite(rows)), for the
	// note that says why (unreadRows).
	sliceUses map[*types.Var]ast.Node
}

// hasInsertConstant reports whether any string constant the type checker
// recorded mentions INSERT: literals, but also concatenations and named
// constants of other packages (db.Exec(ctx, queries.InsertMessage)), with
// escapes decoded. Reading the recorded values is several times cheaper than
// walking the syntax for literals, and this runs on every package.
func hasInsertConstant(info *types.Info) bool {
	for _, tv := range info.Types {
		if tv.Value != nil && tv.Value.Kind() == constant.String && containsFold(constant.StringVal(tv.Value), "insert") {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word sub in
// any case. It finds candidates by sub's first letter before comparing,
// without allocating, since it runs over every string constant of every
// package.
func containsFold(s, sub string) bool {
	first := sub[0]
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == first && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// findInFunc walks one function body (and the literals inside it, which
// are attributed to their own node).
func findInFunc(f *finder, fn *ast.FuncDecl, body *ast.BlockStmt) []Site {
	info, d := f.info, f.d
	f.decl = fn
	var sites []Site
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		owner := ast.Node(fn)
		for i := len(stack) - 1; i >= 0; i-- {
			if lit, ok := stack[i].(*ast.FuncLit); ok {
				owner = lit
				break
			}
		}
		f.fn = owner
		if s, ok := siteFromCall(call, info, d); ok && !f.keepsQuery(call, s.Query) {
			s.Func, s.Decl = owner, fn
			f.unspread(&s)
			if len(s.Args) == 0 && !s.Spread && isPrepare(call, info) {
				if obj := assignedTo(stack, call, info); obj != nil {
					f.prep.locals[obj] = s
					return true
				}
				if fv := f.assignedField(stack, call); fv != nil && f.prep.fields[fv] != nil && f.prep.execd[fv] {
					return true // checked where the field's statement is executed
				}
			}
			sites = append(sites, f.bindNamed(s)...)
			return true
		}
		if s, ok := f.librarySite(call); ok {
			s.Func, s.Decl = owner, fn
			sites = append(sites, s)
			return true
		}
		if s, ok := f.genericSite(call); ok {
			s.Func, s.Decl = owner, fn
			sites = append(sites, s)
			return true
		}
		if f.noting {
			f.noteBuilderStart(call, stack)
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		// stmt.Exec(args...) on a statement prepared earlier.
		if isExecName(sel.Sel.Name) || sqlxNamed[sel.Sel.Name] {
			if p, ok := f.preparedFor(sel.X); ok {
				sites = append(sites, f.execPrepared(call, p)...)
			} else if f.noting {
				f.noteBuiltInsert(call)
			}
			return true
		}
		// txStmt := tx.Stmt(stmt): the same statement.
		if rebinds[sel.Sel.Name] && len(call.Args) > 0 {
			if p, ok := f.preparedFor(call.Args[len(call.Args)-1]); ok {
				if obj := assignedTo(stack, call, info); obj != nil {
					f.prep.locals[obj] = p
				}
			}
		}
		return true
	})
	return sites
}

// siteFromCall recognises call as executing an INSERT held in one of its
// arguments.
func siteFromCall(call *ast.CallExpr, info *types.Info, d schema.Dialect) (Site, bool) {
	if isRebind(callee(info, call)) {
		return Site{}, false // the call that runs its result is the site
	}
	for i, arg := range call.Args {
		sql, ok := queryText(arg, info)
		copyIn := false
		if !ok {
			if sql, ok = pqCopyIn(arg, info); !ok {
				continue
			}
			copyIn = true
		}
		if !containsFold(sql, "insert") && !containsFold(sql, "replace") {
			continue
		}
		ins, err := sqlinsert.Parse(sql, d)
		if err != nil || ins == nil {
			continue
		}
		args, spread := bindArgs(call, i+1, info)
		s := Site{Call: call, Query: arg, SQL: sql, Insert: ins, Args: args, Spread: spread}
		if copyIn {
			s.Writer, s.copyIn = "pq.CopyIn", true
		}
		return s, true
	}
	return Site{}, false
}

// keepsQuery reports whether call, which passes the INSERT q, is of a
// function of the package that only keeps that parameter in a struct
// field (a repository's constructor, NewRepo(db, insertEntry)): it runs
// nothing, and the call that runs the field gets its own note
// (noteBuiltInsert).
func (f *finder) keepsQuery(call *ast.CallExpr, q ast.Expr) bool {
	fn := callee(f.info, call)
	if fn == nil {
		return false
	}
	decl := f.declOf(fn.Origin())
	i := slices.Index(call.Args, q)
	if decl == nil || i < 0 || i >= fn.Signature().Params().Len() || fn.Signature().Variadic() && i >= fn.Signature().Params().Len()-1 {
		return false
	}
	param := fn.Origin().Signature().Params().At(i)
	kept, other := false, false
	var stack []ast.Node
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || f.info.Uses[id] != param || len(stack) < 2 {
			return true
		}
		switch p := stack[len(stack)-2].(type) {
		case *ast.KeyValueExpr:
			kept = kept || p.Value == id
			other = other || p.Value != id
		case *ast.AssignStmt:
			if slices.Contains(p.Rhs, ast.Expr(id)) && len(p.Lhs) == len(p.Rhs) {
				if _, ok := p.Lhs[slices.Index(p.Rhs, ast.Expr(id))].(*ast.SelectorExpr); ok {
					kept = true
					return true
				}
			}
			other = true
		default:
			other = true
		}
		return true
	})
	return kept && !other
}

// pqPath is lib/pq, whose CopyIn and CopyInSchema make the COPY … FROM
// STDIN statement a prepared statement runs: each stmt.Exec(a, b) with
// values is one row of the listed columns, the Exec without any flushes.
const pqPath = "github.com/lib/pq"

// pqCopyIn returns, for pq.CopyIn("t", "a", "b") (or CopyInSchema("s",
// "t", …)) with constant names, the INSERT that writes the same rows:
// INSERT INTO "t" ("a", "b") VALUES ($1, $2), the names quoted as pq
// quotes them.
func pqCopyIn(arg ast.Expr, info *types.Info) (string, bool) {
	call, ok := astutil.Unparen(arg).(*ast.CallExpr)
	if !ok {
		return "", false
	}
	fn := callee(info, call)
	if fn == nil || importPath(fn.Pkg()) != pqPath || fn.Name() != "CopyIn" && fn.Name() != "CopyInSchema" || call.Ellipsis.IsValid() {
		return "", false
	}
	var names []string
	for _, a := range call.Args {
		tv, ok := info.Types[a]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return "", false
		}
		names = append(names, `"`+strings.ReplaceAll(constant.StringVal(tv.Value), `"`, `""`)+`"`)
	}
	table, cols := 1, names[1:]
	if fn.Name() == "CopyInSchema" {
		table, cols = 2, names[2:]
	}
	if len(names) <= table || len(cols) == 0 {
		return "", false
	}
	var marks []string
	for i := range cols {
		marks = append(marks, fmt.Sprintf("$%d", i+1))
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", strings.Join(names[:table], "."), strings.Join(cols, ", "), strings.Join(marks, ", ")), true
}

// queryText returns the SQL text arg holds: a constant, or sqlx's Rebind
// of one (db.Rebind("INSERT … VALUES (?, ?)"), sqlx.Rebind(sqlx.DOLLAR,
// q)), which only renumbers the ? placeholders for the driver, in order,
// as the INSERT reader numbers them.
func queryText(arg ast.Expr, info *types.Info) (string, bool) {
	if tv, ok := info.Types[arg]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	call, ok := astutil.Unparen(arg).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}
	if !isRebind(callee(info, call)) {
		return "", false
	}
	tv, ok := info.Types[call.Args[len(call.Args)-1]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// isRebind reports whether fn is sqlx's Rebind (the package's function,
// or the method of DB, Tx, Conn…).
func isRebind(fn *types.Func) bool {
	return fn != nil && fn.Name() == "Rebind" && importPath(fn.Pkg()) == sqlxPath
}

// unspread reads the bind values of q, vals... where vals is a local
// slice literal the function only builds and passes on (sqlc's
// :batchexec code: vals := []interface{}{a.X, a.Key}; batch.Queue(q,
// vals...)): its elements are the arguments.
func (f *finder) unspread(s *Site) {
	if !s.Spread || len(s.Args) != 1 {
		return
	}
	id, ok := astutil.Unparen(s.Args[0]).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok {
		return
	}
	if _, isSlice := v.Type().Underlying().(*types.Slice); !isSlice {
		return
	}
	init, written, _, ok := visibleInit(f.info, s.Func, v, s.Call)
	lit, isLit := init.(*ast.CompositeLit)
	if !ok || !isLit || len(written) > 0 {
		return
	}
	for _, e := range lit.Elts {
		if _, kv := e.(*ast.KeyValueExpr); kv {
			return
		}
	}
	s.Args, s.Spread = lit.Elts, false
}

// bindArgs returns the arguments from index from on, skipping leading
// context.Context values (ExecContext(ctx, …) on a prepared statement).
func bindArgs(call *ast.CallExpr, from int, info *types.Info) ([]ast.Expr, bool) {
	if from > len(call.Args) {
		return nil, false
	}
	args := call.Args[from:]
	for len(args) > 0 && isContext(info.TypeOf(args[0])) {
		args = args[1:]
	}
	if call.Ellipsis.IsValid() {
		return args, true
	}
	return args, false
}

func isContext(t types.Type) bool {
	if t == nil {
		return false
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// isPrepare reports whether call prepares a statement for later execution:
// its method name says so and it returns a value besides an error.
func isPrepare(call *ast.CallExpr, info *types.Info) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(sel.Sel.Name, "Prepare") && !strings.HasPrefix(sel.Sel.Name, "Preparex") {
		return false
	}
	tuple, ok := info.TypeOf(call).(*types.Tuple)
	return ok && tuple.Len() >= 1 || !ok && info.TypeOf(call) != nil
}

func isExecName(name string) bool {
	switch name {
	case "Exec", "ExecContext", "Query", "QueryContext", "QueryRow", "QueryRowContext",
		"MustExec", "MustExecContext", "Get", "GetContext", "QueryRowx", "QueryRowxContext", "Queryx", "QueryxContext",
		"Select", "SelectContext":
		return true
	}
	return false
}

// assignedField returns the struct field the call's first result is
// assigned to (s.insert, err = db.Prepare(…)).
func (f *finder) assignedField(stack []ast.Node, call *ast.CallExpr) *types.Var {
	if len(stack) < 2 {
		return nil
	}
	as, ok := stack[len(stack)-2].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != call || len(as.Lhs) == 0 {
		return nil
	}
	return f.fieldOf(as.Lhs[0])
}

// assignedTo returns the variable the call's first result is assigned to
// (stmt, err := db.Prepare(…)), looking at the enclosing statement.
func assignedTo(stack []ast.Node, call *ast.CallExpr, info *types.Info) types.Object {
	for i := len(stack) - 2; i >= 0; i-- {
		switch s := stack[i].(type) {
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 && s.Rhs[0] == call && len(s.Lhs) >= 1 {
				if id, ok := s.Lhs[0].(*ast.Ident); ok {
					if obj := info.Defs[id]; obj != nil {
						return obj
					}
					return info.Uses[id]
				}
			}
			return nil
		case *ast.ValueSpec:
			if len(s.Values) == 1 && s.Values[0] == call && len(s.Names) >= 1 {
				return info.Defs[s.Names[0]]
			}
			return nil
		case ast.Stmt:
			return nil
		}
	}
	return nil
}
