package keyfacts

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// An ImplKeys is a package fact listing the key-writing methods of
// unexported types that implement a method of an interface declared in
// another package: func NewPayoutStore(db) domain.PayoutStore { return
// &pgPayoutStore{db} } in package pgstore, whose (*pgPayoutStore).Create
// writes its parameter's IdempotencyKey. An importer reads the package
// from export data, which has no unexported types, so the KeyParams fact
// on the method never reaches it, and a package cannot put a fact on
// another package's interface method. The importer finds the interface
// method by its package, type and name.
//
// Package facts reach direct importers only, so each package re-exports
// the entries of the packages it imports (ReexportImplKeys): a caller
// sees the implementations of every package it imports, directly or not,
// as it sees their other facts.
type ImplKeys struct {
	Impls []ImplKey
}

// An ImplKey is one implementing method: of method Method of interface
// Iface, declared in package IfacePkg ("example.com/domain",
// "PayoutStore", "Create"), Impl is the implementation, named as in its
// package ("pgPayoutStore.Create"), in package ImplPkg.
type ImplKey struct {
	IfacePkg, Iface, Method string
	Impl                    string
	ImplPkg                 string
	Keys                    []KeyParam
	// Exported: the implementing type is exported, and the interface is
	// declared in another package of the module (a consumer-declared
	// interface, wiring.go). Such an entry does not stand for the
	// interface method in calls through it (the type's own facts reach
	// every importer); it is matched where the type is converted to the
	// interface.
	Exported bool
}

// Name is the interface method's name for messages, with its package's
// path: "example.com/domain.PayoutStore.Create".
func (e ImplKey) Name() string { return e.IfacePkg + "." + e.Iface + "." + e.Method }

func (*ImplKeys) AFact() {}

func (f *ImplKeys) String() string {
	var parts []string
	for _, e := range f.Impls {
		var ks []string
		for _, k := range e.Keys {
			ks = append(ks, fmt.Sprintf("param %d%s → %s.%s", k.Param, strings.Join(append([]string{""}, k.Path...), "."), k.Table, k.Column))
		}
		parts = append(parts, fmt.Sprintf("%s.%s implements %s, writes key %s", e.ImplPkg, e.Impl, e.Name(), strings.Join(ks, ", ")))
	}
	return strings.Join(parts, "; ")
}

// ReexportImplKeys returns the entries of the packages pass imports
// directly (which hold those of their own imports) with own added, and
// exports them as the package's fact when there are any.
func ReexportImplKeys(pass *analysis.Pass, own []ImplKey) []ImplKey {
	out := reexport(pass, own,
		func(f analysis.Fact) []ImplKey {
			if f, ok := f.(*ImplKeys); ok {
				return f.Impls
			}
			return nil
		},
		func(e ImplKey) string { return e.Name() + "\x00" + e.ImplPkg + "\x00" + e.Impl },
		func(a, b ImplKey) bool {
			if a.Name() != b.Name() {
				return a.Name() < b.Name()
			}
			return a.ImplPkg+"."+a.Impl < b.ImplPkg+"."+b.Impl
		})
	if len(out) > 0 {
		pass.ExportPackageFact(&ImplKeys{Impls: out})
	}
	return out
}

// reexport merges own with the entries the imported packages' facts hold
// (entries picks them out of one fact), each entry once by its key, in
// the order less gives; nil when there are none. Package facts reach
// direct importers only, so each package re-exports what it merged.
func reexport[E any](pass *analysis.Pass, own []E, entries func(analysis.Fact) []E, key func(E) string, less func(a, b E) bool) []E {
	seen := map[string]bool{}
	var out []E
	add := func(e E) {
		if k := key(e); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	for _, e := range own {
		add(e)
	}
	for _, pf := range pass.AllPackageFacts() {
		if pf.Package != pass.Pkg {
			for _, e := range entries(pf.Fact) {
				add(e)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}
