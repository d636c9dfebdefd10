package config

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

func TestResolve(t *testing.T) {
	var o Options
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	o.RegisterFlags(fs)
	root := t.TempDir()
	abs := filepath.Join(t.TempDir(), "other.sql")
	err := fs.Parse([]string{"-schema", "db/schema.sql," + abs, "-schema=prisma", "-key", "ref", "-key=t.x",
		"-dialect", "MySQL", "-checks", "-IDEM202", "-uncovered", "-anchor-embed"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := o.Resolve(root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{filepath.Join(root, "db/schema.sql"), abs, filepath.Join(root, "prisma")}, s.SchemaPaths); diff != "" {
		t.Errorf("SchemaPaths (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ref", "t.x"}, s.Load.Checks.Keys.Extra); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if s.Load.Dialect != schema.MySQL || !s.AnchorEmbed {
		t.Errorf("dialect %v, anchor %v", s.Load.Dialect, s.AnchorEmbed)
	}
	if got, want := s.Load.Checks.Checks.String(), "IDEM001,IDEM002,IDEM003,IDEM101,IDEM102,IDEM103,IDEM104,IDEM201"; got != want {
		t.Errorf("checks %s, want %s", got, want)
	}
}

func TestResolveErrors(t *testing.T) {
	for _, o := range []Options{{Dialect: "db2"}, {Checks: "IDEM999"}} {
		if _, err := o.Resolve(""); err == nil {
			t.Errorf("Resolve(%+v): no error", o)
		}
	}
}

func TestSchemaModeFlags(t *testing.T) {
	// idemlint schema has no -schema or -anchor-embed.
	var o Options
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	o.RegisterCheckFlags(fs)
	if fs.Lookup("schema") != nil || fs.Lookup("anchor-embed") != nil || fs.Lookup("checks") == nil {
		t.Error("RegisterCheckFlags registers the wrong flags")
	}
}
