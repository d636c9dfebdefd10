package fixer

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnified(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{
			name: "one line changed, three lines of context",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- a/s.prisma\n+++ b/s.prisma\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "distant changes make two hunks",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
			new:  "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n",
			want: "--- a/s.prisma\n+++ b/s.prisma\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n",
		},
		{
			name: "close changes share a hunk",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n",
			new:  "one\n2\n3\n4\n5\n6\n7\neight\n",
			want: "--- a/s.prisma\n+++ b/s.prisma\n@@ -1,8 +1,8 @@\n-1\n+one\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n",
		},
		{
			name: "insertion into an empty file",
			old:  "",
			new:  "a\n",
			want: "--- a/s.prisma\n+++ b/s.prisma\n@@ -0,0 +1 @@\n+a\n",
		},
		{
			name: "missing final newline",
			old:  "a\nb",
			new:  "a\nc",
			want: "--- a/s.prisma\n+++ b/s.prisma\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{
			name: "pure insertion",
			old:  "a\nb\n",
			new:  "a\nx\nb\n",
			want: "--- a/s.prisma\n+++ b/s.prisma\n@@ -1,2 +1,3 @@\n a\n+x\n b\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unified("s.prisma", []byte(tt.old), []byte(tt.new))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Unified (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnifiedRoundTrip applies random diffs with a small patch reader and,
// when GNU patch is installed, with it too.
func TestUnifiedRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "c", "d", "model X {", "}", ""}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte('\n')
		}
		s := b.String()
		if r.IntN(5) == 0 {
			s = strings.TrimSuffix(s, "\n")
		}
		return s
	}
	for i := range 500 {
		old := gen(r.IntN(30))
		new := old
		switch r.IntN(3) {
		case 0:
			new = gen(r.IntN(30))
		default:
			lines := strings.SplitAfter(old, "\n")
			for range r.IntN(4) + 1 {
				if len(lines) > 0 && r.IntN(2) == 0 {
					j := r.IntN(len(lines))
					lines = append(lines[:j], lines[j+1:]...)
				} else {
					j := r.IntN(len(lines) + 1)
					lines = append(lines[:j], append([]string{words[r.IntN(len(words))] + "\n"}, lines[j:]...)...)
				}
			}
			new = strings.Join(lines, "")
		}
		d := Unified("f", []byte(old), []byte(new))
		got, err := applyUnified(old, d)
		if err != nil || got != new {
			t.Fatalf("case %d: applying\n%s\nto %q gave %q, %v; want %q", i, d, old, got, err, new)
		}
		if want := minEdits(old, new); countChanges(d) != want {
			t.Fatalf("case %d: diff has %d changed lines, shortest script has %d:\n%s", i, countChanges(d), want, d)
		}
	}
	if _, err := exec.LookPath("patch"); err != nil {
		t.Log("GNU patch not installed; skipped the cross-check")
		return
	}
	old, new := gen(40), gen(40)
	d := Unified("f", []byte(old), []byte(new))
	dir := t.TempDir()
	writeFile := func(name, s string) {
		if err := WriteFile(dir+"/"+name, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	writeFile("f", old)
	writeFile("f.diff", d)
	cmd := exec.Command("patch", "-p1", "-s", "-i", "f.diff")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
}

func countChanges(d string) int {
	n := 0
	for _, l := range strings.Split(d, "\n") {
		if (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+")) && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "+++") {
			n++
		}
	}
	return n
}

// minEdits is the length of the shortest insert/delete script (by LCS).
func minEdits(old, new string) int {
	a, b := splitLines([]byte(old)), splitLines([]byte(new))
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return len(a) + len(b) - 2*dp[0][0]
}

// applyUnified applies a diff produced by Unified to old.
func applyUnified(old, d string) (string, error) {
	if d == "" {
		return old, nil
	}
	a := splitLines([]byte(old))
	lines := strings.SplitAfter(d, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return "", fmt.Errorf("bad headers")
	}
	var out []string
	next := 0  // next line of a to copy
	last := -1 // index in out of the line a no-newline marker applies to
	for _, l := range lines[2:] {
		switch {
		case l == "":
		case strings.HasPrefix(l, "@@ "):
			f := strings.Fields(l)
			start, _, _ := strings.Cut(strings.TrimPrefix(f[1], "-"), ",")
			n, err := strconv.Atoi(start)
			if err != nil {
				return "", err
			}
			if !strings.Contains(f[1], ",0") {
				n-- // 1-based first line; an empty range names the line before
			}
			for next < n {
				out = append(out, a[next])
				next++
			}
		case l == "\\ No newline at end of file\n":
			if last >= 0 {
				out[last] = strings.TrimSuffix(out[last], "\n")
			}
		case l[0] == ' ' || l[0] == '-':
			if next >= len(a) || strings.TrimSuffix(a[next], "\n") != strings.TrimSuffix(l[1:], "\n") {
				return "", fmt.Errorf("context mismatch at line %d: %q", next+1, l)
			}
			if l[0] == ' ' {
				out = append(out, l[1:])
				last = len(out) - 1
			} else {
				last = -1
			}
			next++
		case l[0] == '+':
			out = append(out, l[1:])
			last = len(out) - 1
		default:
			return "", fmt.Errorf("bad line %q", l)
		}
	}
	out = append(out, a[next:]...)
	return strings.Join(out, ""), nil
}
