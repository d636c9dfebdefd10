package migrate

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/idemlint/idemlint/internal/readfile"
	"github.com/idemlint/idemlint/schema"
)

// A NewFile is a file a fix creates (or, for atlas.sum, rewrites).
type NewFile struct {
	Path    string
	Content []byte
}

// now is the clock for timestamp versions; tests replace it.
var now = time.Now

// NextMigration returns the files that add one migration named name after
// the last step of h, in h's convention: the next version number (or a UTC
// timestamp of the same width), the same naming pattern, and the up/down
// markers the tool wants. downSQL may be empty; conventions that keep down
// files separately then get none. For Atlas the returned files include the
// recomputed atlas.sum, without which `atlas migrate` refuses the folder.
func NextMigration(h *History, name, upSQL, downSQL string) []NewFile {
	files, _ := h.Plan(name, upSQL, downSQL)
	return files
}

// Plan is NextMigration that also returns the history as it will be once
// the new migration exists, so a second migration planned in the same run
// takes the version after it: two fixes applied together must not give
// two files one version (goose, golang-migrate and Flyway refuse that).
func (h *History) Plan(name, upSQL, downSQL string) ([]NewFile, *History) {
	return h.PlanStyled(name, upSQL, downSQL, h.StyleFor(schema.DialectUnknown))
}

// PlanStyled is Plan for a new migration written in style st (see
// StyleFor): upSQL should already be spelt as st.SQL says; the files are
// named and annotated as the recent steps are.
func (h *History) PlanStyled(name, upSQL, downSQL string, st Style) ([]NewFile, *History) {
	v := h.nextVersion()
	files := nextMigration(h, v, name, upSQL, downSQL, st)
	after := *h
	after.Steps = append(h.Steps[:len(h.Steps):len(h.Steps)], Step{Path: files[0].Path, Version: v, Name: name, planned: true})
	return files, &after
}

func nextMigration(h *History, v, name, upSQL, downSQL string, st Style) []NewFile {
	sep, wordSep := h.separators()
	slug := slugify(name, wordSep)
	base := v + sep + slug
	up := withNewline(upSQL)
	down := withNewline(downSQL)
	join := func(parts ...string) string { return filepath.Join(append([]string{h.Dir}, parts...)...) }

	var out []NewFile
	add := func(p, content string) { out = append(out, NewFile{p, []byte(content)}) }
	switch h.Convention {
	case Goose:
		var b strings.Builder
		b.WriteString("-- +goose Up\n")
		writeGoose(&b, up, st.GooseBlocks)
		b.WriteString("\n-- +goose Down\n")
		writeGoose(&b, down, st.GooseBlocks)
		add(join(base+".sql"), b.String())
	case Dbmate:
		add(join(base+".sql"), "-- migrate:up\n"+up+"\n-- migrate:down\n"+down)
	case SQLMigrate:
		add(join(base+".sql"), "-- +migrate Up\n"+up+"\n-- +migrate Down\n"+down)
	case Tern:
		add(join(base+".sql"), up+"\n---- create above / drop below ----\n\n"+down)
	case GolangMigrate:
		ext := ".sql"
		if st.Ext != "" {
			ext = "." + st.Ext + ".sql" // 003_x.up.mysql.sql beside 002_y.up.mysql.sql
		}
		add(join(base+".up"+ext), up)
		if down != "" {
			add(join(base+".down"+ext), down)
		}
	case Flyway:
		add(join("V"+v+"__"+slug+".sql"), up)
		if down != "" && h.hasUndo {
			add(join("U"+v+"__"+slug+".sql"), down)
		}
	case PrismaMigrate:
		add(join(base, "migration.sql"), up)
	case DirPerMigration:
		add(join(base, "up.sql"), up)
		if down != "" && h.hasDown {
			add(join(base, "down.sql"), down)
		}
		if st.Notes != "" {
			// formance ledger's migrator refuses a step without it.
			add(join(base, st.Notes), "name: "+yamlString(strings.ReplaceAll(name, "_", " "))+"\n")
		}
	default: // Numbered, Atlas and anything unknown: one plain file
		add(join(base+".sql"), up)
	}
	// Atlas keeps atlas.sum in folders of any format it reads (golang-migrate,
	// goose…), and refuses a folder whose sum is stale.
	if h.atlasSum {
		if sum, err := atlasSum(h.Dir, out); err == nil {
			add(join("atlas.sum"), sum)
		}
	}
	return out
}

