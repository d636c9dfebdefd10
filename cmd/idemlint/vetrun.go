package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/fixer"
	"github.com/idemlint/idemlint/internal/output"
	"github.com/idemlint/idemlint/schema/load"
	"github.com/idemlint/idemlint/schema/migrate"
)

// A vetRequest is what the package mode asks go vet to do: run this
// executable as its vet tool over patterns, with the analyzer flags the
// user set. go vet analyses one package per process, with export data for
// dependencies and facts passed between processes, and caches results, so
// the standalone driver costs what go vet costs.
type vetRequest struct {
	patterns  []string
	tags      string
	toolFlags []string // -idemlint.NAME=VALUE, for the flags the user set
	opts      *config.Options
	notes     bool // -v: ask the analyzer for its notes (analyzer.NotesFlag)
}

// vetToolFlags returns the analyzer flags set on fs, spelled for go vet.
func vetToolFlags(fs *flag.FlagSet) []string {
	var out []string
	fs.Visit(func(f *flag.Flag) {
		if analyzer.Analyzer.Flags.Lookup(f.Name) != nil {
			out = append(out, fmt.Sprintf("-%s.%s=%s", analyzer.Analyzer.Name, f.Name, f.Value.String()))
		}
	})
	return out
}

// runVet runs go vet and gathers its diagnostics and errors. When go vet
// gives up on the whole run because some packages cannot be loaded (a
// missing module, a test file importing a package that is not there), it
// runs again on the packages that load, so one broken package does not
// hide every other package's findings.
func (c *cli) runVet(req vetRequest) (output.Result, error) {
	var res output.Result
	args, err := c.vetArgs(req)
	if err != nil {
		return res, err
	}
	start := time.Now()
	stdout, stderr, runErr := c.execGo(append(args, req.patterns...))
	for _, line := range progressLines(stderr) {
		fmt.Fprintln(c.stderr, line)
	}
	res.Errors = vetErrors(stderr)
	stderrs := []string{stderr}
	if runErr != nil && strings.TrimSpace(stdout) == "" {
		if good, ok := c.loadablePackages(req); ok {
			stdout, stderr, runErr = c.execGo(append(args, good...))
			res.Errors = append(res.Errors, vetErrors(stderr)...)
			stderrs = append(stderrs, stderr)
		}
	}
	if err := decodeVetJSON(strings.NewReader(stdout), &res); err != nil {
		return res, fmt.Errorf("reading go vet's output: %v", err)
	}
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) {
		return res, runErr // go itself did not run
	}
	if runErr != nil && len(res.Errors) == 0 {
		res.Errors = append(res.Errors, output.Error{Message: "go vet: " + runErr.Error()})
	}
	addBaselines(&res, start)
	res.DropWiredNotes()
	if len(res.Errors) > 0 {
		// Some package did not build: perhaps the one that reports the
		// module's schemas (a rerun on the loadable packages leaves it out).
		c.addUnvettedSchemaFindings(&res, req, stderrs...)
	}
	if req.notes && res.KeyWrites == 0 {
		unread := 0
		for _, n := range res.Notes {
			if strings.HasPrefix(n.Message, "not followed:") {
				unread++
			}
		}
		res.Remarks = append(res.Remarks, noKeyWrites(len(res.Errors) > 0, unread))
	}
	return res, nil
}

// noKeyWrites says, under -v, that no package of the run inserts into a
// key column: the Go side found nothing to check, which its silence
// would not say (a module whose key tables only other services write, or
// whose inserts write only columns that are no keys). someBroken says some
// packages did not build, which the line then leaves out; unread counts
// the notes of writes not followed, which the line says may write one.
func noKeyWrites(someBroken bool, unread int) string {
	which := "the packages checked"
	if someBroken {
		which = "the packages that built"
	}
	line := "idemlint: no insert idemlint recognises in " + which + " writes a key column (one a unique rule covers, whose NULL or empty value would repeat), so the Go side had no key to check"
	if unread > 0 {
		line += fmt.Sprintf("; %d note(s) above name writes or calls that were not followed, which may write one", unread)
	}
	return line
}

