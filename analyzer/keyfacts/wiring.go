package keyfacts

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Consumer-declared interfaces. A service package declares the interface
// it calls (type OrderRepository interface { Create(ctx, in Input) error
// }), a repository package that imports it implements it with an
// exported type, and a third package wires the two
// (service.NewOrders(repo.NewOrderRepo(db))). Under go vet no package
// below the wiring one sees both a handler's value and the
// implementation's write, so the judgment travels in three facts:
//
//   - ImplKeys entries with Exported set: the repository's key-writing
//     methods that implement a module interface declared elsewhere;
//   - IfaceParams, on each function that passes its own parameter (or a
//     field path of it) into an argument of such an interface method
//     whose implementations are out of view, transitively through its
//     own wrappers: "Notify param 4 → notify.Store.InsertNotification
//     arg 1 .IdempotencyKey";
//   - PendingCalls, the package fact listing the calls that pass a value
//     that may be nil or empty into such a parameter path, re-exported
//     by every importer as ImplKeys is.
//
// The package that sees a pending call and an implementation of the same
// method writing that path, and converts the implementation's type to
// the interface itself, reports at the conversion.

// An IfaceArg names an argument path of a method of a module interface:
// the field path ArgPath of argument Arg of method Method of interface
// Iface, declared in package IfacePkg.
type IfaceArg struct {
	IfacePkg, Iface, Method string
	Arg                     int
	ArgPath                 []string
}

// Name is the method's name for messages, with its package's last path
// element: "notify.Store.InsertNotification".
func (a IfaceArg) Name() string {
	return a.IfacePkg[strings.LastIndex(a.IfacePkg, "/")+1:] + "." + a.Iface + "." + a.Method
}

// Same reports whether a and b name the same argument path.
func (a IfaceArg) Same(b IfaceArg) bool {
	return a.IfacePkg == b.IfacePkg && a.Iface == b.Iface && a.Method == b.Method && a.Arg == b.Arg && strings.Join(a.ArgPath, ".") == strings.Join(b.ArgPath, ".")
}

func (a IfaceArg) String() string {
	return fmt.Sprintf("%s.%s.%s arg %d%s", a.IfacePkg, a.Iface, a.Method, a.Arg, strings.Join(append([]string{""}, a.ArgPath...), "."))
}

// An IfaceParams marks a function whose parameter paths reach arguments
// of module interface methods whose implementations are out of view. Each
// key's Iface says which; its flags say what its callers are judged on
// (Null: a nil; Empty: an empty value), not what a column does with it.
type IfaceParams struct {
	Keys []KeyParam
}

func (*IfaceParams) AFact() {}

func (f *IfaceParams) String() string {
	var parts []string
	for _, k := range f.Keys {
		if k.Iface != nil {
			parts = append(parts, fmt.Sprintf("param %d%s → %s", k.Param, strings.Join(append([]string{""}, k.Path...), "."), k.Iface))
		}
	}
	return "passes to " + strings.Join(parts, ", ")
}

// A PendingCall is a call that passes a value that may be nil (Nil) or
// empty into an interface argument path whose implementation its package
// does not see: Reason says when, At is the value's position
// ("internal/api/api.go:48:12", its path inside the module), Caller the
// function holding the call ("api.(*Handler).CreateOrder") and Via the
// function called ("service.(*Orders).PlaceOrder"), or the interface
// method itself.
type PendingCall struct {
	IfaceArg
	Nil bool
	// Zero, when set, names the fixed-size ID's zero the value is ("the
	// nil UUID"), which repeats under a rule over an ID column as ""
	// does over a text one.
	Zero string
	// Written: the code writes the bad value itself (a field left out, a
	// literal), or the function calling through the interface makes it
	// so from its own parameter; a NULL a column's comment allows
	// (KeyParam.NullIntended) is then only noted, as at a direct call.
	Written bool
	// Unfollowed: the value is bad (as Reason says) only under a
	// condition on Caller's own parameter (nil when it is empty), which
	// is not followed to Caller's callers; the wiring notes it.
	Unfollowed bool
	Reason     string
	At         string
	Caller     string
	Via        string
}

// PendingCalls is the package fact of the pending calls of a package and
// of the packages it imports, directly or not.
type PendingCalls struct {
	Calls []PendingCall
}

func (*PendingCalls) AFact() {}

func (f *PendingCalls) String() string {
	var parts []string
	for _, p := range f.Calls {
		what := "empty"
		switch {
		case p.Unfollowed:
			what = "a value not followed"
		case p.Nil:
			what = "nil"
		case p.Zero != "":
			what = p.Zero
		}
		parts = append(parts, fmt.Sprintf("%s passes %s at %s to %s", p.Caller, what, p.At, p.IfaceArg))
	}
	return "pending: " + strings.Join(parts, "; ")
}

// ReexportPending returns the pending calls of the packages pass imports
// directly (which hold those of their own imports) with own added, and
// exports them as the package's fact when there are any.
func ReexportPending(pass *analysis.Pass, own []PendingCall) []PendingCall {
	out := reexport(pass, own,
		func(f analysis.Fact) []PendingCall {
			if f, ok := f.(*PendingCalls); ok {
				return f.Calls
			}
			return nil
		},
		func(p PendingCall) string { return p.At + "\x00" + p.IfaceArg.String() },
		func(a, b PendingCall) bool {
			if a.At != b.At {
				return a.At < b.At
			}
			return a.IfaceArg.String() < b.IfaceArg.String()
		})
	if len(out) > 0 {
		pass.ExportPackageFact(&PendingCalls{Calls: out})
	}
	return out
}