func withNewline(s string) string {
	s = strings.TrimRight(s, " \t\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}

// yamlString writes s as a YAML scalar: plain when that reads back as s.
func yamlString(s string) string {
	if s != "" && !strings.ContainsAny(s, ":#'\"\n{}[],&*!|>%@`") && strings.TrimSpace(s) == s {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// writeGoose wraps SQL that holds semicolons inside a statement (a
// dollar-quoted body) in StatementBegin/End, which goose needs to keep the
// statement whole; and any SQL when the history's steps wrap theirs.
func writeGoose(b *strings.Builder, sql string, always bool) {
	if sql == "" || !always && !strings.Contains(sql, "$$") {
		b.WriteString(sql)
		return
	}
	b.WriteString("-- +goose StatementBegin\n")
	b.WriteString(sql)
	b.WriteString("-- +goose StatementEnd\n")
}

// lastVersion is the version of the last versioned step, or of a Go
// migration after it.
func (h *History) lastVersion() string {
	last := h.goVersion
	for i := len(h.Steps) - 1; i >= 0; i-- {
		if !h.Steps[i].Repeatable {
			if compareVersions(h.Steps[i].Version, last) > 0 {
				last = h.Steps[i].Version
			}
			break
		}
	}
	return last
}

var timestampLayouts = map[int]string{14: "20060102150405", 12: "200601021504"}

// isTimestamp reports whether v reads as a UTC date-time version.
func isTimestamp(v string) (string, bool) {
	layout, ok := timestampLayouts[len(v)]
	if !ok {
		return "", false
	}
	t, err := time.Parse(layout, v)
	return layout, err == nil && t.Year() >= 1990
}

// nextVersion continues h's numbering: a timestamp of the same width when
// the versions are timestamps (never one at or before the last, should the
// clock lag), otherwise the last number plus one, zero-padded as before.
func (h *History) nextVersion() string {
	last := h.lastVersion()
	if h.Convention == Flyway {
		return nextDotted(last)
	}
	layout, ts := isTimestamp(last)
	if !ts && (last == "" && (h.Convention == PrismaMigrate || h.Convention == Atlas || h.Convention == Dbmate)) {
		layout, ts = timestampLayouts[14], true
	}
	if ts {
		v := now().UTC().Format(layout)
		if compareNumbers(v, last) > 0 {
			return v
		}
		// The clock lags the last version: take the next valid instant.
		if t, err := time.Parse(layout, last); err == nil {
			step := time.Second
			if len(layout) == 12 {
				step = time.Minute
			}
			return t.Add(step).Format(layout)
		}
	}
	if last == "" {
		return "1"
	}
	return increment(last)
}

// nextDotted increments the last part of a Flyway version: 1.9 → 1.10.
func nextDotted(v string) string {
	if v == "" {
		return "1"
	}
	i := strings.LastIndexByte(v, '.')
	return v[:i+1] + increment(v[i+1:])
}

// increment adds one to a decimal string of any length, keeping its width
// when it was zero-padded (007 → 008, 999 → 1000).
func increment(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// separators returns what follows the version in the history's names and
// what joins words in them: formance writes 8-ik-ledger-unique-index, most
// others 008_add_users.
func (h *History) separators() (sep, word string) {
	sep, word = "_", "_"
	if len(h.Steps) == 0 || h.Convention == Flyway {
		return
	}
	s := h.Steps[len(h.Steps)-1]
	base := filepath.Base(s.Path)
	if h.Convention == PrismaMigrate || h.Convention == DirPerMigration {
		base = filepath.Base(filepath.Dir(s.Path))
	}
	if rest := base[len(leadingDigits(base)):]; rest != "" && rest[0] == '-' {
		sep = "-"
	}
	if strings.Contains(s.Name, "-") && !strings.Contains(s.Name, "_") {
		word = "-"
	}
	return
}

// slugify turns a description into a file-name part: lower case, runs of
// anything but letters and digits replaced by one word separator.
func slugify(name, word string) string {
	var b strings.Builder
	pending := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if pending && b.Len() > 0 {
				b.WriteString(word)
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		pending = true
	}
	if b.Len() == 0 {
		return "migration"
	}
	return b.String()
}

// atlasSum recomputes atlas.sum for dir with the new files added, as Atlas
// does: a running SHA-256 over each .sql file's name and bytes in name
// order, the per-file sums taken as the hash goes, and a header summing
// those lines.
func atlasSum(dir string, added []NewFile) (string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return "", err
	}
	files := map[string][]byte{}
	for _, p := range names {
		b, err := readfile.Regular(p)
		if err != nil {
			return "", err
		}
		files[filepath.Base(p)] = b
	}
	for _, f := range added {
		if filepath.Dir(f.Path) == filepath.Clean(dir) && strings.EqualFold(filepath.Ext(f.Path), ".sql") {
			files[filepath.Base(f.Path)] = f.Content
		}
	}
	order := make([]string, 0, len(files))
	for n := range files {
		order = append(order, n)
	}
	sort.Strings(order)
	h := sha256.New()
	total := sha256.New()
	var lines strings.Builder
	for _, n := range order {
		h.Write([]byte(n))
		h.Write(files[n])
		sum := base64.StdEncoding.EncodeToString(h.Sum(nil))
		total.Write([]byte(n))
		total.Write([]byte(sum))
		fmt.Fprintf(&lines, "%s h1:%s\n", n, sum)
	}
	return "h1:" + base64.StdEncoding.EncodeToString(total.Sum(nil)) + "\n" + lines.String(), nil
}
