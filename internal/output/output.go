package output

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/internal/fixer"
)

// Exit codes, as go vet uses them: 2 is the flag package's (and go
// vet's, and staticcheck's) code for a command line it cannot use.
const (
	ExitClean       = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitDiagnostics = 3
)

// A Position is a place in a file. Columns count bytes from 1; Line 0
// names the file only. Offset is in bytes, or -1 when the source of the
// position (go vet's JSON) does not say.
type Position struct {
	Path                 string
	Line, Column, Offset int
}

func (p Position) String() string {
	switch {
	case p.Path == "":
		return "-"
	case p.Line == 0:
		return p.Path
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Column)
}

// Related is another place that explains a diagnostic.
type Related struct {
	Pos, End Position
	Message  string
}

// An Edit replaces the bytes [Start, End) of a file; Create says the
// edit creates the file (Start and End are 0).
type Edit struct {
	Path       string
	Start, End int
	New        string
	Create     bool
}

// A Fix is one alternative way to resolve a diagnostic.
type Fix struct {
	Message string
	Edits   []Edit
}

// A Diagnostic is one finding, whichever mode found it.
type Diagnostic struct {
	Package  string // the package ID, in package mode
	Code     checks.Code
	Pos, End Position
	Message  string // without the "CODE: " prefix
	Related  []Related
	Fixes    []Fix
}

// An Error is something that stopped part of the run: a package that did
// not load or type-check, a schema folder that could not be listed.
type Error struct {
	Package string // the package ID, when there is one
	Message string
}

// A Note says what a run did not follow (a write whose key was not
// checked, and why). Notes are printed under -v only and are never
// findings.
type Note struct {
	Package string
	Pos     Position
	Message string // "not followed: …"
}

// A Result is everything one run found.
type Result struct {
	Diagnostics []Diagnostic
	Errors      []Error
	Notes       []Note
	// Remarks are lines about the run as a whole, printed under -v after
	// the notes ("idemlint: no insert … writes a key column …").
	Remarks []string
	// KeyWrites counts the packages that insert into a key column (the
	// analyzer's KeyWritesFlag), for the remark made when there are none.
	KeyWrites int
	// IfaceCalls and Wired are the analyzer's signs (its WiredFlag): the
	// notes about calls through interfaces whose implementations are out
	// of view, and the wirings of the run (method and implementing type).
	// DropWiredNotes reads them.
	IfaceCalls []Sign
	Wired      []string
	// Baselines say what each file a fix edits held when it was read, so
	// that -fix never writes over a file that changed since.
	Baselines map[string]fixer.Baseline
}

// A Sign is a diagnostic the analyzer gives the driver, never printed.
type Sign struct {
	Pos     Position
	Message string
}

// DropWiredNotes drops the notes about calls through an interface
// (IfaceCalls: the method, then the implementing types out of view of the
// call, tab-separated) whose every implementation is wired somewhere in
// the run (Wired: the method and the type): that wiring judged the key
// passed there, and reports there what is wrong with it, so the note's
// "not checked here" would only repeat it. So does the note at a method
// implementing an interface declared in a package checked before its own
// (its sign names the method and its one type), once that type is wired.
func (r *Result) DropWiredNotes() {
	if len(r.IfaceCalls) == 0 || len(r.Wired) == 0 {
		return
	}
	wired := map[string]bool{}
	for _, w := range r.Wired {
		wired[w] = true
	}
	judged := map[Position]bool{}
	for _, s := range r.IfaceCalls {
		f := strings.Split(s.Message, "\t")
		if len(f) < 2 {
			continue
		}
		all := true
		for _, impl := range f[1:] {
			all = all && wired[f[0]+"\t"+impl]
		}
		if all {
			judged[s.Pos] = true
		}
	}
	if len(judged) == 0 {
		return
	}
	r.Notes = slices.DeleteFunc(slices.Clone(r.Notes), func(n Note) bool {
		return judged[n.Pos] && strings.HasPrefix(n.Message, "not followed: ") &&
			(strings.Contains(n.Message, " in packages this one does not import, so whether it writes ") || strings.Contains(n.Message, ", declared in a package checked before this one: "))
	})
}

// Normalize sorts the diagnostics by file, offset and message and drops
// repeats (a test variant repeats its package's diagnostics; a history two
// schema paths lead to, its findings).
func (r *Result) Normalize() {
	slices.SortStableFunc(r.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(strings.Compare(a.Pos.Path, b.Pos.Path), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column), cmp.Compare(a.Pos.Offset, b.Pos.Offset),
			strings.Compare(a.Code, b.Code), strings.Compare(a.Message, b.Message))
	})
	r.Diagnostics = slices.CompactFunc(r.Diagnostics, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && a.Code == b.Code && a.Message == b.Message
	})
	r.Notes = slices.Clone(r.Notes) // a Result passed by value must not change its caller's
	slices.SortStableFunc(r.Notes, func(a, b Note) int {
		return cmp.Or(strings.Compare(a.Pos.Path, b.Pos.Path), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column), strings.Compare(a.Message, b.Message))
	})
	r.Notes = slices.CompactFunc(r.Notes, func(a, b Note) bool { return a.Pos == b.Pos && a.Message == b.Message })
}

