package analyzer_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestConsumerInterfaces: an interface declared where it is called (svc),
// implemented by exported types of a package that imports it (repo), and
// wired in a third (cmd/server): the handlers' values (api) are judged at
// the wiring, where the implementation converted is the one that runs. A
// string key written as NULL when empty (database/sql's NullString and
// bun's nullzero through a converter), a *string key (the repository's
// own contract finding stays), beside a handler that rejects a missing
// key, one that makes its own, a service method that checks the key, and
// a wiring of the implementation that rejects an empty key (altwire:
// silent). Through go vet: cmd/idemlint's TestWantsThroughExportData.
// The same wiring with a UUID key (idwire): a handler that drops Parse's
// error passes the nil UUID, reported at the wiring; one that rejects it
// is silent. One port call with two keys (fmtwire): each key column gets
// its finding at the wiring, and the one the service writes as a part of
// a key format is "the same value", not "empty".
func TestConsumerInterfaces(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ifacewire/...", "./idwire/...", "./fmtwire/...")
}

// TestInterfaceChain: a handler calls the service through the handler's
// own interface, in a package that does not import the service, and the
// service hands the key on to its own store interface (ifacechain). The
// wiring of the service to the handler's interface cannot judge those
// calls, and says so at the conversion (-v); so does the wiring of the
// store for a key path the service's calls are not recorded on (a field
// named Key); a path they are recorded on gets no note, nor does a
// service method that checks the key itself.
func TestInterfaceChain(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ifacechain/...")
}

// TestConsumerInterfacesShared: a package that only asks which parameters
// may carry a key (api, calling svc's interface, whose implementation it
// does not see) reads the names of the key columns from the answer the
// tool processes of one go vet run share (internal/vetshare) rather than
// read the module's models again: the run's first process writes it, and
// the findings are those of a run without a shared folder, when the
// answer is written, read, and found damaged.
func TestConsumerInterfacesShared(t *testing.T) {
	dir := libraryModule(t)
	findings := func() []string { return findingsOf(dir, "./ifacewire/...") }
	want := findings()
	if !slices.ContainsFunc(want, func(f string) bool { return strings.Contains(f, "cmd/server") }) {
		t.Fatalf("no finding at the wiring in cmd/server: %q", want)
	}
	sameWithSharedEntry(t, want, findings, "idemlint-modelkeycolumns-v1-*.json", func(data []byte) bool { return strings.Contains(string(data), `"idempotency_key"`) })
}
