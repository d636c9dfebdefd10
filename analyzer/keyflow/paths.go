package keyflow

import (
	"go/constant"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A path names a value by how it is reached rather than by SSA identity:
// a root (a register such as a parameter or call result, or a memory cell
// such as a local Alloc or a global) and a selector string of steps
// ".Field", "*" (dereference of a register pointer) and "[i]" (constant
// array index). Two loads of in.Key have the same path, so a guard on one
// covers the other.
type path struct {
	root ssa.Value
	mem  bool // the path denotes memory contents, which stores can change
	sel  string
}

func (p path) field(name string) path {
	p.sel += "." + name
	return p
}

func (p path) fields(steps []string) path {
	for _, s := range steps {
		p.sel += "." + s
	}
	return p
}

// valuePath returns the path of the value v.
func valuePath(v ssa.Value) (path, bool) {
	for depth := 0; depth < 64; depth++ {
		switch x := v.(type) {
		case *ssa.Const:
			return path{}, false
		case *ssa.UnOp:
			if x.Op == token.MUL {
				return locPath(x.X)
			}
		case *ssa.Field:
			p, ok := valuePath(x.X)
			if !ok {
				return p, false
			}
			return p.field(fieldName(x.X, x.Field)), true
		case *ssa.ChangeType:
			v = x.X
			continue
		}
		return path{root: v}, true
	}
	return path{}, false
}

// locPath returns the path of the memory cell that the pointer a
// addresses.
func locPath(a ssa.Value) (path, bool) {
	switch x := a.(type) {
	case *ssa.Alloc, *ssa.Global:
		return path{root: a, mem: true}, true
	case *ssa.FieldAddr:
		p, ok := locPath(x.X)
		if !ok {
			return p, false
		}
		return p.field(fieldName(x.X, x.Field)), true
	case *ssa.IndexAddr:
		c, ok := x.Index.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
			return path{}, false
		}
		p, ok := locPath(x.X)
		if !ok {
			return p, false
		}
		p.sel += "[" + c.Value.ExactString() + "]"
		return p, true
	}
	p, ok := valuePath(a)
	if !ok {
		return p, false
	}
	p.mem = true
	p.sel += "*"
	return p, true
}

type relation int

const (
	unrelated relation = iota
	same               // the store writes exactly the queried cell
	prefix             // the store writes an enclosing struct; rest says which part
	partial            // the store writes part of the queried cell, or a pointer on the way
	pointee            // the store writes the pointer whose target is the queried cell (or a struct holding it; rest says which field)
	through            // the store writes a pointer whose target's field (rest) is the queried cell: t.Meta = meta, then t.Meta.Key
)

// relate tells how a store to cell l affects a query on cell p; for a
// prefix store it returns the field names from l down to p.
func relate(l, p path) (relation, []string) {
	if l.root != p.root {
		return unrelated, nil
	}
	switch {
	case l.sel == p.sel:
		return same, nil
	case strings.HasPrefix(p.sel, l.sel):
		rest := p.sel[len(l.sel):]
		switch {
		case rest == "*":
			return pointee, nil
		case strings.HasPrefix(rest, "*.") && !strings.ContainsAny(rest[2:], "*["):
			return through, strings.Split(rest[2:], ".")
		case rest[0] == '*':
			return partial, nil
		case rest[0] != '.' && rest[0] != '[':
			return unrelated, nil // l is "a.Key", p is "a.KeyX"
		}
		if fields, ok := strings.CutSuffix(rest, "*"); ok && !strings.ContainsAny(fields, "*[") {
			// The store writes a struct whose field is the pointer to
			// the queried cell: d := Row{Key: &h}, then *d.Key.
			return pointee, strings.Split(fields[1:], ".")
		}
		if strings.ContainsAny(rest, "*[") {
			return partial, nil
		}
		return prefix, strings.Split(rest[1:], ".")
	case strings.HasPrefix(l.sel, p.sel):
		rest := l.sel[len(p.sel):]
		if rest[0] != '.' && rest[0] != '[' && rest[0] != '*' {
			return unrelated, nil
		}
		return partial, nil
	}
	return unrelated, nil
}

func (p path) String() string {
	name := "?"
	if p.root != nil {
		name = p.root.Name()
	}
	return name + p.sel + map[bool]string{true: " (mem)", false: ""}[p.mem]
}
