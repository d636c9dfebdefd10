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
	if p.Column == 0 {
		return 0
	}
	src, ok := c.files[p.Path]
	if !ok {
		src, _ = os.ReadFile(p.Path)
		c.files[p.Path] = src
	}
	if src == nil || p.Offset < 0 || p.Offset > len(src) {
		return p.Column
	}
	start := p.Offset - (p.Column - 1)
	if start < 0 {
		return p.Column
	}
	line := src[start:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return UTF16Column(line, p.Column)
}
