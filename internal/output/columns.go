package output

import (
	"bytes"
	"os"
	"unicode/utf8"
)

// UTF16Column converts a byte column (from 1) in line to the column in
// UTF-16 code units (from 1) that SARIF and LSP count in. Invalid UTF-8
// counts one unit per byte.
func UTF16Column(line []byte, byteCol int) int {
	n := min(max(byteCol-1, 0), len(line))
	units := 0
	for i := 0; i < n; {
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size <= 1 {
			units, i = units+1, i+1
			continue
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		i += size
	}
	return units + 1
}

// A lineCache reads the files positions point into, once each, to convert
// byte columns; a file it cannot read keeps byte columns.
type lineCache struct{ files map[string][]byte }

func newLineCache() *lineCache { return &lineCache{files: map[string][]byte{}} }

func (c *lineCache) utf16Column(p Position) int {
	if p.Column == 0 || p.Line == 0 {
		return p.Column
	}
	src, ok := c.files[p.Path]
	if !ok {
		src, _ = os.ReadFile(p.Path)
		c.files[p.Path] = src
	}
	line, ok := lineAt(src, p.Line)
	if !ok {
		return p.Column
	}
	return UTF16Column(line, p.Column)
}

// lineAt returns line n (from 1) of src, without its newline.
func lineAt(src []byte, n int) ([]byte, bool) {
	for ; n > 1; n-- {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return nil, false
		}
		src = src[i+1:]
	}
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return src, true
}
