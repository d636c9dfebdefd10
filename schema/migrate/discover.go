package migrate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// ErrNoMigrations is returned by Discover for a folder that holds no
// migration it recognises.
var ErrNoMigrations = errors.New("no migrations found")

// A Range is a half-open byte range [Start, End) of a file.
type Range struct{ Start, End int }

// A Step is one migration, in the order its tool applies it.
type Step struct {
	Path string // the file applied: dir/…/name.sql
	// Version as written in the name, Flyway's 1_1 spelt 1.1; empty for a
	// Flyway repeatable migration.
	Version string
	Name    string // the descriptive part of the name: "add_users"

	// Up lists the parts of the file the tool applies on the way up. Nil
	// means the whole file; an empty, non-nil slice means none of it (a
	// goose file with only a Down section).
	Up []Range

	// Repeatable marks a Flyway R__ migration: applied after all versioned
	// ones, in description order.
	Repeatable bool
	// Variant is set when a runner applies this file only on one dialect,
	// instead of a sibling with the same version (dbos's …_cockroach.sql).
	Variant schema.Dialect

	src []byte // the file with everything outside Up blanked
	err error  // why the file could not be read
	// spell is how src writes SQL (see spellingOf), learned on first use
	// and shared by the copies of the step (History.Copy) until one is
	// given a new text.
	spell *stepSpellingOnce
	// planned marks a step a fix will add (History.Plan): it has a path
	// but no file yet.
	planned bool
}

// Src returns what Replay feeds to sqlddl: the file, with every byte outside
// Up replaced by a space (newlines kept), so offsets and lines are the
// original file's. It is nil until the history is loaded.
func (s *Step) Src() []byte { return s.src }

// Err returns why the step's file could not be read (a named pipe, a
// dangling link, no permission), or nil.
func (s *Step) Err() error { return s.err }

// AppliesTo reports whether the step runs on dialect d. Dialect variants run
// only on their dialect; under an unknown dialect none of them does, since
// they are alternatives to a sibling that does run.
func (s *Step) AppliesTo(d schema.Dialect) bool {
	return s.Variant == schema.DialectUnknown || s.Variant == d
}

// A Skip is a file in a migration folder that is not replayed, and why.
// The reasons a Skip gives for files that belong to the convention.
const (
	reasonDown = "down migration"
	reasonUndo = "undo migration"
	reasonGo   = "Go migration"
)

type Skip struct {
	Path   string
	Reason string
}

// An Unreadable is an entry of a migration folder that matters to the
// history (a step, a step's folder, migration_lock.toml) but cannot be
// read.
type Unreadable struct {
	Path string
	Err  error
}

// A History is a migration folder, ordered.
type History struct {
	Dir        string
	Convention Convention
	// Dialect is what the folder declares (Prisma's migration_lock.toml);
	// DialectUnknown when it declares nothing.
	Dialect schema.Dialect
	Steps   []Step
	Skipped []Skip // down and undo files, Go migrations, unversioned files
	// Unreadable lists the entries that could not be read, other than
	// steps (whose Err says so). Replay reports both in the model's Errors.
	Unreadable []Unreadable

	hasDown  bool // the folder keeps down files (or down sections)
	hasUndo  bool // Flyway: U files exist
	atlasSum bool
	// goVersion is the highest version of a skipped Go migration: a new
	// migration must still come after it.
	goVersion string
	// markers says the convention is decided by the files' markers, so
	// loading may still change it from Numbered.
	markers bool
	loaded  bool

	// index finds a file among Steps and Skipped (see members); indexed is
	// how many entries it was built from.
	index   map[string]int
	indexed int
}

// Discover reads the migration folder dir, detects its convention and
// returns its steps in the order the tool applies them: Scan, then Load.
func Discover(dir string) (*History, error) {
	h, err := Scan(dir)
	if err != nil {
		return nil, err
	}
	h.Load()
	return h, nil
}

// Scan lists the migration folder dir and works out its steps from their
// names alone, reading no migration: which files belong to a history is a
// matter of names (a version number, a tool's prefix or suffix), so a
// caller can ask HasStep before paying for the contents. The convention is
// final except for folders of plain <version>_<name>.sql files, which Load
// tells apart by their markers (goose, dbmate, sql-migrate, tern). The
// error is for a folder that cannot be listed, or ErrNoMigrations.
func Scan(dir string) (*History, error) {
	return ScanWith(dir, nil)
}