// A Format is how diagnostics are printed.
type Format int

const (
	Text   Format = iota // "file:line:col: CODE: message" on stderr, as go vet prints
	JSON                 // go vet's -json shape on stdout
	SARIF                // SARIF 2.1.0 on stdout, for code scanning
	GitHub               // GitHub Actions workflow commands on stdout, for PR annotations
)

var formatNames = []string{"text", "json", "sarif", "github"}

func (f Format) String() string { return formatNames[f] }

// ParseFormat reads a -format value.
func ParseFormat(s string) (Format, error) {
	i := slices.Index(formatNames, strings.ToLower(s))
	if i < 0 {
		return Text, fmt.Errorf("-format %q: want one of %s", s, strings.Join(formatNames, ", "))
	}
	return Format(i), nil
}

// Options say how a Result is written.
type Options struct {
	Format         Format
	Fix, Diff      bool // apply the first fix of each diagnostic / print its diff
	Verbose, Quiet bool // related positions and what -fix did / nothing but diagnostics
	// ByPackage selects go vet's JSON shape (package ID → analyzer →
	// diagnostics); otherwise -json prints a flat list.
	ByPackage bool
	// FixOnly, with Fix, applies the fixes and prints none of the
	// diagnostics: the driver checks the fixed code again and prints what
	// is left then (a fix in one package can make another's finding moot).
	FixOnly        bool
	Stdout, Stderr io.Writer
	// Display says how a path prints in text; nil prints it as is.
	Display func(path string) string
	// Tool names the tool in SARIF and in messages.
	Tool ToolInfo
}

// ToolInfo identifies idemlint in SARIF output.
type ToolInfo struct {
	Name, Version, InformationURI string
}

func (o *Options) display(path string) string {
	if o.Display == nil {
		return path
	}
	return o.Display(path)
}

func (o *Options) errorf(format string, args ...any) {
	fmt.Fprintf(o.Stderr, "idemlint: "+format+"\n", args...)
}

// Write prints or fixes res as o says and returns the exit code.
func Write(res Result, o Options) int {
	res.Normalize()
	code := ExitClean
	for _, e := range res.Errors {
		code = ExitError
		if !o.errorsInFormat() || o.Fix || o.Diff {
			fmt.Fprintln(o.Stderr, e.Message)
		}
	}
	left := res.Diagnostics
	shown := 0 // diagnostics a diff shows instead of a message
	if o.Fix || o.Diff {
		var fixCode int
		left, shown, fixCode = applyFixes(res, o)
		code = worse(code, fixCode)
		if o.Fix && o.FixOnly {
			return code
		}
	}
	if err := print(left, res.Errors, o); err != nil {
		o.errorf("%v", err)
		code = ExitError
	}
	if o.Verbose {
		// On stderr in every format: notes are not findings, and no
		// machine-readable format has a place for them.
		for _, n := range res.Notes {
			pos := n.Pos
			pos.Path = o.display(pos.Path)
			fmt.Fprintf(o.Stderr, "%s: note: %s\n", pos, n.Message)
		}
		for _, r := range res.Remarks {
			fmt.Fprintln(o.Stderr, r)
		}
	}
	for _, d := range left {
		if d.Code == checks.ReadError {
			code = worse(code, ExitError) // a file that does not parse is an error, not a finding
		}
	}
	if len(left) > 0 || shown > 0 {
		code = worse(code, ExitDiagnostics)
	}
	return code
}

// errorsInFormat reports whether the format carries errors itself
// (go vet's JSON, SARIF's notifications, GitHub's ::error commands).
func (o *Options) errorsInFormat() bool {
	return o.Format == SARIF || o.Format == GitHub || o.Format == JSON && o.ByPackage
}

func print(diags []Diagnostic, errs []Error, o Options) error {
	switch o.Format {
	case JSON:
		if o.ByPackage {
			return writeVetJSON(o.Stdout, diags, errs)
		}
		return writeJSONList(o.Stdout, diags)
	case SARIF:
		return writeSARIF(o.Stdout, diags, errs, o.Tool)
	case GitHub:
		return writeGitHub(o.Stdout, diags, errs)
	}
	for _, d := range diags {
		writeText(o, d)
	}
	return nil
}

func writeText(o Options, d Diagnostic) {
	pos := d.Pos
	pos.Path = o.display(pos.Path)
	fmt.Fprintf(o.Stderr, "%s: %s: %s\n", pos, d.Code, d.Message)
	if o.Verbose {
		for _, r := range d.Related {
			rp := r.Pos
			rp.Path = o.display(rp.Path)
			fmt.Fprintf(o.Stderr, "\t%s: %s\n", rp, r.Message)
		}
	}
}

// worse combines exit codes: errors win over diagnostics, which win over
// a clean run.
func worse(a, b int) int {
	rank := func(c int) int {
		switch c {
		case ExitClean:
			return 0
		case ExitDiagnostics:
			return 1
		}
		return 2
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}
