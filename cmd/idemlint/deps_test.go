package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoCgoDependencies keeps the binary free of packages that link it
// against libc. go vet starts one idemlint process per package, the
// standard library included, and a dynamically linked binary pays the
// loader and cgo's start-up in every one of them: on a 500-package run
// that was most of idemlint's cost over go vet's own floor. net is the
// usual way in (net/textproto, net/http, os/user).
func TestNoCgoDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net", "runtime/cgo", "os/user", "plugin":
			t.Errorf("cmd/idemlint depends on %s, which links it against libc; find the import with go list -f '{{.ImportPath}}: {{.Imports}}' -deps .", pkg)
		}
	}
}
