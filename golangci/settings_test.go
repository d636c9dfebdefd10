package golangci

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/schema"
)

// TestSettingsToOptions checks that each setting lands in its Options
// field, as golangci-lint hands YAML over (lists as []any), and that
// AnchorEmbed is on whatever the settings say.
func TestSettingsToOptions(t *testing.T) {
	p, err := New(map[string]any{"schema": []any{"db/schema.sql", "/abs/migrations"}, "key": []any{"ref"},
		"dialect": "sqlite", "checks": "-all,IDEM101", "uncovered": true})
	if err != nil {
		t.Fatal(err)
	}
	want := &config.Options{Schema: []string{"db/schema.sql", "/abs/migrations"}, Keys: []string{"ref"},
		Dialect: "sqlite", Checks: "-all,IDEM101", Uncovered: true, AnchorEmbed: true, NolintByDriver: true}
	if diff := cmp.Diff(want, p.(*Plugin).opts, cmpopts.IgnoreUnexported(config.Options{})); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	p, err = New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&config.Options{AnchorEmbed: true, NolintByDriver: true}, p.(*Plugin).opts, cmpopts.IgnoreUnexported(config.Options{})); diff != "" {
		t.Errorf("options without settings (-want +got):\n%s", diff)
	}
}

// TestSettingsOverConfigFile: the plugin's settings: are the same keys as
// the module's .idemlint.yaml and win over it, as flags do; what they leave
// out comes from the file, except anchor-embed, which the plugin needs.
func TestSettingsOverConfigFile(t *testing.T) {
	root := t.TempDir()
	for name, content := range map[string]string{"go.mod": "module m\n", ".idemlint.yaml": "key: [from_file]\ndialect: mysql\nanchor-embed: false\n"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := New(map[string]any{"key": []any{"from_settings"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.(*Plugin).opts.Resolve(root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"from_settings"}, s.Load.Checks.Keys.Extra); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if s.Load.Dialect != schema.MySQL || !s.AnchorEmbed {
		t.Errorf("dialect %v (want the file's mysql), anchor-embed %v (want on)", s.Load.Dialect, s.AnchorEmbed)
	}
}