// vetArgs are go vet's arguments before the packages.
func (c *cli) vetArgs(req vetRequest) ([]string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"vet", "-vettool=" + self, "-json", reportingGcflags}
	if req.tags != "" {
		args = append(args, "-tags="+req.tags)
	}
	args = append(args, req.toolFlags...)
	args = append(args, "-"+analyzer.Analyzer.Name+"."+analyzer.CreateFilesFlag)
	if req.notes {
		// A tool flag is part of go vet's cache key: a run with notes is
		// never answered by one without.
		args = append(args, "-"+analyzer.Analyzer.Name+"."+analyzer.NotesFlag)
		args = append(args, "-"+analyzer.Analyzer.Name+"."+analyzer.KeyWritesFlag)
		args = append(args, "-"+analyzer.Analyzer.Name+"."+analyzer.WiredFlag)
	}
	if d := inputsDigest(c.dir, req.opts); d != "" {
		args = append(args, "-"+analyzer.Analyzer.Name+"."+analyzer.InputsFlag+"="+d)
	}
	return args, nil
}

// reportingGcflags sets a compiler flag that changes nothing in what is
// built, only on the packages named on the command line (a -gcflags
// without a pattern applies to those alone). go vet caches a vet run
// under a key that does not say whether the run reported or only
// computed facts for an importer, and replays the cached output either
// way: a package first vetted as a dependency (go vet ./svc vets ./store
// for facts) came back with no findings when vetted itself. The flag is
// part of each named package's build key, and so of its vet key: a
// package's reporting runs and its facts-only runs are cached apart, and
// each still hits the cache when repeated. docs/vet-cache.md has the
// reproduction with plain go vet.
const reportingGcflags = "-gcflags=-env=IDEMLINT_VET=report"

// execGo runs the go command in the working directory.
func (c *cli) execGo(args []string) (stdout, stderr string, err error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = c.dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

// loadablePackages lists the packages of the patterns whose every variant
// (with its tests) loads; ok is false when there are none, or when all of
// them load and rerunning would change nothing.
func (c *cli) loadablePackages(req vetRequest) ([]string, bool) {
	l, ok := c.listPackages(req)
	if !ok {
		return nil, false
	}
	var good []string
	for _, p := range l.order {
		if !l.broken[p] {
			good = append(good, p)
		}
	}
	return good, len(good) > 0 && len(good) < len(l.order)
}

// listedPackages is go list's answer for the patterns, with each test
// variant ("p [p.test]", "p_test [p.test]", "p.test") folded onto its
// package: a package is broken when any of its variants does not load,
// since go vet analyses a package with its tests.
type listedPackages struct {
	order  []string          // import paths, in go list's order
	dirs   map[string]string // import path → directory
	broken map[string]bool
}

// listPackages runs go list -test over the patterns; ok is false when go
// list itself failed (what it printed is still read).
func (c *cli) listPackages(req vetRequest) (listedPackages, bool) {
	args := []string{"list", "-e", "-test", "-f", "{{.ImportPath}}\t{{.ForTest}}\t{{.Dir}}\t{{if or .Error .DepsErrors}}broken{{end}}"}
	if req.tags != "" {
		args = append(args, "-tags="+req.tags)
	}
	l := listedPackages{dirs: map[string]string{}, broken: map[string]bool{}}
	stdout, _, err := c.execGo(append(args, req.patterns...))
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		pkg := strings.Fields(f[0])[0] // "p [p.test]" → p
		if f[1] != "" {
			pkg = f[1]
		}
		pkg = strings.TrimSuffix(strings.TrimSuffix(pkg, ".test"), "_test")
		if _, seen := l.broken[pkg]; !seen {
			l.order = append(l.order, pkg)
			l.broken[pkg] = false
			l.dirs[pkg] = f[2]
		}
		l.broken[pkg] = l.broken[pkg] || f[3] != ""
	}
	return l, err == nil
}

