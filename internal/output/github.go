package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/checks"
)

// writeGitHub prints diags as GitHub Actions workflow commands
// (::error file=…,line=…,col=…,title=IDEM101::message), which the runner
// turns into annotations on the pull request. Paths are relative to the
// working directory, the checkout's root in a workflow.
func writeGitHub(w io.Writer, diags []Diagnostic, errs []Error) error {
	cwd, _ := os.Getwd()
	for _, e := range errs {
		if _, err := fmt.Fprintf(w, "::error title=idemlint::%s\n", escapeData(e.Message)); err != nil {
			return err
		}
	}
	for _, d := range diags {
		level := "warning"
		if c, ok := checks.Lookup(d.Code); ok && c.Level == "error" {
			level = "error"
		}
		props := []string{"file=" + escapeProperty(relTo(cwd, d.Pos.Path))}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line), fmt.Sprintf("col=%d", d.Pos.Column))
			if d.End.Line > 0 && d.End.Path == d.Pos.Path {
				props = append(props, fmt.Sprintf("endLine=%d", d.End.Line), fmt.Sprintf("endColumn=%d", d.End.Column))
			}
		}
		props = append(props, "title="+escapeProperty(d.Code))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

func relTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && dir != "" && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// escapeData escapes a workflow command's message as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
