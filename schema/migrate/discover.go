package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

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
}

// Src returns what Replay feeds to sqlddl: the file, with every byte outside
// Up replaced by a space (newlines kept), so offsets and lines are the
// original file's.
func (s *Step) Src() []byte { return s.src }

// AppliesTo reports whether the step runs on dialect d. Dialect variants run
// only on their dialect; under an unknown dialect none of them does, since
// they are alternatives to a sibling that does run.
func (s *Step) AppliesTo(d schema.Dialect) bool {
	return s.Variant == schema.DialectUnknown || s.Variant == d
}

// A Skip is a file in a migration folder that is not replayed, and why.
type Skip struct {
	Path   string
	Reason string
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

	hasDown  bool // the folder keeps down files (or down sections)
	hasUndo  bool // Flyway: U files exist
	atlasSum bool
	// goVersion is the highest version of a skipped Go migration: a new
	// migration must still come after it.
	goVersion string
}

// Discover reads the migration folder dir, detects its convention and
// returns its steps in the order the tool applies them.
func Discover(dir string) (*History, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	h := &History{Dir: dir}
	var sqlFiles []string
	var prismaDirs, upDirs []string
	lockProvider := ""
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") {
			continue
		}
		if e.IsDir() {
			if _, _, ok := splitVersioned(name); !ok {
				continue
			}
			if isFile(filepath.Join(p, "migration.sql")) {
				prismaDirs = append(prismaDirs, name)
			} else if isFile(filepath.Join(p, "up.sql")) {
				upDirs = append(upDirs, name)
			}
			continue
		}
		switch {
		case strings.EqualFold(filepath.Ext(name), ".sql"):
			sqlFiles = append(sqlFiles, name)
		case name == "atlas.sum":
			h.atlasSum = true
		case name == "migration_lock.toml":
			if b, err := os.ReadFile(p); err == nil {
				lockProvider = tomlString(b, "provider")
			}
		case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && leadingDigits(name) != "":
			// goose and golang-migrate allow migrations written in Go: they
			// cannot be replayed, but saying so beats silence.
			h.Skipped = append(h.Skipped, Skip{p, "Go migration"})
			if v := leadingDigits(name); compareVersions(v, h.goVersion) > 0 {
				h.goVersion = v
			}
		}
	}
	if d, ok := schema.ParseDialect(lockProvider); ok {
		h.Dialect = d
	}

	switch {
	case len(prismaDirs) > 0 && len(prismaDirs) >= len(upDirs):
		h.Convention = PrismaMigrate
		err = h.dirSteps(prismaDirs, "migration.sql")
	case len(upDirs) > 0:
		h.Convention = DirPerMigration
		err = h.dirSteps(upDirs, "up.sql")
	default:
		err = h.fileSteps(sqlFiles)
	}
	if err != nil {
		return nil, err
	}
	if len(h.Steps) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoMigrations)
	}
	h.sort()
	h.markVariants()
	return h, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// dirSteps reads one step per subfolder: <version>_<name>/<file>.
func (h *History) dirSteps(dirs []string, file string) error {
	for _, d := range dirs {
		v, name, _ := splitVersioned(d)
		p := filepath.Join(h.Dir, d, file)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if isFile(filepath.Join(h.Dir, d, "down.sql")) {
			h.hasDown = true
		}
		h.Steps = append(h.Steps, Step{Path: p, Version: v, Name: name, src: src})
	}
	return nil
}