// decodeVetJSON reads go vet -json's stream of objects (package ID →
// analyzer → diagnostics or {"error": …}). Each object is scanned once by
// the decoder and each package's idemlint entry decoded once more, by its
// shape: an array holds diagnostics, an object an error. (Trying the
// error form first scanned every package's diagnostics, fixes included,
// twice more: a third of the driver's own instructions on a module with
// a hundred findings.)
func decodeVetJSON(r io.Reader, res *output.Result) error {
	dec := json.NewDecoder(r)
	for {
		var tree map[string]vetPackage
		if err := dec.Decode(&tree); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(tree)) {
			raw := bytes.TrimLeft(tree[id].Idemlint, " \t\r\n")
			if len(raw) == 0 {
				continue
			}
			if raw[0] == '{' {
				var failed struct{ Error string }
				if err := json.Unmarshal(raw, &failed); err != nil {
					return fmt.Errorf("package %s: %v", id, err)
				}
				if failed.Error == "" {
					return fmt.Errorf("package %s: an object without an error where diagnostics were expected", id)
				}
				res.Errors = append(res.Errors, output.Error{Package: id, Message: "idemlint: " + id + ": " + failed.Error})
				continue
			}
			var diags []vetDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				return fmt.Errorf("package %s: %v", id, err)
			}
			for _, d := range diags {
				if d.Category == analyzer.KeyWritesCategory {
					res.KeyWrites++
					continue
				}
				if d.Category == analyzer.IfaceCallCategory {
					res.IfaceCalls = append(res.IfaceCalls, output.Sign{Pos: parsePosn(d.Posn), Message: d.Message})
					continue
				}
				if d.Category == analyzer.WiredCategory {
					res.Wired = append(res.Wired, d.Message)
					continue
				}
				if d.Category == analyzer.NoteCategory {
					res.Notes = append(res.Notes, output.Note{Package: id, Pos: parsePosn(d.Posn), Message: d.Message})
					continue
				}
				res.Diagnostics = append(res.Diagnostics, d.diagnostic(id))
			}
		}
	}
}

// vetPackage is one package's entry in go vet's JSON: idemlint's result
// (the tag is analyzer.Analyzer.Name), kept raw until its shape says what
// it is; other analyzers' entries are skipped without being kept.
type vetPackage struct {
	Idemlint json.RawMessage `json:"idemlint"`
}

// vetDiagnostic is go vet's JSON form of a diagnostic.
type vetDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

func (v vetDiagnostic) diagnostic(pkg string) output.Diagnostic {
	d := output.Diagnostic{Package: pkg, Code: v.Category, Pos: parsePosn(v.Posn), End: parsePosn(v.End),
		Message: strings.TrimPrefix(v.Message, v.Category+": ")}
	for _, r := range v.Related {
		d.Related = append(d.Related, output.Related{Pos: parsePosn(r.Posn), End: parsePosn(r.End), Message: r.Message})
	}
	for _, sf := range v.SuggestedFixes {
		f := output.Fix{Message: sf.Message}
		for _, e := range sf.Edits {
			_, err := os.Stat(e.Filename)
			// The analyzer spells a file to create as an insertion into an
			// empty file that does not exist yet.
			create := errors.Is(err, os.ErrNotExist) && e.Start == 0 && e.End == 0
			f.Edits = append(f.Edits, output.Edit{Path: e.Filename, Start: e.Start, End: e.End, New: e.New, Create: create})
		}
		d.Fixes = append(d.Fixes, f)
	}
	return d
}

// parsePosn reads go vet's "file:line:col" (or "file:line", or "file").
// The byte offset is not part of it; the output layer does not need it.
func parsePosn(s string) output.Position {
	p := output.Position{Path: s, Offset: -1}
	nums := []*int{&p.Column, &p.Line}
	if strings.Count(s, ":") == 1 {
		nums = nums[1:] // file:line
	}
	for _, n := range nums {
		i := strings.LastIndexByte(p.Path, ':')
		if i < 0 {
			break
		}
		v, err := strconv.Atoi(p.Path[i+1:])
		if err != nil {
			break
		}
		*n, p.Path = v, p.Path[:i]
	}
	if p.Line == 0 {
		p.Column = 0
	}
	return p
}

