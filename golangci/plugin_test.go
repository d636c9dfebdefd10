package golangci_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/golangci"
)

// settings decodes YAML-shaped settings as golangci-lint hands them over:
// maps and slices of any.
func TestNewSettings(t *testing.T) {
	good := []any{
		nil, // no settings block
		map[string]any{},
		map[string]any{"schema": []any{"db/schema.sql"}, "key": []any{"request_id", "jobs.ref"},
			"dialect": "MySQL", "checks": "-IDEM202", "uncovered": true},
	}
	for _, raw := range good {
		p, err := golangci.New(raw)
		if err != nil {
			t.Errorf("New(%v): %v", raw, err)
			continue
		}
		as, err := p.BuildAnalyzers()
		if err != nil || len(as) != 1 || as[0].Name != "idemlint" {
			t.Errorf("New(%v).BuildAnalyzers() = %v, %v; want the idemlint analyzer", raw, as, err)
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("load mode %q", p.GetLoadMode())
		}
	}
	bad := map[string]any{
		"unknown setting": map[string]any{"schemas": []any{"x.sql"}},
		"unknown dialect": map[string]any{"dialect": "db2"},
		"unknown check":   map[string]any{"checks": "IDEM999"},
		"wrong type":      map[string]any{"uncovered": "yes"},
	}
	for name, raw := range bad {
		if _, err := golangci.New(raw); err == nil || !strings.Contains(err.Error(), "idemlint settings") {
			t.Errorf("%s: New(%v) error = %v, want an idemlint settings error", name, raw, err)
		}
	}
}

// TestRegistered checks the blank import's effect: golangci-lint looks the
// linter up by name.
func TestRegistered(t *testing.T) {
	if _, err := register.GetPlugin(golangci.Name); err != nil {
		t.Fatal(err)
	}
}

// TestAnchored runs the plugin's analyzer on the analyzer's testdata:
// schema findings land on the //go:embed variable whatever the settings.
func TestAnchored(t *testing.T) {
	p, err := golangci.New(map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	dir, err := filepath.Abs(filepath.Join("..", "analyzer", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, as[0], "anchored")
}

// TestRealGolangciLint builds a custom golangci-lint v2 with the plugin
// (.ci/golangci-plugin) and runs it on testdata/chat. It needs the Go
// module proxy and a few minutes on a cold cache, so it runs only when
// IDEMLINT_GOLANGCI=1.
func TestRealGolangciLint(t *testing.T) {
	if os.Getenv("IDEMLINT_GOLANGCI") == "" {
		t.Skip("set IDEMLINT_GOLANGCI=1 to build a custom golangci-lint with the plugin and run it on testdata/chat (.ci/golangci-plugin)")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found")
	}
	out, err := exec.Command("bash", filepath.Join("..", ".ci", "golangci-plugin")).CombinedOutput()
	if err != nil {
		t.Fatalf(".ci/golangci-plugin: %v\n%s", err, out)
	}
	for _, want := range []string{"db/db.go:11:5: IDEM101", "store/store.go:30:26: IDEM201"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
