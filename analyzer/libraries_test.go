package analyzer_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// libraryModule returns testdata/mod, a module whose packages use the real
// libraries, after downloading its requirements from the module proxy:
// analysistest loads modules with GOPROXY=off, so they must be in the
// module cache first. A failed download fails the test rather than skip
// it: the libraries are what is tested.
func libraryModule(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(testdata(t), "mod")
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod download in %s (the module proxy must be reachable):\n%s", dir, out)
	}
	return dir
}

// TestLibraries checks the libraries that build an INSERT without an
// INSERT string (squirrel, goqu), and rows built in variables, in slices
// appended in a loop or set by index, and in embedded (,extend) wrappers
// (GORM, bun), against the real modules; derivedrows checks what a key
// derived from a row is made of (not the id the database assigns, nor a
// value minted in the function; a client's struct-typed request id);
// gormloops checks rows built in loops (a range variable's key, a Valid
// flag computed from it, elements set under a non-constant index) and
// their fixes (a copy of the key per row where it is made outside the
// loop, no derived key when nothing differs between rows, no fix for a
// struct shared by every iteration),
// elemrows rows built from the elements of a parameter slice (GORM, bun,
// sqlx, pgx's Batch; the element's key copied or made through Valid; the
// callers' slice literals judged element by element, their appended and
// decoded slices as wholes, in the package and in elemrows/api; a
// decoded slice ranged over at the insert),
// convfix a key made into a NULL wrapper at the insert (a converter of
// the package, a literal whose Valid tests its payload), whose fix gives
// the value inside a key, and
// gureguapi guregu's null.String and zero.String (one entry of
// analyzer/vocab's NULL wrappers, and keyflow's tables of their
// constructors): positive and negative cases side by side, every fix
// against its golden, and every fixed package built against the library.
// One load for all the packages: type-checking the libraries from source
// is most of the cost.
func TestLibraries(t *testing.T) {
	dir := libraryModule(t)
	pkgs := []string{"squirrelapi", "goquapi", "gormrows", "derivedrows", "bunrows", "gormloops", "gureguapi", "bunrows/api", "elemrows", "elemrows/api", "notnullwrap", "valuelocal", "convfix", "pgtypestatus", "callbacks"}
	// The GORM and bun models here only carry rows: IDEM104 (a Go model
	// disagreeing with the SQL schema beside it) is not what is tested.
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	analysistest.RunWithSuggestedFixes(t, dir, a, relative(pkgs)...)
	// gureguapi has no fix; bunrows/api's finding has none either:
	// InsertEntry's own fix guards the key.
	buildModuleGoldens(t, dir, "squirrelapi", "goquapi", "gormrows", "derivedrows", "bunrows", "gormloops", "elemrows", "elemrows/api", "notnullwrap", "valuelocal", "convfix")
}

// TestPointerElements checks rows built in a loop from the elements of a
// parameter slice of pointers, the key read through a local copy of a
// pointer field of each element (r := a.Request; … orNil(r.RequestKey)),
// then inserted with GORM's Create of a []*row: the function writes its
// callers' key (a fact on the element's path), unless the loop rejects
// an element without one, a store or a call through the pointer may set
// it, or the row's key is the function's own. Its callers (ptrelems/api)
// build their elements in a way the value analysis does not read through
// pointers: each call gets a -v note, where it passed as fine (an appended
// literal, paladin's slice filled from another slice's pointer fields).
// With notes on: StoreOwnKey (its key's address stored into the row, then
// DB.Table called, which writes through nothing) gets no note: its key is
// followed to the generator.
func TestPointerElements(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ptrelems/...")
}

// TestGormChecks checks GORM's check: settings, read as the CHECK
// constraints AutoMigrate creates: a check that is false for the empty key
// (named or not) silences IDEM202 for a header passed on unchecked; a
// check on another column, or one the empty key passes, does not. The
// fixes are checked against their goldens and built against GORM.
func TestGormChecks(t *testing.T) {
	dir := libraryModule(t)
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./gormcheck")
	buildModuleGoldens(t, dir, "gormcheck")
}

