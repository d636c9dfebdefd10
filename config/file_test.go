package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseFile(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      Options
	}{
		{"empty", "", Options{}},
		{"only comments", "# nothing yet\n", Options{}},
		{"every setting, lists as YAML sequences", `
schema: [db/schema.sql, /abs/migrations]
key:
  - request_id
  - jobs.ref
dialect: MySQL
checks: [-IDEM202, IDEM102]
uncovered: true
anchor-embed: false
`, Options{Schema: []string{"/cfg/db/schema.sql", "/abs/migrations"}, Keys: []string{"request_id", "jobs.ref"},
			Dialect: "MySQL", Checks: "-IDEM202,IDEM102", Uncovered: true}},
		{"lists as the flags take them", "key: request_id,jobs.ref\nchecks: \"-IDEM202\"\n",
			Options{Keys: []string{"request_id", "jobs.ref"}, Checks: "-IDEM202"}},
		{"the golangci-lint settings block, moved as it is", `
schema: [db/schema.sql]
key: [request_id]
dialect: postgresql
checks: "-IDEM202"
uncovered: false
`, Options{Schema: []string{"/cfg/db/schema.sql"}, Keys: []string{"request_id"}, Dialect: "postgresql", Checks: "-IDEM202"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseFile("/cfg/.idemlint.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreUnexported(Options{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFileErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"chekcs: -IDEM101\n", `c.yaml:1:1: unknown setting "chekcs"`},
		{"key: x\nkey: y\n", "c.yaml:2:1: key is set twice"},
		{"dialect: db2\n", `c.yaml:1:10: dialect "db2": unknown dialect`},
		{"checks: [IDEM999]\n", `c.yaml:1:9: "IDEM999" matches no check`},
		{"uncovered: maybe\n", "c.yaml:1:12: want true or false"},
		{"key: {a: b}\n", "c.yaml:1:6: want a list"},
		{"key: [[a]]\n", "c.yaml:1:7: want a string in this list"},
		{"dialect: [mysql]\n", "c.yaml:1:10: want a string"},
		{"- schema\n", "c.yaml:1:1: want settings as key: value lines"},
		{"key: [a\n", "c.yaml: "},
		{"schema:\n  nested:\n    x: y\n", "c.yaml:2:3: want a list"},
	} {
		_, err := parseFile("c.yaml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

func FuzzParseFile(f *testing.F) {
	f.Add("schema: [db]\nkey: a,b\nchecks: -IDEM202\nuncovered: true\n")
	f.Add("key:\n  - a\n  - {b: c}\n")
	f.Add("&a x: *a\n")
	f.Fuzz(func(t *testing.T, src string) {
		o, err := parseFile("/c/.idemlint.yaml", []byte(src))
		if err == nil {
			if _, err := o.resolve("/c"); err != nil {
				t.Errorf("a file that reads cannot be resolved: %v", err)
			}
		}
	})
}

// write writes files (slash-separated names, "" for a folder) under a new
// folder and returns it.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFind(t *testing.T) {
	dir := write(t, map[string]string{
		".idemlint.yaml":            "", // above the module: never read for it
		"mod/go.mod":                "module m\n",
		"mod/.idemlint.yaml":        "",
		"mod/db/x.sql":              "",
		"mod/sub/.idemlint.yml":     "", // nearest wins
		"mod/sub/deep/y.sql":        "",
		"bare/go.mod":               "module b\n", // no file up to its root
		"bare/db/z.sql":             "",
		"repo/.git/HEAD":            "",
		"repo/prisma/schema.prisma": "",
	})
	for _, tc := range []struct{ from, want string }{
		{"mod", "mod/.idemlint.yaml"},
		{"mod/db", "mod/.idemlint.yaml"},
		{"mod/sub/deep", "mod/sub/.idemlint.yml"},
		{"bare/db", ""},
		{"repo/prisma", ""}, // the repository root has none; the one above it is not its
	} {
		want := ""
		if tc.want != "" {
			want = filepath.Join(dir, filepath.FromSlash(tc.want))
		}
		if got := Find(filepath.Join(dir, filepath.FromSlash(tc.from))); got != want {
			t.Errorf("Find(%s) = %q, want %q", tc.from, got, want)
		}
	}
	if Find("") != "" {
		t.Error(`Find("") found a file`)
	}
}

// TestFlagsOverrideFile: a setting given by a flag wins; the others come
// from the file; paths in the file are relative to it.
func TestFlagsOverrideFile(t *testing.T) {
	root := write(t, map[string]string{
		"go.mod":         "module m\n",
		".idemlint.yaml": "schema: [db/schema.sql]\nkey: [ref]\ndialect: mysql\nchecks: -IDEM202\nuncovered: true\n",
	})
	var o Options
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	o.RegisterFlags(fs)
	if err := fs.Parse([]string{"-key", "other", "-dialect=sqlite", "-uncovered=false"}); err != nil {
		t.Fatal(err)
	}
	s, err := o.Resolve(root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{filepath.Join(root, "db", "schema.sql")}, s.SchemaPaths); diff != "" {
		t.Errorf("schema from the file (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"other"}, s.Load.Checks.Keys.Extra); diff != "" {
		t.Errorf("-key replaces the file's keys (-want +got):\n%s", diff)
	}
	if got := s.Load.Dialect.String(); !strings.EqualFold(got, "sqlite") {
		t.Errorf("dialect %s, want the flag's sqlite", got)
	}
	if got := s.Load.Checks.Checks.Enabled("IDEM102"); got {
		t.Error("-uncovered=false did not win over the file's uncovered: true")
	}
	if s.Load.Checks.Checks.Enabled("IDEM202") {
		t.Error("the file's checks: -IDEM202 was not applied")
	}
	if s.ConfigFile != filepath.Join(root, FileName) {
		t.Errorf("ConfigFile %q", s.ConfigFile)
	}
	// Without the module root, as drivers check their flags first, no
	// file is read.
	if s, err := o.Resolve(""); err != nil || s.ConfigFile != "" {
		t.Errorf(`Resolve(""): %v, file %q`, err, s.ConfigFile)
	}
	// A broken file is an error of every run in the module.
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("dialect: db2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Resolve(root); err == nil || !strings.Contains(err.Error(), FileName+":1:10") {
		t.Errorf("broken file: %v", err)
	}
}

// TestMarkSet: settings a driver marks as given (the golangci-lint
// plugin's settings:) win over the file like flags.
func TestMarkSet(t *testing.T) {
	root := write(t, map[string]string{"go.mod": "module m\n", ".idemlint.yaml": "checks: -IDEM101\nkey: [a]\n"})
	o := Options{Checks: "-IDEM201"}
	o.MarkSet("checks")
	s, err := o.Resolve(root)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Load.Checks.Checks.Enabled("IDEM101") || s.Load.Checks.Checks.Enabled("IDEM201") {
		t.Errorf("checks %s, want the driver's -IDEM201 alone", s.Load.Checks.Checks)
	}
	if diff := cmp.Diff([]string{"a"}, s.Load.Checks.Keys.Extra); diff != "" {
		t.Errorf("keys from the file (-want +got):\n%s", diff)
	}
}
