package modules

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/internal/pkgpath"
	"github.com/idemlint/idemlint/internal/vetshare"
)

// The module's method declarations, read from its files without type
// checking. A call through an interface is judged as a call of the one
// implementation that writes a key only when no other implementation
// exists in the module: go/analysis shows a package the facts of the
// packages it imports, and an implementation in a package it does not
// import (a repository in package postgres, wired in main, behind an
// interface the service package declares) has none to show.

// Methods lists the named types of a module that declare methods, with
// the module's path.
type Methods struct {
	Module string
	Types  []TypeMethods
}

// TypeMethods is one named type and the methods its package's non-test
// files declare on it, each with its parameters' types as written
// ("context.Context", "*ports.Message", "[]byte"; "?" for a type this
// reading does not spell).
type TypeMethods struct {
	Pkg     string // import path
	Name    string
	Methods map[string][]string
}

// Receivers returns the module's method declarations (ScanMethods), read
// once per run (through the go vet run's shared walk when vetWorkDir is
// set).
func (c *Cache) Receivers(root, vetWorkDir string) Methods {
	if root == "" {
		return Methods{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.methods == nil {
		c.methods = map[string]Methods{}
	}
	m, ok := c.methods[root]
	if !ok {
		m, _ = vetshare.Once(vetWorkDir, "methods-v1", root, func() (Methods, error) { return ScanMethods(root), nil })
		c.methods[root] = m
	}
	return m
}

// ScanMethods reads the method declarations of the module at root. Test
// files and mocks (a file or type whose name says mock, a folder named
// mocks) are left out: they are not what the module runs.
func ScanMethods(root string) Methods {
	out := Methods{Module: pkgpath.Module(root)}
	byType := map[string]int{}
	fset := token.NewFileSet()
	WalkGoFiles(root, func(p string) bool {
		if strings.HasSuffix(p, "_test.go") || isMockPath(p) {
			return true
		}
		src, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(src, []byte("func (")) {
			return true
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return true
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return true
		}
		pkg := out.Module
		if rel != "." {
			pkg = path.Join(out.Module, filepath.ToSlash(rel))
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			name := recvTypeName(fd.Recv.List[0].Type)
			if name == "" || strings.HasPrefix(strings.ToLower(name), "mock") {
				continue
			}
			key := pkg + "." + name
			i, ok := byType[key]
			if !ok {
				i = len(out.Types)
				byType[key] = i
				out.Types = append(out.Types, TypeMethods{Pkg: pkg, Name: name, Methods: map[string][]string{}})
			}
			out.Types[i].Methods[fd.Name.Name] = paramTexts(fd.Type.Params)
		}
		return true
	})
	return out
}

func isMockPath(p string) bool {
	base := strings.ToLower(filepath.Base(p))
	dir := strings.ToLower(filepath.Base(filepath.Dir(p)))
	return strings.Contains(base, "mock") || dir == "mocks" || dir == "mock"
}

// recvTypeName is the type name of a receiver: T in T, *T, T[K], *T[K].
func recvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// paramTexts spells each parameter's type (one per name).
func paramTexts(fl *ast.FieldList) []string {
	var out []string
	if fl == nil {
		return out
	}
	for _, f := range fl.List {
		t := TypeText(f.Type)
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, t)
		}
	}
	return out
}

// TypeText spells a parameter type as ScanMethods records it: pointers,
// slices (and variadic parameters) and maps around a name, qualified by
// the package name the file uses; "?" for anything else.
func TypeText(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return TypeText(x.X)
	case *ast.StarExpr:
		return "*" + TypeText(x.X)
	case *ast.Ellipsis:
		return "[]" + TypeText(x.Elt)
	case *ast.ArrayType:
		if x.Len != nil {
			return "?"
		}
		return "[]" + TypeText(x.Elt)
	case *ast.MapType:
		return "map[" + TypeText(x.Key) + "]" + TypeText(x.Value)
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name + "." + x.Sel.Name
		}
	case *ast.IndexExpr:
		return TypeText(x.X)
	case *ast.IndexListExpr:
		return TypeText(x.X)
	}
	return "?"
}
