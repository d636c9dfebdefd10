package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	for _, tc := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.0"}}, "idemlint v0.1.0 go1.26.0"},
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.1-0.20261204174701-616d005c1a2b"}}, "idemlint v0.1.1-0.20261204174701-616d005c1a2b go1.26.0"},
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "616d005c1a2b3c4d5e6f"}, {Key: "vcs.modified", Value: "true"}}}, "idemlint (devel) 616d005c1a2b+modified go1.26.0"},
		{debug.BuildInfo{GoVersion: "go1.26.0"}, "idemlint (devel) go1.26.0"},
	} {
		if got := versionLine(&tc.bi); got != tc.want {
			t.Errorf("versionLine(%+v) = %q, want %q", tc.bi.Main, got, tc.want)
		}
	}
}

// TestVersionMatchesGoVersion: idemlint version -m prints the build
// information go version -m reads from the same binary.
func TestVersionMatchesGoVersion(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	r := run(t, ".", bin, "version", "-m")
	g := run(t, ".", "go", "version", "-m", bin)
	if r.code != exitClean || g.code != 0 {
		t.Fatalf("idemlint version -m: exit %d %s; go version -m: exit %d %s", r.code, r.stderr, g.code, g.stderr)
	}
	first, rest, _ := strings.Cut(r.stdout, "\n")
	if !strings.HasPrefix(first, "idemlint ") || strings.Fields(first)[len(strings.Fields(first))-1] != strings.Fields(g.stdout)[1] {
		t.Errorf("first line %q does not end in the Go version of %q", first, g.stdout)
	}
	var want strings.Builder
	for _, line := range strings.Split(g.stdout, "\n")[1:] {
		want.WriteString(strings.TrimPrefix(line, "\t") + "\n")
	}
	// go version -m's first line names the binary; idemlint's build info
	// says "go\tgo1.26.0" instead.
	if got := strings.SplitN(rest, "\n", 2)[1]; strings.TrimSpace(got) != strings.TrimSpace(want.String()) {
		t.Errorf("idemlint version -m:\n%s\ngo version -m:\n%s", got, want.String())
	}
	if r := run(t, ".", bin, "version", "extra"); r.code != exitUsage {
		t.Errorf("version extra: exit %d, want %d", r.code, exitUsage)
	}
}
