package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestUnexportedImpls: a call through an exported interface whose one
// key-writing implementation is an unexported type of the interface's
// package (returned by an exported constructor typed as the interface)
// is judged as a call of that implementation in the importing package,
// beside a key that is set (silent) and an interface with two such
// implementations (not judged). With notes on, so that a false note
// ("no key-writing method in view implements …") fails too.
func TestUnexportedImpls(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ifaceimpl/...")
}

// TestNamedArgsSetIf: a pgx.NamedArgs entry set only when a parameter's
// pointer is not nil (if in.Key != nil { args["k"] = *in.Key }) is NULL
// exactly where the pointer is nil: the store is reported, as before,
// and its callers in another package are judged on what they pass (a
// decoded optional field: reported; a key made there: silent), beside a
// store that rejects a nil key first (no finding, no fact).
func TestNamedArgsSetIf(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./namedcond/...")
}

// TestEntSetOnlyWhen: an ent builder in a variable whose key setter runs
// only when a parameter's string is not empty (if key != "" {
// b.SetX(key) }) leaves the key NULL exactly where the caller's string is
// empty: the function gets the fact and is not reported itself; its
// callers are (a query parameter: reported; a key made there: silent).
// Under p != nil with SetX(*p), a *string key, the function is reported
// as well. A function that rejects "" first: no fact.
func TestEntSetOnlyWhen(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./entcond/...")
}

// TestOtherPackageImpls: an unexported implementation of an interface
// declared in another package (pgstore's pgPayoutStore, a
// domain.PayoutStore) is judged at calls through the interface in a
// package that imports the implementing one (app) or imports a package
// that does (api, through app's re-exported fact), beside a keyed call
// (silent) and an interface with an implementation in a package the
// caller does not import (memstore: noted, not judged). Through go vet
// (export data, where the method's own fact is lost): cmd/idemlint's
// TestWantsThroughExportData.
func TestOtherPackageImpls(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ifaceother/...")
}

// TestTxNoError: a transaction helper whose function parameter returns
// nothing (InTx(ctx, fn func(tx *sql.Tx)), WithTx(ctx, s, fn func(q
// *Queries)) through it) runs it before it returns: the closure's write
// of its parent's parameter is the parent's (fact; callers judged:
// decoded key reported, minted key silent), beside a key checked first
// (no fact) and a closure a helper keeps for later (OnCommit: no fact,
// reported where it is written).
func TestTxNoError(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./txnoerr/...")
}