// TestGormSave checks GORM's Save: a row whose primary key (ID, or the
// field tagged primaryKey) the code leaves out is created, and checked as
// Create's row is; one whose primary key the code sets is an update of
// that row, not checked. The fixes are checked against their goldens and
// built against GORM.
func TestGormSave(t *testing.T) {
	dir := libraryModule(t)
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./gormsave")
	buildModuleGoldens(t, dir, "gormsave")
}

// TestGormMapCreate checks GORM's Create of a map after Model (or
// Table): the INSERT names the map's keys, field or column names, so a
// key the map leaves out (or Omit drops) is NULL where the column has no
// default and the database's default where it has one; a key from a
// header that may be absent is reported, one minted or checked is not,
// and a function that writes its string parameter gets the fact for its
// callers. The fixes are checked against their goldens and built
// against GORM.
func TestGormMapCreate(t *testing.T) {
	dir := libraryModule(t)
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./gormmap")
	buildModuleGoldens(t, dir, "gormmap")

	// A gorm.Expr value is SQL of its own: not judged, and said under -v.
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range analysistest.Run(ignoreWants{}, dir, a, "./gormmap") {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.Position(d.Pos)
			if d.Category == analyzer.NoteCategory && strings.Contains(d.Message, "map_transfers.idempotency_key is not a Go value idemlint reads (SQL of its own") {
				fn := enclosingFuncName(r.Pass.Files, r.Pass.Fset, pos)
				if fn != "SQLKey" {
					t.Errorf("%s: note in %s, want it in SQLKey only: %q", pos, fn, d.Message)
				}
				found = true
			}
		}
	}
	if !found {
		t.Error("no note for SQLKey's gorm.Expr key")
	}
}

// enclosingFuncName names the function declaration of files that holds
// pos, or "".
func enclosingFuncName(files []*ast.File, fset *token.FileSet, pos token.Position) string {
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			start, end := fset.Position(fd.Pos()), fset.Position(fd.End())
			if start.Filename == pos.Filename && start.Offset <= pos.Offset && pos.Offset < end.Offset {
				return fd.Name.Name
			}
		}
	}
	return ""
}

// TestBunCreateIndex checks unique rules made by bun's NewCreateIndex:
// a composite unique index over a nullable key is IDEM101 at the model's
// field, and an insert of an unchecked *string key into it is IDEM201; a
// partial index that leaves NULL keys out makes a nil key fine. The fixes
// are checked against their goldens and built against bun.
func TestBunCreateIndex(t *testing.T) {
	dir := libraryModule(t)
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./bunindex")
	buildModuleGoldens(t, dir, "bunindex")
}

// TestMapstructureDecode checks mapstructure's Decode and WeakDecode
// (go-viper/mapstructure, the real module) as decoders: a field the input
// map lacks is "" or nil, directly, through a helper of the package that
// hands its parameter to Decode, and in each element of a decoded slice;
// a key checked after the decode is fine. The fixes are checked against
// their goldens and built.
func TestMapstructureDecode(t *testing.T) {
	dir := libraryModule(t)
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./mapdecode")
	buildModuleGoldens(t, dir, "mapdecode")
}

// TestTxElements checks a slice parameter of rows inserted inside a
// transaction helper's closure (bun's RunInTx, GORM's Transaction): the
// function gets the element fact param i.[].Field, as outside a closure,
// and a caller's slice literal that leaves the key out is reported; a
// goroutine's insert is not the function's write (no fact, no finding).
func TestTxElements(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./txelems")
}

// TestKeysByUseLibraries checks keys known only by what the code does with
// them, against the real libraries: bun's On("CONFLICT (…)"), GORM's
// clause.OnConflict{Columns: …}, squirrel's Suffix("ON CONFLICT (…) …"),
// goqu's OnConflict(goqu.DoUpdate("…", …)) and ent's generated OnConflictColumns
// (entconflict/ent is ent's own output, feature sql/upsert) make key
// columns of unique columns no name marks, in the schema (IDEM101 in
// schema.sql, and at the ent schema's field) and on the Go side (IDEM201),
// each message naming the upsert; a unique nullable column nothing
// upserts on stays unreported. The Go fixes are checked against their
// goldens and built against the libraries.
func TestKeysByUseLibraries(t *testing.T) {
	dir := libraryModule(t)
	pkgs := []string{"./bunconflict", "./gormconflict", "./entconflict", "./entconflict/ent/schema", "./builderconflict"}
	schematest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), pkgs...)
	buildModuleGoldens(t, dir, "bunconflict", "gormconflict", "entconflict", "entconflict/ent/schema", "builderconflict")
}

