package fixer

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Context is the number of unchanged lines around each change in a diff.
const Context = 3

// Unified returns the unified diff that turns old into new, with headers
// "--- a/name" and "+++ b/name", or "" when they are equal. name is
// slash-separated in the headers.
func Unified(name string, old, new []byte) string {
	name = strings.TrimPrefix(filepath.ToSlash(name), "/")
	return unified("a/"+name, "b/"+name, old, new)
}

func unified(aName, bName string, old, new []byte) string {
	if bytes.Equal(old, new) && aName != "/dev/null" {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	var buf strings.Builder
	fmt.Fprintf(&buf, "--- %s\n+++ %s\n", aName, bName)
	writeHunks(&buf, a, b, ops)
	return buf.String()
}

// WriteDiffs writes the unified diff of every file of the plan to w, naming
// each file by display(path).
func (p *Plan) WriteDiffs(w io.Writer, display func(string) string) error {
	for _, c := range p.Files {
		name := c.Path
		if display != nil {
			name = display(name)
		}
		name = strings.TrimPrefix(filepath.ToSlash(name), "/")
		d := unified("a/"+name, "b/"+name, c.Old, c.New)
		if c.Created {
			d = unified("/dev/null", "b/"+name, nil, c.New)
		}
		if _, err := io.WriteString(w, d); err != nil {
			return err
		}
	}
	return nil
}

// splitLines splits s after each '\n'; the last line may lack one.
func splitLines(s []byte) []string {
	var lines []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, string(s))
			break
		}
		lines = append(lines, string(s[:i+1]))
		s = s[i+1:]
	}
	return lines
}

type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// An op is one line of the edit script: a line of a (delete), of b
// (insert), or of both (equal).
type op struct {
	kind opKind
	line string
}

// diffLines returns a shortest edit script from a to b (Myers' O(ND)
// algorithm, after trimming the common prefix and suffix). It keeps only
// the (2d+1)-wide frontier of every round, so memory is O(D²).
func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for _, l := range a[:pre] {
		ops = append(ops, op{opEqual, l})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{opEqual, l})
	}
	return ops
}

func myers(a, b []string) []op {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		ops := make([]op, 0, n+m)
		for _, l := range a {
			ops = append(ops, op{opDelete, l})
		}
		for _, l := range b {
			ops = append(ops, op{opInsert, l})
		}
		return ops
	}
	maxD := n + m
	v := make([]int, 2*maxD+3) // v[k+off] is the furthest x on diagonal k
	off := maxD + 1
	var trace [][]int // trace[d][k+d] is v[k] after round d
	var final int
search:
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: insert b[y-1]
			} else {
				x = v[off+k-1] + 1 // right: delete a[x-1]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			if v[off+k] >= n && v[off+k]-k >= m {
				final = d
				break search
			}
		}
	}
	// Walk back from (n, m), emitting ops in reverse.
	var rev []op
	x, y := n, m
	for d := final; d > 0; d-- {
		prev := trace[d-1] // indices -(d-1)..(d-1)
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		// The step from (px, py) lands on (mx, my); a snake of equal lines
		// leads from there to (x, y).
		mx, my := px+1, py
		if pk == k+1 {
			mx, my = px, py+1
		}
		for x > mx && y > my {
			rev = append(rev, op{opEqual, a[x-1]})
			x--
			y--
		}
		if pk == k+1 {
			rev = append(rev, op{opInsert, b[py]})
		} else {
			rev = append(rev, op{opDelete, a[px]})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, op{opEqual, a[x-1]})
		x--
		y--
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// writeHunks writes ops as unified-diff hunks with Context lines of
// context, merging hunks whose context would touch.
func writeHunks(w *strings.Builder, a, b []string, ops []op) {
	// aBefore[i], bBefore[i]: lines of a and b before ops[i].
	aBefore := make([]int, len(ops)+1)
	bBefore := make([]int, len(ops)+1)
	for i, o := range ops {
		aBefore[i+1], bBefore[i+1] = aBefore[i], bBefore[i]
		if o.kind != opInsert {
			aBefore[i+1]++
		}
		if o.kind != opDelete {
			bBefore[i+1]++
		}
	}
	i := 0
	for {
		// Find the next change.
		for i < len(ops) && ops[i].kind == opEqual {
			i++
		}
		if i == len(ops) {
			return
		}
		start := max(0, i-Context)
		// Extend through changes separated by at most 2*Context equal lines.
		end := i
		for {
			for end < len(ops) && ops[end].kind != opEqual {
				end++
			}
			j := end
			for j < len(ops) && ops[j].kind == opEqual {
				j++
			}
			if j < len(ops) && j-end <= 2*Context {
				end = j
				continue
			}
			end = min(len(ops), end+Context)
			break
		}
		aCount := aBefore[end] - aBefore[start]
		bCount := bBefore[end] - bBefore[start]
		fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(aBefore[start], aCount), hunkRange(bBefore[start], bCount))
		for _, o := range ops[start:end] {
			w.WriteByte(byte(o.kind))
			w.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				w.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
}

// hunkRange formats a hunk's line range as GNU diff does: the 1-based first
// line and the count, omitting a count of 1; an empty range names the line
// before it.
func hunkRange(before, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, count)
}