// fileSteps handles every convention with one file (or an up/down pair) per
// migration.
func (h *History) fileSteps(names []string) error {
	for _, n := range names {
		if _, _, _, ok := flywayName(n); ok {
			h.Convention = Flyway
			return h.flywaySteps(names)
		}
	}
	for _, n := range names {
		if l := strings.ToLower(n); strings.HasSuffix(l, ".up.sql") || strings.HasSuffix(l, ".down.sql") {
			h.Convention = GolangMigrate
			return h.upDownSteps(names)
		}
	}

	srcs := make(map[string][]byte, len(names))
	found := map[Convention]int{}
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(h.Dir, n))
		if err != nil {
			return err
		}
		srcs[n] = src
		for c, mk := range markers {
			if _, ok := upRanges(src, mk); ok {
				found[c]++
			}
		}
	}
	// The tool whose markers most files carry wins; goose first on a tie,
	// as it is the most common in Go services.
	h.Convention = Numbered
	best := 0
	for _, c := range []Convention{Goose, Dbmate, SQLMigrate, Tern} {
		if found[c] > best {
			h.Convention, best = c, found[c]
		}
	}
	if h.Convention == Numbered && h.atlasSum {
		h.Convention = Atlas
	}
	mk, hasMarkers := markers[h.Convention]
	for _, n := range names {
		p := filepath.Join(h.Dir, n)
		v, name, ok := splitVersioned(strings.TrimSuffix(n, filepath.Ext(n)))
		if !ok {
			h.Skipped = append(h.Skipped, Skip{p, "no version number in its name"})
			continue
		}
		s := Step{Path: p, Version: v, Name: name, src: srcs[n]}
		if hasMarkers {
			if up, ok := upRanges(s.src, mk); ok {
				s.Up = up
				s.src = blank(s.src, up)
				h.hasDown = true
			}
		}
		h.Steps = append(h.Steps, s)
	}
	return nil
}

func (h *History) upDownSteps(names []string) error {
	for _, n := range names {
		p := filepath.Join(h.Dir, n)
		l := strings.ToLower(n)
		switch {
		case strings.HasSuffix(l, ".down.sql"):
			h.hasDown = true
			h.Skipped = append(h.Skipped, Skip{p, "down migration"})
			continue
		case !strings.HasSuffix(l, ".up.sql"):
			// golang-migrate ignores files that are neither up nor down.
			h.Skipped = append(h.Skipped, Skip{p, "neither .up.sql nor .down.sql"})
			continue
		}
		v, name, ok := splitVersioned(n[:len(n)-len(".up.sql")])
		if !ok {
			h.Skipped = append(h.Skipped, Skip{p, "no version number in its name"})
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h.Steps = append(h.Steps, Step{Path: p, Version: v, Name: name, src: src})
	}
	return nil
}

func (h *History) flywaySteps(names []string) error {
	for _, n := range names {
		p := filepath.Join(h.Dir, n)
		prefix, v, desc, ok := flywayName(strings.TrimSuffix(n, filepath.Ext(n)))
		switch {
		case !ok:
			h.Skipped = append(h.Skipped, Skip{p, "not a Flyway migration name"})
			continue
		case prefix == 'U':
			h.hasUndo = true
			h.Skipped = append(h.Skipped, Skip{p, "undo migration"})
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h.Steps = append(h.Steps, Step{Path: p, Version: v, Name: desc, Repeatable: prefix == 'R', src: src})
	}
	return nil
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
// history's own dialect when d is DialectUnknown). Each applied file is
// recorded in the model's Files; parse problems land in its Errors.
func (h *History) Replay(d schema.Dialect) *schema.Model {
	if d == schema.DialectUnknown {
		d = h.Dialect
	}
	m := &schema.Model{Dialect: d}
	rp := sqlddl.NewReplayer(m) // keeps lookup tables from one step to the next
	for i := range h.Steps {
		s := &h.Steps[i]
		if !s.AppliesTo(d) {
			continue
		}
		rp.Apply(schema.NewFile(s.Path, s.src))
	}
	return m
}

// Size returns the total bytes of the steps' files.
func (h *History) Size() int64 {
	var n int64
	for _, s := range h.Steps {
		n += int64(len(s.src))
	}
	return n
}

var tomlKey = regexp.MustCompile(`(?m)^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"`)

// tomlString returns the string value of key in a flat TOML file, enough
// for Prisma's migration_lock.toml.
func tomlString(b []byte, key string) string {
	for _, m := range tomlKey.FindAllSubmatch(b, -1) {
		if string(m[1]) == key {
			return string(m[2])
		}
	}
	return ""
}
