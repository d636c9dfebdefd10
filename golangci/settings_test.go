package golangci

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/config"
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
	if diff := cmp.Diff(want, p.(*Plugin).opts); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	p, err = New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&config.Options{AnchorEmbed: true, NolintByDriver: true}, p.(*Plugin).opts); diff != "" {
		t.Errorf("options without settings (-want +got):\n%s", diff)
	}
}