// ScanWith is Scan for a folder that also holds the files named unsaved,
// which exist only in an editor's buffers so far (a new migration not yet
// saved): they are listed as if they were on disk. Their steps cannot be
// read until the buffer's text is given with SetSource.
func ScanWith(dir string, unsaved []string) (*History, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	h := &History{Dir: dir}
	var l listing
	for _, e := range entries {
		h.classify(&l, e)
	}
	for _, name := range unsaved {
		if strings.EqualFold(filepath.Ext(name), ".sql") && !slices.Contains(l.sqlFiles, name) {
			l.sqlFiles = append(l.sqlFiles, name)
		}
	}
	if d, ok := schema.ParseDialect(l.lockProvider); ok {
		h.Dialect = d
	}
	switch {
	case len(l.prismaDirs) > 0 && len(l.prismaDirs) >= len(l.upDirs):
		h.Convention = PrismaMigrate
		h.dirSteps(l.prismaDirs, "migration.sql")
	case len(l.upDirs) > 0:
		h.Convention = DirPerMigration
		h.dirSteps(l.upDirs, "up.sql")
	default:
		h.fileSteps(l.sqlFiles)
		h.drizzleJournal()
	}
	if len(h.Steps) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoMigrations)
	}
	h.sort()
	h.markVariants()
	return h, nil
}

// A listing is what Scan gathers from a folder's entries.
type listing struct {
	sqlFiles           []string
	prismaDirs, upDirs []string
	lockProvider       string
}

// classify sorts one entry of the folder into l, following symbolic links.
func (h *History) classify(l *listing, e fs.DirEntry) {
	name := e.Name()
	if strings.HasPrefix(name, ".") {
		return
	}
	p := filepath.Join(h.Dir, name)
	isDir := e.IsDir()
	if e.Type()&fs.ModeSymlink != 0 {
		info, err := os.Stat(p)
		if err != nil {
			if strings.EqualFold(filepath.Ext(name), ".sql") {
				l.sqlFiles = append(l.sqlFiles, name) // if a step by name, Load reports it
			} else if _, _, ok := splitVersioned(name); ok {
				h.Unreadable = append(h.Unreadable, Unreadable{p, err}) // perhaps a step's folder
			}
			return
		}
		isDir = info.IsDir()
	}
	if isDir {
		if _, _, ok := splitVersioned(name); !ok {
			return
		}
		switch {
		case exists(filepath.Join(p, "migration.sql")):
			l.prismaDirs = append(l.prismaDirs, name)
		case exists(filepath.Join(p, "up.sql")):
			l.upDirs = append(l.upDirs, name)
		default:
			if _, err := os.ReadDir(p); err != nil {
				h.Unreadable = append(h.Unreadable, Unreadable{p, err})
			}
		}
		return
	}
	switch {
	case strings.EqualFold(filepath.Ext(name), ".sql"):
		l.sqlFiles = append(l.sqlFiles, name)
	case name == "atlas.sum":
		h.atlasSum = true
	case name == "migration_lock.toml":
		if b, err := readfile.Regular(p); err == nil {
			l.lockProvider = tomlString(b, "provider")
		} else {
			h.Unreadable = append(h.Unreadable, Unreadable{p, err})
		}
	case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && leadingDigits(name) != "":
		// goose and golang-migrate allow migrations written in Go: they
		// cannot be replayed, but saying so beats silence.
		h.Skipped = append(h.Skipped, Skip{p, reasonGo})
		if v := leadingDigits(name); compareVersions(v, h.goVersion) > 0 {
			h.goVersion = v
		}
	}
}

// drizzleJournal keeps as steps only the files drizzle-kit's journal
// (meta/_journal.json beside them) lists, when the folder has one: drizzle
// applies the entries of its journal, by tag, and nothing else, so a .sql
// file it does not list (left behind, or written by hand) is not a step.
// A journal that cannot be read or lists nothing changes nothing.
func (h *History) drizzleJournal() {
	b, err := readfile.Regular(filepath.Join(h.Dir, "meta", "_journal.json"))
	if err != nil {
		return
	}
	var j struct {
		Entries []struct {
			Tag string `json:"tag"`
		} `json:"entries"`
	}
	if json.Unmarshal(b, &j) != nil || len(j.Entries) == 0 {
		return
	}
	tags := map[string]bool{}
	for _, e := range j.Entries {
		tags[e.Tag] = true
	}
	kept := h.Steps[:0]
	for _, st := range h.Steps {
		if tags[strings.TrimSuffix(filepath.Base(st.Path), filepath.Ext(st.Path))] {
			kept = append(kept, st)
			continue
		}
		h.Skipped = append(h.Skipped, Skip{st.Path, "drizzle-kit's meta/_journal.json does not list it, and drizzle applies only the journal's entries"})
	}
	h.Steps = kept
}

