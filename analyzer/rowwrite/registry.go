package rowwrite

import (
	"go/ast"
	"go/types"
	"slices"
)

// The registry: every data-access library idemlint knows, each described
// in one file of this package, says how its calls become the neutral model
// of a row write (a Site: table T, and per column C a Source saying that C
// gets value V, is left out, or gets the database default). The rules in
// analyzer/gorules read only Sites.
//
// Two kinds of entries:
//
//   - libraries that run an INSERT string (database/sql, pgx, sqlx, sqlc's
//     generated code, any wrapper of the same shape) are found by the
//     shape of the call (sql.go, prepared.go); those that bind named
//     parameters from a Go value add a namedBinder (sqlx.go, pgx.go);
//   - libraries that write rows without an INSERT string (GORM, ent, bun,
//     pgx's CopyFrom, squirrel, goqu) add a library: the import paths that
//     make a package a candidate, the names of the calls that end a write,
//     and how such a call becomes a Site.
//
// Adding a library (sqlboiler, go-jet): write one file with its entry and
// add it to libraries below, plus a testdata module that uses the real
// library (see docs/checks.md, "Adding a library").

// A library writes rows from Go values without an INSERT string.
type library struct {
	name string // as messages name it: "squirrel", "GORM"
	// builder, for the query builders, reports whether a type is the
	// library's INSERT builder (a chain of calls on it describes the write).
	builder func(types.Type) bool
	// paths are the import paths (or path prefixes) of the library; a
	// package that imports none of them, directly or through the packages
	// it imports, is never searched for its calls.
	paths []string
	// ends are the names of the calls that run a write (Create, Exec…).
	ends []string
	// calls reports cheaply whether call (ending in sel) is one of the
	// library's writes; site reads it into a Site.
	calls func(info *types.Info, call *ast.CallExpr, sel *ast.SelectorExpr) bool
	site  func(f *finder, call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool)
}

// libraries is the registry, in the order calls are tried.
var libraries = []*library{gormLibrary, bunLibrary, entLibrary, copyFromLibrary, squirrelLibrary, goquLibrary}

// A namedBinder binds the named parameters of an INSERT string from a Go
// value: rows reads one map of sources per Go row.
type namedBinder struct {
	api  string
	rows func(f *finder, s Site) ([]map[string]Source, bool)
}

var namedBinders = []namedBinder{{"sqlx", (*finder).sqlxRows}, {"pgx", (*finder).pgxNamedRows}}

// endsWith indexes the libraries by the names of the calls that end their
// writes.
var endsWith = func() map[string][]*library {
	m := map[string][]*library{}
	for _, l := range libraries {
		for _, n := range l.ends {
			m[n] = append(m[n], l)
		}
	}
	return m
}()

// librarySite recognises a call of a registered library that writes rows.
func (f *finder) librarySite(call *ast.CallExpr) (Site, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return Site{}, false
	}
	for _, l := range endsWith[sel.Sel.Name] {
		f.why = ""
		if s, ok := l.site(f, call, sel); ok {
			return s, true
		}
		if f.noting && l.calls(f.info, call, sel) {
			f.noteUnreadWrite(l, call)
			return Site{}, false
		}
	}
	return Site{}, false
}

// noteBuilderStart notes call when it starts an INSERT builder of a
// library the package imports that is not run in this function.
func (f *finder) noteBuilderStart(call *ast.CallExpr, stack []ast.Node) {
	for _, l := range libraries {
		if l.builder != nil && isBuilderStart(f.info, l, call) {
			f.noteEscapingBuilder(l, call, stack)
			return
		}
	}
}

// MayInsert reports cheaply whether pkg's files can hold an insert site: a
// string constant mentioning INSERT, or a call of a registered library
// that writes rows without one, which needs an import of the library,
// direct or not (ent's generated client, a repository handing it out).
// Packages without either skip the rest of the analysis.
//
// imported says which functions of other packages are Wrappers (their
// facts): a call of a generic one writes rows too. It may be nil.
func MayInsert(pkg *types.Package, files []*ast.File, info *types.Info, imported func(*types.Func) (Wrapper, bool)) bool {
	if hasInsertConstant(info) || usesCopyIn(pkg, info) {
		return true
	}
	candidates := importedLibraries(pkg)
	return len(candidates) > 0 && mayCall(pkg, files, info, candidates, imported)
}

// importedLibraries returns the libraries pkg imports, directly or
// through the packages it imports: ent's generated client imports
// entgo.io/ent, and a package may call the client through a repository
// of the module without importing either (s.Client().Message.Create(),
// the client a method of another package returns). It runs on every
// package without an INSERT constant, so it walks each import once, and
// stops when every library is found.
func importedLibraries(pkg *types.Package) []*library {
	var out []*library
	note := func(p *types.Package) {
		path := importPath(p)
		for _, l := range libraries {
			for _, prefix := range l.paths {
				if hasPathPrefix(path, prefix) && !slices.Contains(out, l) {
					out = append(out, l)
				}
			}
		}
	}
	seen := map[*types.Package]bool{pkg: true}
	queue := []*types.Package{pkg}
	for len(queue) > 0 && len(out) < len(libraries) {
		p := queue[0]
		queue = queue[1:]
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				note(imp)
				queue = append(queue, imp)
			}
		}
	}
	return out
}

// mayCall reports cheaply whether files call a write of one of libs.
func mayCall(pkg *types.Package, files []*ast.File, info *types.Info, libs []*library, imported func(*types.Func) (Wrapper, bool)) bool {
	found := false
	generic := imported != nil && (slices.Contains(libs, gormLibrary) || slices.Contains(libs, bunLibrary))
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			if found {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if generic {
				// repo.Create(ctx, db, &row): a generic Wrapper of another
				// package (generic.go).
				if fn := callee(info, call); fn != nil && fn.Pkg() != pkg && isGeneric(fn.Origin()) {
					if w, ok := imported(fn.Origin()); ok && (w.API == "GORM" && slices.Contains(libs, gormLibrary) || w.API == "bun" && slices.Contains(libs, bunLibrary)) {
						found = true
						return false
					}
				}
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			for _, l := range endsWith[sel.Sel.Name] {
				if slices.Contains(libs, l) && l.calls(info, call, sel) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// usesCopyIn reports whether the package, importing lib/pq, calls its
// CopyIn or CopyInSchema: a COPY writes rows with no INSERT text.
func usesCopyIn(pkg *types.Package, info *types.Info) bool {
	if !slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool { return importPath(p) == pqPath }) {
		return false
	}
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && (fn.Name() == "CopyIn" || fn.Name() == "CopyInSchema") && importPath(fn.Pkg()) == pqPath {
			return true
		}
	}
	return false
}
