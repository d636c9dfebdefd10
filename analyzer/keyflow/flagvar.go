package keyflow

import (
	"golang.org/x/tools/go/ssa"
)

// This file judges a string a command-line flag binds to a variable
// (flag.StringVar(&key, "key", "", …), a FlagSet's, and pflag's, which
// cobra commands use: cmd.Flags().StringVar(&opts.key, "key", "", …)) and
// a pflag value read back by name (cmd.Flags().GetString("key")): the
// flag's default until the command line gives it, so "" when that default
// is "" and the flag is not given. flag.String's pointer is libcalls.go's
// flagDefault.

const pflagPkg = "github.com/spf13/pflag"

// A flagDef is one call that defines a string flag.
type flagDef struct {
	call *ssa.Call
	addr ssa.Value // the variable bound, for the …Var forms
	name string
	def  ssa.Value // the default
	std  bool      // the standard library's flag package (-name), else pflag (--name)
	fn   string    // the function's name: StringVar, StringVarP…
}

// stringFlagDef reads ci as the definition of a string flag: flag's
// String and StringVar (also a FlagSet's), pflag's String, StringP,
// StringVar and StringVarP (also a FlagSet's, which cobra's cmd.Flags()
// returns).
func stringFlagDef(ci ssa.CallInstruction) (flagDef, bool) {
	call, ok := ci.(*ssa.Call)
	if !ok || call.Call.IsInvoke() {
		return flagDef{}, false
	}
	f := calleeOf(&call.Call)
	if f == nil {
		return flagDef{}, false
	}
	id := idOf(f)
	if id.recv != "" && id.recv != "FlagSet" {
		return flagDef{}, false
	}
	args := userArgs(&call.Call)
	d := flagDef{call: call, std: id.pkg == "flag", fn: id.name}
	var nameAt, defAt int
	switch {
	case (id.pkg == "flag" || id.pkg == pflagPkg) && id.name == "String" && len(args) == 3:
		nameAt, defAt = 0, 1
	case id.pkg == pflagPkg && id.name == "StringP" && len(args) == 4:
		nameAt, defAt = 0, 2
	case (id.pkg == "flag" || id.pkg == pflagPkg) && id.name == "StringVar" && len(args) == 4:
		d.addr, nameAt, defAt = args[0], 1, 2
	case id.pkg == pflagPkg && id.name == "StringVarP" && len(args) == 5:
		d.addr, nameAt, defAt = args[0], 1, 3
	default:
		return flagDef{}, false
	}
	name, ok := constString(args[nameAt])
	if !ok {
		return flagDef{}, false
	}
	d.name, d.def = name, args[defAt]
	return d, true
}

// emptyDefault is the finding for a flag whose default is "": empty when
// it is not given. ok is false for any other default (a constant the
// user may still override with --key=, which is the user's own doing).
func (q *query) emptyDefault(d flagDef, via string) (finding, bool) {
	if s, ok := constString(d.def); !ok || s != "" {
		return finding{}, false
	}
	if !d.std && q.c.stringFlags(d.call.Parent().Pkg).required[d.name] {
		return finding{}, false // cobra fails the command without it
	}
	dash := "--"
	if d.std {
		dash = "-"
	}
	subject := "its flag"
	if d.name != "" {
		subject = "the " + dash + d.name + " flag"
	}
	return finding{kind: Empty, what: "empty", via: via, when: "when " + subject + " is not given", origin: q.fi.exprPos(d.call)}, true
}

func flagVarVia(d flagDef) string {
	if d.std {
		return "flag." + d.fn
	}
	return "pflag " + d.fn
}

// boundFlag judges cell l, which the walk back from a load reached at
// ci, the call its address was handed to: a flag binding of exactly that
// cell (flag.StringVar(&key, …); flag.Parse(); … key) holds the flag's
// value from then on.
func (q *query) boundFlag(ci ssa.CallInstruction, l path, k qkind) (result, bool) {
	if k != kEmpty {
		return resUnknown, false
	}
	d, ok := stringFlagDef(ci)
	if !ok || d.addr == nil {
		return resUnknown, false
	}
	if p, ok := locPath(d.addr); !ok || p.root != l.root || p.sel != l.sel {
		return resUnknown, false
	}
	f, ok := q.emptyDefault(d, flagVarVia(d))
	if !ok {
		return resUnknown, false
	}
	return badResult(f), true
}