// exists reports whether there is an entry at p, of any kind: a step file
// that is not a regular file is still a step, which Load reports.
func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// dirSteps names one step per subfolder: <version>_<name>/<file>.
func (h *History) dirSteps(dirs []string, file string) {
	for _, d := range dirs {
		v, name, _ := splitVersioned(d)
		if exists(filepath.Join(h.Dir, d, "down.sql")) {
			h.hasDown = true
		}
		h.Steps = append(h.Steps, Step{Path: filepath.Join(h.Dir, d, file), Version: v, Name: name})
	}
}

// fileSteps names the steps of every convention with one file (or an
// up/down pair) per migration.
func (h *History) fileSteps(names []string) {
	for _, n := range names {
		if _, _, _, ok := flywayName(n); ok {
			h.Convention = Flyway
			h.flywaySteps(names)
			return
		}
	}
	for _, n := range names {
		if _, dir := upDownName(n); dir != "" {
			h.Convention = GolangMigrate
			h.upDownSteps(names)
			return
		}
	}
	// Until Load has read the markers.
	h.Convention = Numbered
	if h.atlasSum {
		h.Convention = Atlas
	}
	h.markers = true
	for _, n := range names {
		p := filepath.Join(h.Dir, n)
		v, name, ok := splitVersioned(strings.TrimSuffix(n, filepath.Ext(n)))
		if !ok {
			h.Skipped = append(h.Skipped, Skip{p, "no version number in its name"})
			continue
		}
		h.Steps = append(h.Steps, Step{Path: p, Version: v, Name: name})
	}
}

func (h *History) upDownSteps(names []string) {
	for _, n := range names {
		p := filepath.Join(h.Dir, n)
		stem, dir := upDownName(n)
		switch dir {
		case "down":
			h.hasDown = true
			h.Skipped = append(h.Skipped, Skip{p, reasonDown})
			continue
		case "":
			// golang-migrate ignores files that are neither up nor down.
			h.Skipped = append(h.Skipped, Skip{p, "neither .up.sql nor .down.sql"})
			continue
		}
		v, name, ok := splitVersioned(stem)
		if !ok {
			h.Skipped = append(h.Skipped, Skip{p, "no version number in its name"})
			continue
		}
		h.Steps = append(h.Steps, Step{Path: p, Version: v, Name: name})
	}
}

// upDownName splits a golang-migrate name into its stem and direction:
// 1_x.up.sql, and 1_x.up.mysql.sql, whose extension names the engine the
// file is for (golang-migrate takes anything after .up. as the extension).
// The direction is "" for any other name.
func upDownName(n string) (stem, dir string) {
	l := strings.ToLower(n)
	if !strings.HasSuffix(l, ".sql") {
		return "", ""
	}
	rest := l[:len(l)-len(".sql")]
	if i := strings.LastIndexByte(rest, '.'); i >= 0 && rest[i+1:] != "up" && rest[i+1:] != "down" {
		if _, ok := schema.ParseDialect(rest[i+1:]); ok {
			rest = rest[:i] // .up.mysql.sql
		}
	}
	for _, d := range []string{"up", "down"} {
		if strings.HasSuffix(rest, "."+d) {
			return n[:len(rest)-len(d)-1], d
		}
	}
	return "", ""
}

func (h *History) flywaySteps(names []string) {
	for _, n := range names {
		p := filepath.Join(h.Dir, n)
		prefix, v, desc, ok := flywayName(strings.TrimSuffix(n, filepath.Ext(n)))
		switch {
		case !ok:
			h.Skipped = append(h.Skipped, Skip{p, "not a Flyway migration name"})
			continue
		case prefix == 'U':
			h.hasUndo = true
			h.Skipped = append(h.Skipped, Skip{p, reasonUndo})
			continue
		}
		h.Steps = append(h.Steps, Step{Path: p, Version: v, Name: desc, Repeatable: prefix == 'R'})
	}
}

