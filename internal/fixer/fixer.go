// Package fixer applies suggested fixes to files on disk and prints them as
// unified diffs. Both modes of the idemlint command use it: the package
// driver (whose fixes may edit Go files and schema files alike, which
// singlechecker refuses to do) and `idemlint schema`.
//
// A fix is applied whole or not at all. Edits are grouped per file, sorted,
// and exact duplicates (the same fix reported by a package and its test
// variant) are dropped. A file whose edits overlap, fall outside its
// content, or whose content changed since the analysis read it is left
// untouched, and every fix that edits it is dropped from the other files
// too. Just before a file is written, its content is compared once more
// with what Prepare read, so a file another process (a second idemlint
// -fix, an editor) changed meanwhile is left alone with [ErrChanged].
//
// A file is replaced atomically: written to a temporary file in the same
// directory, given the original's owner, group and mode, synced, and
// renamed over the original. Two kinds of file are instead rewritten in
// place, keeping their inode: a file with several hard links (renaming
// would cut the link, leaving the other names on the old content) and a
// file whose owner or group the process cannot give to a new file (not
// root, someone else's group-writable file). The in-place write overwrites
// the content from the start and then truncates, so a failed write (disk
// full) only fails while growing the file, and then the original content
// is written back; a crash midway can leave a mixed file, which is the
// price of keeping the link.
package fixer

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// An Edit replaces the bytes [Start, End) of the file at Path with New.
type Edit struct {
	Path       string
	Start, End int
	New        string
}

// A Fix is a set of edits that must be applied together. An insertion at
// offset 0 of a file that does not exist creates it (see Baseline.Absent).
type Fix struct {
	Message string
	Edits   []Edit
}

// Create returns the edit that creates the file at path with content; its
// fix needs the baseline Baseline{Absent: true} for path.
func Create(path string, content []byte) Edit {
	return Edit{Path: path, New: string(content)}
}

// A Baseline describes the content of a file when the analysis read it, so
// that fixes are not applied to a file that has changed since. Zero fields
// are unknown and not checked.
type Baseline struct {
	// Content is the exact content, when known.
	Content []byte
	// Size is the length of the content plus one, so that zero means
	// unknown; use SizeBaseline to build it.
	Size int
	// LineStarts are the offsets at which lines start (as go/token's
	// File.Lines reports them), when known.
	LineStarts []int
	// Sum is the SHA-256 of the content, when known: what a driver that
	// sees the bytes as they are parsed can keep instead of the bytes.
	Sum *[sha256.Size]byte
	// Absent says the file must not exist: the fix creates it. Edits to a
	// file that does not exist are also allowed when its known size is 0.
	Absent bool
}

// ErrChanged is wrapped by the error of a file that changed between the
// analysis and the fix: another process edited it meanwhile.
var ErrChanged = errors.New("changed during the run; run idemlint again")

// changedError is an ErrChanged with what gave the change away.
type changedError struct{ detail string }

func (e changedError) Error() string {
	if e.detail == "" {
		return ErrChanged.Error()
	}
	return "changed during the run (" + e.detail + "); run idemlint again"
}

func (e changedError) Is(target error) bool { return target == ErrChanged }

// SizeBaseline returns a baseline that knows the content's size and,
// when lines is not nil, its line starts.
func SizeBaseline(size int, lines []int) Baseline {
	return Baseline{Size: size + 1, LineStarts: lines}
}

// check returns an ErrChanged when content does not match b, or nil.
func (b Baseline) check(content []byte) error {
	if b.Content != nil {
		if !bytes.Equal(b.Content, content) {
			return changedError{}
		}
		return nil
	}
	if b.Sum != nil && sha256.Sum256(content) != *b.Sum {
		return changedError{}
	}
	if b.Size > 0 && len(content) != b.Size-1 {
		return changedError{fmt.Sprintf("%d bytes, was %d", len(content), b.Size-1)}
	}
	if b.LineStarts != nil {
		i := 0
		lines := b.LineStarts
		if len(lines) == 0 || lines[0] != 0 {
			return nil
		}
		for off, c := range content {
			if c != '\n' || off+1 >= len(content) {
				continue
			}
			i++
			if i >= len(lines) || lines[i] != off+1 {
				return changedError{"line breaks moved"}
			}
		}
		if i+1 != len(lines) {
			return changedError{"line count"}
		}
	}
	return nil
}

// A FileChange is the new content of one file.
type FileChange struct {
	Path     string // cleaned absolute path, or as given if it cannot be made absolute
	Old, New []byte
	Fixes    []int // indices of the fixes that edit this file
	Created  bool  // the file does not exist yet
}

// A FileError is a file that is left untouched, and why.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// ErrConflict is wrapped by the FileError of a file whose edits overlap.
var ErrConflict = errors.New("conflicting edits")

// A Plan is the outcome of preparing fixes: the files that change, and the
// files that cannot.
type Plan struct {
	Files   []FileChange // changed files, sorted by path
	Errors  []*FileError // files left untouched, sorted by path
	Applied []bool       // Applied[i] reports whether fixes[i] is in Files

	// Written lists the files Write wrote (created or changed), in the
	// order of Files; a file Write failed on is not in it.
	Written []string
}

