package schema

import (
	"fmt"
	"sort"
)

// A File is one schema source file, kept whole so that findings can be
// positioned in it and fixes applied to it.
type File struct {
	Path string // as given by the caller; used in positions
	Src  []byte

	// Syntax spells fixes in this file's language. Nil when the reader
	// offers none; checks then report without a fix.
	Syntax Syntax

	// Comments holds every comment of the file, in source order. Checks use
	// them for idemlint:ignore and idemlint:key annotations.
	Comments []Comment

	lines []int // offsets of line starts, computed lazily
}

// A Comment is one comment with its text stripped of the comment markers.
type Comment struct {
	Span Span
	Text string
}

// A Span is a half-open byte range [Start, End) in a File.
type Span struct {
	File       *File
	Start, End int
}

// IsValid reports whether s points into a file.
func (s Span) IsValid() bool { return s.File != nil }

// Text returns the bytes that s covers.
func (s Span) Text() string {
	if s.File == nil || s.Start < 0 || s.End > len(s.File.Src) || s.Start > s.End {
		return ""
	}
	return string(s.File.Src[s.Start:s.End])
}

// Position returns the position of the start of s.
func (s Span) Position() Position {
	if s.File == nil {
		return Position{}
	}
	return s.File.Position(s.Start)
}

func (s Span) String() string { return s.Position().String() }

// A Position is a human-readable location: 1-based line and 1-based byte
// column, as go/token reports them, so editors jump to the same place.
type Position struct {
	Path   string
	Offset int
	Line   int
	Column int
}

func (p Position) String() string {
	if p.Line == 0 {
		if p.Path == "" {
			return "-"
		}
		return p.Path
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Column)
}

// NewFile returns a File for src read from path.
func NewFile(path string, src []byte) *File {
	return &File{Path: path, Src: src}
}

// LineStarts returns the byte offsets at which each line of the file begins.
// The first element is always 0.
func (f *File) LineStarts() []int {
	if f.lines == nil {
		lines := make([]int, 1, 1+len(f.Src)/32)
		for i, b := range f.Src {
			if b == '\n' {
				lines = append(lines, i+1)
			}
		}
		f.lines = lines
	}
	return f.lines
}

// Position converts a byte offset into a Position. Offsets outside the file
// are clamped to it.
func (f *File) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(f.Src) {
		off = len(f.Src)
	}
	lines := f.LineStarts()
	i := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	return Position{Path: f.Path, Offset: off, Line: i + 1, Column: off - lines[i] + 1}
}

// Line returns the 1-based line number of offset off.
func (f *File) Line(off int) int { return f.Position(off).Line }

// Span returns the span [start, end) of f.
func (f *File) Span(start, end int) Span { return Span{File: f, Start: start, End: end} }

// A ParseError is a problem a reader met in a file. Readers recover from it
// (usually by skipping to the next block or statement), so a model can carry
// several errors and still be checked.
type ParseError struct {
	Pos Position
	Msg string
	// Also holds the other places where the same unreadable shape recurs
	// (an ent edge built by one helper function in 80 schemas): one error
	// says it once, with these as related positions, instead of one
	// finding per use.
	Also []Position
}

func (e *ParseError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errorf returns a ParseError positioned at offset off of f.
func (f *File) Errorf(off int, format string, args ...any) *ParseError {
	return &ParseError{Pos: f.Position(off), Msg: fmt.Sprintf(format, args...)}
}
