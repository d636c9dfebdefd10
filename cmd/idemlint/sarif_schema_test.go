package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the published SARIF 2.1.0 JSON schema
// (testdata/sarif, see its NOTICE), with format assertions on so that
// "uri" and "date-time" values are checked too.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestSARIFValidates checks idemlint's -format sarif output against the
// SARIF 2.1.0 schema in both modes: Go packages (the bundled example:
// a schema finding with a fix, a Go finding with related locations),
// `idemlint schema` on the same schema, on a migration history (a fix
// that creates the next migration), on a file that does not parse
// (IDEM001) and on a path that does not exist (no region at all).
func TestSARIFValidates(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	sch := sarifSchema(t)
	chat := t.TempDir()
	if err := os.CopyFS(chat, os.DirFS(filepath.Join("..", "..", "testdata", "chat"))); err != nil {
		t.Fatal(err)
	}
	migrations := writeTree(t, map[string]string{
		"migrations/0001_init.up.sql":   "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text);\nCREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n",
		"migrations/0001_init.down.sql": "DROP TABLE jobs;\n",
		"broken.sql":                    "CREATE TABLE t (idempotency_key text UNIQUE, \"unterminated);\n",
	})
	cases := []struct {
		name, dir string
		args      []string
		want      []string // ruleIds the log must hold
	}{
		{"packages", chat, []string{"-format", "sarif", "./..."}, []string{"IDEM101", "IDEM201"}},
		{"schema", chat, []string{"schema", "-format", "sarif", "db"}, []string{"IDEM101"}},
		{"migrations", migrations, []string{"schema", "-format", "sarif", "migrations"}, []string{"IDEM101"}},
		{"parse error", migrations, []string{"schema", "-format", "sarif", "broken.sql"}, []string{"IDEM001"}},
		{"missing path", migrations, []string{"schema", "-format", "sarif", "absent.sql"}, []string{"IDEM001"}},
		{"clean", migrations, []string{"schema", "-format", "sarif", "-checks", "-all", "migrations"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.dir, bin, c.args...)
			if r.code == exitError && len(c.want) > 0 && c.want[0] != "IDEM001" {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
			if err != nil {
				t.Fatalf("output is not JSON: %v\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("invalid SARIF 2.1.0: %v\n%s", err, r.stdout)
			}
			for _, id := range c.want {
				if !strings.Contains(r.stdout, `"ruleId": "`+id+`"`) {
					t.Errorf("no result with ruleId %s:\n%s", id, r.stdout)
				}
			}
		})
	}
}

// TestSARIFSchemaRejects keeps the validation honest: the schema catches
// a log that breaks it.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	for _, bad := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,                                          // driver without a name
		`{"version": "2.0.0", "runs": []}`,                                                                  // wrong version
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a"}]}]}`, // result without a message
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
	good := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}`
	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(good))
	if err := sch.Validate(inst); err != nil {
		t.Errorf("schema rejects a minimal log: %v", err)
	}
}