// Load reads the steps' files, once: only regular files are read (a named
// pipe never blocks it), and a step that cannot be read keeps its place
// with Err set. In a folder of plain numbered files it then settles the
// convention by the markers most files carry and keeps only their up
// sections.
func (h *History) Load() {
	if h.loaded {
		return
	}
	h.loaded = true
	for i := range h.Steps {
		s := &h.Steps[i]
		s.src, s.err = readfile.Regular(s.Path)
		s.spell = new(stepSpellingOnce)
	}
	if h.markers {
		h.applyMarkers()
	}
}

// applyMarkers picks the tool whose markers most files carry (goose first
// on a tie, as it is the most common in Go services) and blanks each
// file's down sections.
func (h *History) applyMarkers() {
	found := map[Convention]int{}
	for i := range h.Steps {
		for c, mk := range markers {
			if _, ok := upRanges(h.Steps[i].src, mk); ok {
				found[c]++
			}
		}
	}
	best := 0
	for _, c := range []Convention{Goose, Dbmate, SQLMigrate, Tern} {
		if found[c] > best {
			h.Convention, best = c, found[c]
		}
	}
	mk, hasMarkers := markers[h.Convention]
	if !hasMarkers {
		return
	}
	for i := range h.Steps {
		s := &h.Steps[i]
		if up, ok := upRanges(s.src, mk); ok {
			s.Up = up
			s.src = blank(s.src, up)
			h.hasDown = true
		}
	}
}

// sort orders steps as the tools do: by numeric version, ties by name
// (dbos has two 105_ files); Flyway repeatables last, by description.
func (h *History) sort() {
	sort.SliceStable(h.Steps, func(i, j int) bool {
		a, b := &h.Steps[i], &h.Steps[j]
		if a.Repeatable != b.Repeatable {
			return b.Repeatable
		}
		if c := compareVersions(a.Version, b.Version); c != 0 {
			return c < 0
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Path < b.Path
	})
}

// markVariants finds dialect-only alternatives: a step whose name ends in a
// dialect (_cockroach) while another step shares its version.
func (h *History) markVariants() {
	for i := range h.Steps {
		s := &h.Steps[i]
		shared := (i > 0 && h.Steps[i-1].Version == s.Version) ||
			(i+1 < len(h.Steps) && h.Steps[i+1].Version == s.Version)
		if !shared || s.Repeatable {
			continue
		}
		lname := strings.ToLower(s.Name)
		for _, vs := range variantSuffixes {
			if strings.HasSuffix(lname, vs.suffix) {
				s.Variant, _ = schema.ParseDialect(vs.d)
				break
			}
		}
	}
}

// upRanges finds the parts of src that mk's tool applies on the way up. It
// reports false when src carries none of mk's markers. Like the tools, it
// reads markers line by line, at the start of a line.
func upRanges(src []byte, mk marker) ([]Range, bool) {
	var out []Range
	found := false
	upStart := -1
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		line := bytes.TrimLeft(src[off:next], " \t")
		if len(line) >= len(mk.prefix) && bytes.EqualFold(line[:len(mk.prefix)], []byte(mk.prefix)) {
			if mk.divider {
				return []Range{{0, off}}, true
			}
			cmd := strings.ToLower(firstField(string(line[len(mk.prefix):])))
			switch {
			case contains(mk.up, cmd):
				found = true
				if upStart < 0 {
					upStart = off
				}
			case contains(mk.down, cmd):
				found = true
				if upStart >= 0 {
					out = append(out, Range{upStart, off})
					upStart = -1
				}
			}
		}
		off = next
	}
	if !found {
		return nil, false
	}
	if upStart >= 0 {
		out = append(out, Range{upStart, len(src)})
	}
	if out == nil {
		out = []Range{}
	}
	return out, true
}

func firstField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// blank returns a copy of src with every byte outside up replaced by a
// space, line breaks kept, so the applied part keeps its offsets and lines.
func blank(src []byte, up []Range) []byte {
	out := make([]byte, len(src))
	for i, c := range src {
		if c == '\n' || c == '\r' {
			out[i] = c
		} else {
			out[i] = ' '
		}
	}
	for _, r := range up {
		copy(out[r.Start:r.End], src[r.Start:r.End])
	}
	return out
}