// vetErrors turns what go vet printed on stderr (build and type errors,
// tool failures) into errors, leaving out the "# pkg" headers that go
// before each package's errors. A file that changed under go vet is said
// to have changed (explainEditRaces).
func vetErrors(stderr string) []output.Error {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(stderr))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ") || strings.TrimSpace(line) == "" || goProgress(line) {
			continue
		}
		lines = append(lines, line)
	}
	var out []output.Error
	for _, l := range explainEditRaces(lines) {
		out = append(out, output.Error{Message: l})
	}
	return out
}

// goProgress reports whether line is the go command saying what it fetches
// ("go: downloading example.com/m v1.2.0"), which a first run with an empty
// module cache prints on stderr and which is not an error: counted as one,
// it made that run exit 1 with nothing else to say.
func goProgress(line string) bool {
	for _, p := range []string{"go: downloading ", "go: finding ", "go: extracting "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// progressLines returns the go command's progress lines in stderr, which
// the driver passes on to its own stderr so that a long first run says
// what it was doing.
func progressLines(stderr string) []string {
	var out []string
	for _, line := range strings.Split(stderr, "\n") {
		if goProgress(line) {
			out = append(out, line)
		}
	}
	return out
}

// addBaselines records what each file a fix edits holds now, so -fix
// never writes over a later change, and drops, with an error, the fixes
// of files that changed while go vet was reading them.
func addBaselines(res *output.Result, start time.Time) {
	res.Baselines = map[string]fixer.Baseline{}
	stale := map[string]bool{}
	for _, d := range res.Diagnostics {
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				path := fixer.CleanPath(e.Path)
				if _, ok := res.Baselines[path]; ok || stale[path] {
					continue
				}
				if e.Create {
					res.Baselines[path] = fixer.Baseline{Absent: true}
					continue
				}
				info, err := os.Stat(path)
				src, rerr := os.ReadFile(path)
				if err != nil || rerr != nil || info.ModTime().After(start) {
					stale[path] = true
					continue
				}
				res.Baselines[path] = fixer.Baseline{Content: src}
			}
		}
	}
	if len(stale) == 0 {
		return
	}
	for i, d := range res.Diagnostics {
		if slices.ContainsFunc(d.Fixes, func(f output.Fix) bool {
			return slices.ContainsFunc(f.Edits, func(e output.Edit) bool { return stale[fixer.CleanPath(e.Path)] })
		}) {
			res.Diagnostics[i].Fixes = nil
		}
	}
	for _, path := range slices.Sorted(maps.Keys(stale)) {
		res.Errors = append(res.Errors, output.Error{Message: "idemlint: " + path + " changed while idemlint was reading it; its fixes are left out: run idemlint again"})
	}
}

// inputsDigest hashes the files the analysis reads that go vet does not
// see as inputs: the configuration file (.idemlint.yaml), the -schema
// files, or else every schema the module holds (read for packages that
// insert without embedding theirs), and the Go files that may declare
// models (GORM, ent, bun): a package that inserts into a model's table
// need not import the model's package, so vet's key for it does not
// change when the model does. "" when there are none.
func inputsDigest(dir string, opts *config.Options) string {
	root := load.ModuleRoot(dir)
	if root == "" {
		return ""
	}
	var paths []string
	settings, err := opts.Resolve(root)
	if err == nil && len(settings.SchemaPaths) > 0 {
		paths = settings.SchemaPaths
	} else if sources, err := migrate.FindSchemas(root); err == nil {
		for _, s := range sources {
			paths = append(paths, s.Paths...)
		}
	}
	files, err := load.Expand(paths)
	if err != nil {
		files = nil
	}
	files = append(files, load.GoModelFiles(root)...)
	if cf := config.Find(root); cf != "" {
		files = append(files, cf)
	}
	if len(files) == 0 {
		return ""
	}
	h := sha256.New()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(src))
		h.Write(src)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