// capturedFlag judges a variable (or field rest of it) of parent that a
// closure reads, when parent binds it to a flag and nothing else writes
// it: cobra's RunE reads opts.key after cmd.Flags().StringVar(&opts.key,
// "key", "", …), and runs later, once the command line is parsed. The
// cell's address may go only to that one binding; the variable itself
// may only be read, have other fields taken, and be captured by closures
// that do not write the cell.
func (q *query) capturedFlag(parent *ssa.Function, a *ssa.Alloc, rest string, k qkind) (result, bool) {
	if k != kEmpty || parent == nil {
		return resUnknown, false
	}
	var bind *flagDef
	ok := true
	var visit func(v ssa.Value, at string, fn *ssa.Function, depth int)
	visit = func(v ssa.Value, at string, fn *ssa.Function, depth int) {
		if !ok || !selOverlaps(at, rest) {
			return
		}
		if depth > 8 {
			ok = false
			return
		}
		refs := v.Referrers()
		if refs == nil {
			return
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.UnOp, *ssa.DebugRef:
				// loads
			case *ssa.FieldAddr:
				visit(r, at+"."+fieldName(r.X, r.Field), fn, depth+1)
			case *ssa.MakeClosure:
				for i, b := range r.Bindings {
					if b != v {
						continue
					}
					cf, isFn := r.Fn.(*ssa.Function)
					if !isFn || i >= len(cf.FreeVars) {
						ok = false
						return
					}
					visit(cf.FreeVars[i], at, cf, depth+1)
				}
			case *ssa.Call:
				d, isDef := stringFlagDef(r)
				if !isDef || d.addr != v || at != rest || fn != parent || bind != nil {
					ok = false
					return
				}
				bind = &d
			default:
				ok = false // a store into the cell, the address kept or passed on
				return
			}
		}
	}
	visit(a, "", parent, 0)
	if !ok || bind == nil {
		return resUnknown, false
	}
	f, isEmpty := q.emptyDefault(*bind, flagVarVia(*bind))
	if !isEmpty {
		return resUnknown, false
	}
	return badResult(f), true
}

// pflagGetEmpty: cmd.Flags().GetString("key") is the value of the flag
// named key, its default until the command line gives it. The package's
// definitions of string flags of that name say the default: "" in every
// one of them (and at least one) makes the value "" where the flag is
// not given. GetString's error says only that no such string flag is
// defined.
func pflagGetEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	name, ok := constString(c.args[0])
	if !ok {
		return resUnknown, false
	}
	var defs []flagDef
	flags := q.c.stringFlags(q.fi.fn.Pkg)
	if flags.required[name] {
		return resUnknown, false
	}
	for _, d := range flags.defs[name] {
		if d.std {
			continue // the standard library's flags are not pflag's
		}
		if s, ok := constString(d.def); !ok || s != "" {
			return resUnknown, false
		}
		defs = append(defs, d)
	}
	if len(defs) == 0 {
		return resUnknown, false
	}
	def := defs[0]
	for _, d := range defs { // the definition beside the call, if any
		if p := d.call.Parent(); p == q.fi.fn || p == q.fi.fn.Parent() {
			def = d
		}
	}
	return badResult(finding{kind: Empty, what: "empty", via: "pflag GetString",
		when:   "when the --" + name + " flag, whose default is \"\" (" + q.fi.fileLine(def.call.Pos()) + "), is not given",
		origin: q.fi.exprPos(c.call)}), true
}

// pkgFlags are the string flags a package defines, by name, and the
// names it marks required (cobra's MarkFlagRequired).
type pkgFlags struct {
	defs     map[string][]flagDef
	required map[string]bool
}

// stringFlags returns the string flags pkg defines.
func (c *Checker) stringFlags(pkg *ssa.Package) pkgFlags {
	if pkg == nil {
		return pkgFlags{}
	}
	if c.flags == nil {
		c.flags = map[*ssa.Package]pkgFlags{}
	}
	if m, ok := c.flags[pkg]; ok {
		return m
	}
	m := pkgFlags{defs: map[string][]flagDef{}, required: map[string]bool{}}
	c.eachInstr(pkg, func(_ *ssa.Function, in ssa.Instruction) {
		ci, ok := in.(ssa.CallInstruction)
		if !ok {
			return
		}
		if d, ok := stringFlagDef(ci); ok {
			m.defs[d.name] = append(m.defs[d.name], d)
			return
		}
		// cmd.MarkFlagRequired("key"), cobra.MarkFlagRequired(fs, "key"):
		// cobra fails the command when the flag is not given.
		if f := calleeOf(ci.Common()); f != nil && !ci.Common().IsInvoke() {
			switch f.Name() {
			case "MarkFlagRequired", "MarkPersistentFlagRequired":
				if args := userArgs(ci.Common()); len(args) > 0 {
					if name, ok := constString(args[len(args)-1]); ok {
						m.required[name] = true
					}
				}
			}
		}
	})
	c.flags[pkg] = m
	return m
}