// Err joins the plan's file errors, or returns nil.
func (p *Plan) Err() error {
	var errs []error
	for _, e := range p.Errors {
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// Options configure Prepare.
type Options struct {
	// Baselines maps a file path (cleaned and absolute) to the content the
	// analysis saw.
	Baselines map[string]Baseline
	// ReadFile reads a file; os.ReadFile when nil.
	ReadFile func(string) ([]byte, error)
}

// CleanPath returns the key Prepare uses for path: absolute and cleaned.
func CleanPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

type ownedEdit struct {
	Edit
	fix int // index into the fixes
	seq int // position in the input, for a stable order
}

// Prepare computes the result of applying fixes to the files they edit,
// without writing anything. A fix with no edits is never applied.
func Prepare(fixes []Fix, opts Options) *Plan {
	readFile := opts.ReadFile
	if readFile == nil {
		readFile = os.ReadFile
	}
	alive := make([]bool, len(fixes))
	byFile := map[string][]ownedEdit{}
	seq := 0
	for i, f := range fixes {
		alive[i] = len(f.Edits) > 0
		for _, e := range f.Edits {
			p := CleanPath(e.Path)
			e.Path = p
			byFile[p] = append(byFile[p], ownedEdit{Edit: e, fix: i, seq: seq})
			seq++
		}
	}
	paths := make([]string, 0, len(byFile))
	for p := range byFile {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	contents := map[string][]byte{}
	created := map[string]bool{}
	failed := map[string]error{}
	fail := func(path string, err error) {
		failed[path] = err
		for _, e := range byFile[path] {
			alive[e.fix] = false
		}
	}
	// Read every file once and check it against its baseline.
	for _, p := range paths {
		base, hasBase := opts.Baselines[p]
		b, err := readFile(p)
		switch {
		case err == nil && hasBase && base.Absent:
			fail(p, errors.New("file to create already exists"))
			continue
		case errors.Is(err, os.ErrNotExist) && hasBase && (base.Absent || base.Size == 1):
			created[p] = true
			contents[p] = nil
			continue
		case err != nil:
			fail(p, err)
			continue
		}
		if hasBase {
			if err := base.check(b); err != nil {
				fail(p, err)
				continue
			}
		}
		contents[p] = b
	}

	// Drop the fixes of failed files everywhere, and repeat until no file
	// fails: dropping a fix can only remove edits, so this terminates.
	var changes map[string]FileChange
	for {
		changes = map[string]FileChange{}
		progress := false
		for _, p := range paths {
			if _, ok := failed[p]; ok {
				continue
			}
			var live []ownedEdit
			for _, e := range byFile[p] {
				if alive[e.fix] {
					live = append(live, e)
				}
			}
			if len(live) == 0 {
				continue
			}
			out, fixIDs, err := apply(contents[p], live, fixes)
			if err != nil {
				fail(p, err)
				progress = true
				break
			}
			if !bytes.Equal(out, contents[p]) || len(fixIDs) > 0 {
				changes[p] = FileChange{Path: p, Old: contents[p], New: out, Fixes: fixIDs, Created: created[p]}
			}
		}
		if !progress {
			break
		}
	}

	plan := &Plan{Applied: alive}
	for _, p := range paths {
		if c, ok := changes[p]; ok {
			plan.Files = append(plan.Files, c)
		}
		if err, ok := failed[p]; ok {
			plan.Errors = append(plan.Errors, &FileError{Path: p, Err: err})
		}
	}
	return plan
}

// apply applies edits to src. It sorts them, drops exact duplicates and
// fails on edits outside src or overlapping each other. Two insertions at
// the same offset conflict unless one fix made both (the order is then the
// fix's own).
func apply(src []byte, edits []ownedEdit, fixes []Fix) ([]byte, []int, error) {
	slices.SortStableFunc(edits, func(a, b ownedEdit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.seq, b.seq))
	})
	var kept []ownedEdit
	var ids []int
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return nil, nil, fmt.Errorf("edit [%d,%d) of fix %q lies outside the file (%d bytes): has it changed since it was analyzed?",
				e.Start, e.End, fixes[e.fix].Message, len(src))
		}
		if !slices.Contains(ids, e.fix) {
			ids = append(ids, e.fix)
		}
		dup := false
		for i := len(kept) - 1; i >= 0 && kept[i].Start == e.Start; i-- {
			if kept[i].End == e.End && kept[i].New == e.New {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if n := len(kept); n > 0 {
			prev := kept[n-1]
			insertClash := prev.Start == e.Start && prev.End == e.Start && e.End == e.Start && prev.fix != e.fix
			if e.Start < maxEnd(kept) || insertClash {
				return nil, nil, fmt.Errorf("%w: [%d,%d) of fix %q overlaps [%d,%d) of fix %q",
					ErrConflict, e.Start, e.End, fixes[e.fix].Message, prev.Start, prev.End, fixes[prev.fix].Message)
			}
		}
		kept = append(kept, e)
	}
	var out bytes.Buffer
	out.Grow(len(src))
	last := 0
	for _, e := range kept {
		out.Write(src[last:e.Start])
		out.WriteString(e.New)
		last = e.End
	}
	out.Write(src[last:])
	sort.Ints(ids)
	return out.Bytes(), ids, nil
}

func maxEnd(edits []ownedEdit) int {
	m := 0
	for _, e := range edits {
		m = max(m, e.End)
	}
	return m
}