// Replay applies every step, in order, to a new model of dialect d (the
// history's own dialect when d is DialectUnknown), loading it first if
// need be. Each applied file is recorded in the model's Files; parse
// problems, and every step or entry that could not be read, land in its
// Errors (IDEM001 at the path).
func (h *History) Replay(d schema.Dialect) *schema.Model {
	r := h.StartReplay(d)
	r.To(len(h.Steps))
	return r.Model()
}

// A Replay is a replay of a history in progress (see History.Replay): the
// model of its steps before Next. A caller that replays one history again
// and again, with only its later steps' texts changed (an editor's unsaved
// migration), keeps a Replay of the unchanged steps and goes on from a
// Clone of it each time.
type Replay struct {
	h    *History
	d    schema.Dialect
	rp   *sqlddl.Replayer
	prev int // the last step applied, -1 for none
	next int
}

// StartReplay returns a Replay of none of h's steps yet, as dialect d (the
// history's own dialect when d is DialectUnknown), loading h first if need
// be.
func (h *History) StartReplay(d schema.Dialect) *Replay {
	if d == schema.DialectUnknown {
		d = h.Dialect
	}
	h.Load()
	m := &schema.Model{Dialect: d}
	for _, u := range h.Unreadable {
		m.Errors = append(m.Errors, readfile.Error(u.Path, u.Err))
	}
	// The Replayer keeps lookup tables from one step to the next.
	return &Replay{h: h, d: d, rp: sqlddl.NewReplayer(m), prev: -1}
}

// Next is the index of the first step not applied yet.
func (r *Replay) Next() int { return r.next }

// Dialect is the engine r replays the history as.
func (r *Replay) Dialect() schema.Dialect { return r.d }

// Model returns the model of the steps applied so far.
func (r *Replay) Model() *schema.Model { return r.rp.Model() }

// To applies the steps from Next up to, not including, end.
func (r *Replay) To(end int) {
	h := r.h
	for ; r.next < end && r.next < len(h.Steps); r.next++ {
		s := &h.Steps[r.next]
		m := r.rp.Model()
		switch {
		case !s.AppliesTo(r.d):
			continue
		case s.err != nil:
			m.Errors = append(m.Errors, readfile.Error(s.Path, s.err))
			continue
		}
		f := schema.NewFile(s.Path, s.src)
		if r.prev >= 0 && h.duplicate(&h.Steps[r.prev], s) {
			prev := &h.Steps[r.prev]
			m.Errors = append(m.Errors, f.Errorf(0, "migration version %s is also %s's: %s refuses a history with two migrations of one version (idemlint applies both, in name order)",
				s.Version, filepath.Base(prev.Path), h.Convention))
		}
		r.rp.Apply(f)
		r.prev = r.next
	}
}

// Clone returns a copy of r (its model deeply copied, see
// sqlddl.Replayer.Clone) that goes on with the steps of h: r's history, or
// a copy of it (History.Copy) whose steps before Next are the same, texts
// and variants alike. Going on with one leaves the other as it was.
func (r *Replay) Clone(h *History) *Replay {
	c := *r
	c.h = h
	c.rp = r.rp.Clone()
	return &c
}

// duplicate reports whether s, the step after prev, has prev's version in
// a history whose tool refuses two migrations of one version.
// Alternatives for one dialect (…_cockroach.sql) and one migration's
// files for different engines (1_x.up.mysql.sql) share it by design.
func (h *History) duplicate(prev, s *Step) bool {
	switch h.Convention {
	case GolangMigrate, Goose, Dbmate, Tern, Flyway, Atlas:
	default:
		return false
	}
	return prev != nil && !s.Repeatable && !prev.Repeatable && s.Version != "" &&
		compareVersions(prev.Version, s.Version) == 0 && s.Name != prev.Name &&
		s.Variant == schema.DialectUnknown && prev.Variant == schema.DialectUnknown
}

// Size returns the total bytes of the steps' files, once loaded.
func (h *History) Size() int64 {
	var n int64
	for _, s := range h.Steps {
		n += int64(len(s.src))
	}
	return n
}

var tomlKey = lazyRegexp(`(?m)^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"`)

// tomlString returns the string value of key in a flat TOML file, enough
// for Prisma's migration_lock.toml.
func tomlString(b []byte, key string) string {
	for _, m := range tomlKey().FindAllSubmatch(b, -1) {
		if string(m[1]) == key {
			return string(m[2])
		}
	}
	return ""
}
