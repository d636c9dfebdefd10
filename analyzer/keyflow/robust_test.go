package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// TestNoPanicOnStd runs both queries on every argument of every call in
// a few large standard packages: the analysis must not panic on shapes
// the table tests do not cover, and must stay fast.
func TestNoPanicOnStd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads std packages")
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax}
	pkgs, err := packages.Load(cfg, "net/http", "database/sql", "encoding/json", "net/url", "os")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("load errors")
	}
	prog, spkgs := ssautil.Packages(pkgs, ssa.GlobalDebug)
	prog.Build()
	c := New(Options{})
	var queries, reports int
	var slowest time.Duration
	var slowestAt string
	start := time.Now()
	var summarised int
	for _, sp := range spkgs {
		for fn := range allFuncs(sp) {
			if len(c.Summarize(fn)) > 0 {
				summarised++
			}
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					if phi, ok := in.(*ssa.Phi); ok {
						// A nil use point means "right after the definition".
						c.MayBeNull(fn, phi, nil)
						c.MayBeEmpty(fn, phi, nil)
						queries += 2
					}
					ci, ok := in.(ssa.CallInstruction)
					if !ok {
						continue
					}
					args := ci.Common().Args
					if s, ok := ci.Common().Args, true; ok && len(s) > 0 {
						if e := varargElems(s[len(s)-1]); e != nil {
							args = append(args[:len(args):len(args)], e...)
						}
					}
					for _, a := range args {
						t0 := time.Now()
						if v, bad := c.MayBeNull(fn, a, ci); bad {
							reports++
							if os.Getenv("KEYFLOW_DUMP") != "" {
								t.Logf("%s: %v: %s", prog.Fset.Position(ci.Pos()), v.Kind, v.Reason)
							}
						}
						if v, bad := c.MayBeEmpty(fn, a, ci); bad {
							reports++
							if os.Getenv("KEYFLOW_DUMP") != "" {
								t.Logf("%s: %v: %s", prog.Fset.Position(ci.Pos()), v.Kind, v.Reason)
							}
						}
						queries += 2
						if d := time.Since(t0); d > slowest {
							slowest, slowestAt = d, prog.Fset.Position(ci.Pos()).String()
						}
					}
				}
			}
		}
	}
	t.Logf("%d queries, %d reports, %d functions with a bad result, in %v; slowest %v at %s", queries, reports, summarised, time.Since(start), slowest, slowestAt)
	if slowest > 2*time.Second {
		t.Errorf("a query took %v", slowest)
	}
}

// varargElems returns the values packed into a variadic call's slice.
func varargElems(v ssa.Value) []ssa.Value {
	var out []ssa.Value
	for i := 0; i < 64; i++ {
		e := varargElem(v, i)
		if e == nil {
			break
		}
		out = append(out, e)
	}
	return out
}

// allFuncs yields the package's functions, methods and their closures.
func allFuncs(p *ssa.Package) map[*ssa.Function]bool {
	out := map[*ssa.Function]bool{}
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		if f == nil || out[f] {
			return
		}
		out[f] = true
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	for _, m := range p.Members {
		switch m := m.(type) {
		case *ssa.Function:
			add(m)
		case *ssa.Type:
			ms := p.Prog.MethodSets.MethodSet(m.Type())
			for i := 0; i < ms.Len(); i++ {
				add(p.Prog.MethodValue(ms.At(i)))
			}
			pms := p.Prog.MethodSets.MethodSet(ptrTo(m.Type()))
			for i := 0; i < pms.Len(); i++ {
				add(p.Prog.MethodValue(pms.At(i)))
			}
		}
	}
	for f := range out {
		if f.Pkg != p {
			delete(out, f)
		}
	}
	return out
}

var _ = fmt.Sprint
var _ token.Pos

func ptrTo(t types.Type) types.Type { return types.NewPointer(t) }