// buildModuleGoldens builds each section of every .go.golden of the
// packages pkgs in one copy of the module dir, offline, with one go build:
// each section is written, with the other files of its package, into a
// package of its own (zzfixes/s0, zzfixes/s1…) beside the module's
// packages, which it imports by their paths as the original does. A fix
// that does not compile against the library is worse than none.
func buildModuleGoldens(t *testing.T, dir string, pkgs ...string) {
	t.Helper()
	tmp := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".golden") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if err := os.MkdirAll(filepath.Join(tmp, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		copyFile(t, p, filepath.Join(tmp, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var copies []goldenCopy
	for _, pkg := range pkgs {
		n := len(copies)
		copies = append(copies, goldenCopies(t, filepath.Join(dir, pkg), func(i int) string {
			return filepath.Join(tmp, "zzfixes", fmt.Sprintf("s%d", n+i))
		})...)
	}
	cmd := exec.Command("go", "build", "./zzfixes/...")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	reportBuild(t, cmd, copies, "example.com/libs/zzfixes/")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNotes checks the notes of the analyzer's notes flag (idemlint -v):
// each write idemlint recognises but cannot follow, against the real
// libraries, says what was not followed and where, beside writes that are
// read and get none; and without the flag not one note is reported.
func TestNotes(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./notes/...")

	quiet := analyzer.New(&config.Options{Checks: "-IDEM104"})
	for _, r := range analysistest.Run(ignoreWants{}, dir, quiet, "./notes/...") {
		for _, d := range r.Diagnostics {
			if d.Category == analyzer.NoteCategory {
				t.Errorf("without the notes flag: %s: note %q", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// TestNotesNotInEntPlumbing: ent's generated package calls its own
// builders' ends (ExecX → Exec → Save on the receiver, the client's mutate
// on a &MessageCreate{…} literal). Those are ent's plumbing between the
// ends of the user's write, not writes: not one note there, where the
// user's chains (./entapi) are read.
func TestNotesNotInEntPlumbing(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	for _, r := range analysistest.Run(ignoreWants{}, dir, a, "./entapi/ent") {
		for _, d := range r.Diagnostics {
			if d.Category == analyzer.NoteCategory {
				t.Errorf("%s: note in ent's generated code: %q", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// ignoreWants is an analysistest.Testing that drops the complaints about
// expectations: TestNotes's quiet run looks at the diagnostics itself.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// TestEntCodegenCurrent: the ent code checked in under testdata/mod is
// what ent's code generator makes of its schema today. Each project is
// generated again into a temporary folder (internal/entgen, offline,
// with the module's ent) and compared file by file with the checked-in
// code, so that a schema edited without regenerating fails here rather
// than leave the tests reading stale generated code.
func TestEntCodegenCurrent(t *testing.T) {
	dir := libraryModule(t)
	for _, project := range []string{"entorders", "entconflict", "entapi", "entremit"} {
		t.Run(project, func(t *testing.T) {
			checked := filepath.Join(dir, project, "ent")
			tmp := t.TempDir()
			cmd := exec.Command("go", "run", "./internal/entgen", "./"+project+"/ent/schema", tmp, "example.com/libs/"+project+"/ent")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ent codegen: %v\n%s", err, out)
			}
			want := generatedFiles(t, tmp)
			got := generatedFiles(t, checked)
			for name, text := range want {
				if got[name] == nil {
					t.Errorf("%s/ent/%s: generated, not checked in", project, name)
				} else if !sameGenerated(got[name], text) {
					t.Errorf("%s/ent/%s differs from ent's output for its schema (run go generate in %s/ent)", project, name, project)
				}
			}
			for name := range got {
				if want[name] == nil {
					t.Errorf("%s/ent/%s: checked in, not generated", project, name)
				}
			}
		})
	}
}

// sameGenerated compares two generated files, their import blocks as
// sets: goimports groups an import it adds by where it found it, which
// is not part of what ent generates.
func sameGenerated(a, b []byte) bool {
	return bytes.Equal(a, b) || importsAsSet(a) == importsAsSet(b)
}

func importsAsSet(src []byte) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.ParseComments)
	if err != nil || len(f.Imports) == 0 {
		return string(src)
	}
	var paths []string
	for _, im := range f.Imports {
		paths = append(paths, im.Path.Value)
	}
	sort.Strings(paths)
	end := fset.Position(f.Decls[len(f.Decls)-1].End()).Offset
	start := fset.Position(f.Decls[0].Pos()).Offset
	return string(src[:start]) + strings.Join(paths, "\n") + string(src[end:])
}

// generatedFiles reads the files below an ent target folder that ent
// generates: all but the schema package and generate.go.
func generatedFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel == "schema" {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == "generate.go" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// apiPackages are the packages of testdata/mod that bind the key from a
// Go value through the libraries' APIs: sqlx's named parameters and
// prepared named statements; pgx v5's NamedArgs, Batch.Queue and CopyFrom
// (CopyFromRows, CopyFromSlice) on a connection, a transaction and a
// pgxpool.Pool, and pgx v4's; sqlc's pgx/v5 output (sqlcpgx/db, its
// :copyfrom included) and its callers; GORM's Create after Omit and Select
// and its Go-declared tables; ent's create builders (entapi/ent is ent's
// own output) in chains and in variables; bun's insert queries and
// converters, and bun on SQLite; the handler → repository layout
// across packages (chatapi, chatrepo, httpx: facts carry what each
// function writes); and a derived key that leaves out a minted ID
// (derived); a bun-only shop whose tables are bun models created by a
// loop over a list of models in another package (bunshop); an ent schema
// whose field names, index names and predicates are constants and package
// variables (entnames, flexprice's shape); a GORM service copying its
// request's key into a row variable, beside the same insert over SQL, and
// its handlers (gormsvc); keys dereferenced by lo.FromPtr, lo.FromPtrOr
// and a deref helper from a *string parameter (derefkey, flexprice's
// shape); slice literals of rows with elided element types, converters
// returning the row's address, one slice handed to two batch inserts
// (batchrows); generic repository functions, judged at each
// instantiating call (genericrepo); and two GORM models of one type name
// in two packages (billing.Account, ledger.Account), each insert checked
// against its own model's table (gormtwin); and a key that crosses a
// DTO → domain mapper and a domain → row mapper, each in its own package
// (mappers: the results' fields are carried by facts).
// apiFixPackages are those of them with fixes (and goldens).
// Every check but IDEM104 is on: the module holds many schema.sql files
// declaring tables of the same names, and IDEM104 compares a Go model
// with each of them.
var (
	apiPackages = []string{
		"sqlxnamed", "sqlxnamed/dbutil", "sqlxrebind", "pqcopy", "prepstmt", "pgxapi", "pgxpool5", "pgxv4", "sqlcpgx/db", "sqlcpgx",
		"gormapi", "gormchain", "gormdecl", "gormmodels", "gormrepo", "entapi", "entvar", "bunapi", "bunhook", "bunconvert", "bunsqlite", "bunrepo", "chatrepo", "httpx", "chatapi",
		"derived/api", "derived/db", "derived/models", "derived/store", "bunshop", "bunshop/models", "bunshop/migrate", "entremit", "entnames/ent/schema", "gormsvc", "gormsvc/api",
		"derefkey", "derefkey/txdb", "batchrows", "bungeneric", "bungeneric/shipments", "genericrepo", "genericrepo/repo", "genericrepo/orders", "validatorerr", "kafkakey", "gormtwin", "gormtwin/billing", "gormtwin/ledger", "gormcreate", "condrows", "condrows/api", "ginecho", "sqlcptr/db", "sqlcptr",
		"mappers", "mappers/api", "mappers/mapping", "mappers/rows", "cobraflags",
	}
	apiFixPackages = []string{
		"sqlxnamed", "prepstmt", "pgxapi", "pgxpool5", "pgxv4", "gormapi", "gormdecl", "gormmodels", "gormrepo", "entapi", "entvar", "bunapi", "bunconvert", "chatrepo", "chatapi", "derived/store", "bunshop", "bunshop/models", "entnames/ent/schema", "gormsvc", "gormsvc/api",
		"derefkey", "bungeneric", "bungeneric/shipments", "genericrepo", "genericrepo/orders", "validatorerr", "gormtwin", "gormtwin/billing", "condrows", "condrows/api", "ginecho", "sqlcptr", "mappers", "mappers/api", "cobraflags",
	}
)

// TestLibraryAPIs checks apiPackages against the real libraries in one
// run (one load: type-checking the libraries from source is most of the
// cost): their want comments in Go and schema files, every fix against
// its golden (and the derived-key fix's messages), then every fixed
// package built against the library, all sections in one go build.
func TestLibraryAPIs(t *testing.T) {
	dir := libraryModule(t)
	results := schematest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), relative(apiPackages)...)
	derivedFixMessages(t, results)
	buildModuleGoldens(t, dir, apiFixPackages...)
}

// relative turns package folders of the module into patterns.
func relative(pkgs []string) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, "./"+p)
	}
	return out
}

// derivedFixMessages checks the derived-key fix on formance payments'
// shape (package derived): the ID of a webhook delivery is minted by the
// server (in another package) per delivery, so the key is derived from
// the delivery's connector and body, and the message says why the ID is
// left out; with nothing else to go on, only the random key is offered,
// saying that only a client-sent key dedupes retries.
func derivedFixMessages(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	var msgs []string
	for _, r := range results {
		if !strings.HasSuffix(r.Pass.Pkg.Path(), "/derived/store") {
			continue
		}
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				msgs = append(msgs, fix.Message)
			}
		}
	}
	want := []string{
		"Derive the key from the request (SHA-256 of w.ConnectorID, w.Body) before the call when none was sent",
		"left out: w.ID is a random value (rand.Text) (derived/api/api.go:21), minted per request, so no retry would repeat it",
		"only a key the client sends dedupes its retries, and nothing here identifies a retry (p.ID is a random value (rand.Text) (derived/api/api.go:30), minted per request)",
	}
	for _, w := range want {
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, w) }) {
			t.Errorf("no fix says %q; fixes:\n%s", w, strings.Join(msgs, "\n"))
		}
	}
	for _, m := range msgs {
		if strings.Contains(m, "SHA-256 of") && strings.Contains(m, "p.ID") || strings.Contains(m, "SHA-256 of w.ID") {
			t.Errorf("a derived key hashes a minted ID: %s", m)
		}
	}
}

// TestHooksOtherPackage: bun models whose BeforeAppendModel hooks are
// declared with them in package hookother/models, inserted by package
// hookother/store: the hooks are read where they are declared and carried
// by a fact (keyfacts.ModelHooks), so the inserts are judged as in
// bunhook (a key the hook leaves is reported; one it mints gets only the
// note every hook-made key gets; a hook that hands the row on is noted),
// where they were all "declared out of view" notes. Through go vet:
// cmd/idemlint's TestWantsThroughExportData/hookother.
func TestHooksOtherPackage(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./hookother/...")
}

// TestElementCalls checks a function that ranges over its parameter
// slice and calls sqlc's generated insert once per element (elemcalls):
// the element's key, copied or converted, gets the fact on the element's
// path, an exported function whose element holds a *string or a
// pgtype.Text is the contract, a loop that rejects an element without a
// key clears both, and the callers' decoded slices are judged, in the
// package and across it (elemcalls/api).
func TestElementCalls(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./elemcalls/...")
}

// TestEntIndirect checks ent's create builders run on a client a package
// gets from another package of the module without importing ent or its
// generated package (entindirect): they are ent's writes all the same.
func TestEntIndirect(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./entindirect/...")
}

// TestBunValue checks bun's InsertQuery.Value(column, "?", arg), which
// binds arg as the column's value whatever the model's field holds: arg
// is judged as a bind argument (a header that may be absent, a *string
// that may be nil, a string parameter whose callers decide), the field
// Value overrides is not, and a Value of SQL of its own is not followed.
func TestBunValue(t *testing.T) {
	dir := libraryModule(t)
	analysistest.Run(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./bunvalue")
}
