package analyzer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// entFixSchema is an ent schema whose keys are Optional: a string key
// (Nillable too, so its entity field is a *string) in a composite unique
// index, and a UUID key under Unique().
const entFixSchema = `package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

type Payment struct {
	ent.Schema
}

func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.String("tenant_id"),
		field.String("idempotency_key").
			Optional().
			Nillable(),
		field.UUID("request_id", uuid.UUID{}).Optional().Unique(),
	}
}

func (Payment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "idempotency_key").Unique(),
	}
}
`

// entFixCallers call the generated create builder's nillable setters, as
// a handler passing on an optional key does: one file per key, so that
// what fails to compile says which.
var entFixCallers = map[string]string{
	"stringkey.go": `package entfix

import (
	"context"

	"example.com/libs/entfix/ent"
)

func Pay(ctx context.Context, c *ent.Client, tenant string, key *string) error {
	_, err := c.Payment.Create().SetTenantID(tenant).SetNillableIdempotencyKey(key).Save(ctx)
	return err
}
`,
	"uuidkey.go": `package entfix

import (
	"context"

	"github.com/google/uuid"

	"example.com/libs/entfix/ent"
)

func PayByRequest(ctx context.Context, c *ent.Client, tenant string, req *uuid.UUID) error {
	_, err := c.Payment.Create().SetTenantID(tenant).SetNillableRequestID(req).Save(ctx)
	return err
}
`,
}

// TestEntFixWithCodegen runs ent's code generator (entgo.io/ent/entc, the
// library module's, offline) on a schema before and after idemlint's
// fixes of its Optional keys and builds callers of the generated code.
// The fix that makes a key required with no default removes Optional()
// and Nillable() and gives a string key NotEmpty(): the database column
// is NOT NULL with no default, the generated builder validates the key,
// and the regenerated builders have no SetNillableIdempotencyKey or
// SetNillableRequestID: the fix's message says so, naming the setter its
// callers must give up, as the build failing on them shows. The
// random-default fix (DefaultFunc/Default in Go) keeps both setters.
func TestEntFixWithCodegen(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ent's code generator and go build")
	}
	lib := libraryModule(t)
	mod := t.TempDir()
	copyFile(t, filepath.Join(lib, "go.mod"), filepath.Join(mod, "go.mod"))
	copyFile(t, filepath.Join(lib, "go.sum"), filepath.Join(mod, "go.sum"))
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(mod, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entgen, err := os.ReadFile(filepath.Join(lib, "internal", "entgen", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	write("internal/entgen/main.go", string(entgen))
	for name, text := range entFixCallers {
		write(filepath.Join("entfix", name), text)
	}
	goCmd := func(args ...string) (string, error) {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	// generate writes the schema, runs ent's generator on it and builds
	// the callers: the build's output, and ent's migrate/schema.go read.
	generate := func(schemaText string) (string, *schema.Model) {
		t.Helper()
		write("entfix/ent/schema/payment.go", schemaText)
		if err := os.RemoveAll(filepath.Join(mod, "entfix", "ent", "payment")); err != nil {
			t.Fatal(err)
		}
		if out, err := goCmd("run", "./internal/entgen", "./entfix/ent/schema", "./entfix/ent", "example.com/libs/entfix/ent"); err != nil {
			t.Fatalf("ent codegen: %v\n%s\nschema:\n%s", err, out, schemaText)
		}
		out, _ := goCmd("build", "./entfix/...")
		gen, err := os.ReadFile(filepath.Join(mod, "entfix", "ent", "migrate", "schema.go"))
		if err != nil {
			t.Fatal(err)
		}
		return out, gomodel.ReadEntMigrate(schema.NewFile("schema.go", gen), schema.PostgreSQL)
	}
	column := func(m *schema.Model, name string) *schema.Column {
		t.Helper()
		tb := m.Table("payments")
		if tb == nil || tb.Column(name) == nil {
			t.Fatalf("no payments.%s in %v", name, m.Tables)
		}
		return tb.Column(name)
	}

	if out, _ := generate(entFixSchema); out != "" {
		t.Fatalf("the callers do not build against the schema as written:\n%s", out)
	}

	// fixed applies idemlint's fix of each column (dbDefault for its
	// database default, "" for none) to the schema, and returns the fixed
	// text and each fix's note.
	fixed := func(dbDefault map[string]string) (string, map[string]string) {
		t.Helper()
		sf := schema.NewFile("entfix/ent/schema/payment.go", []byte(entFixSchema))
		var m *schema.Model
		for _, read := range gomodel.Read([]*schema.File{sf}, gomodel.Options{Dialect: schema.PostgreSQL}) {
			if read.Table("payments") != nil {
				m = read
			}
		}
		if m == nil {
			t.Fatal("the ent schema was not read")
		}
		syn := sf.Syntax.(schema.DeclarationSyntax)
		var edits []schema.Edit
		notes := map[string]string{}
		for col, def := range dbDefault {
			c := column(m, col)
			es, err := syn.RequireColumn(c, def)
			if err != nil || len(es) == 0 {
				t.Fatalf("no fix of %s (default %q): %v", col, def, err)
			}
			edits = append(edits, es...)
			notes[col] = syn.FixNote(c, def)
		}
		sort.Slice(edits, func(i, j int) bool { return edits[i].Start > edits[j].Start })
		src := entFixSchema
		for _, e := range edits {
			src = src[:e.Start] + e.New + src[e.End:]
		}
		return src, notes
	}

	// No default: both keys are required as an ent user writes it
	// (Optional() and Nillable() gone, NotEmpty() on the string key), and
	// both lose their nillable setters, as the notes say.
	src, notes := fixed(map[string]string{"idempotency_key": "", "request_id": ""})
	if !strings.Contains(src, "field.String(\"idempotency_key\").\n\t\t\tNotEmpty(),") || strings.Contains(src, "Nillable") || strings.Contains(src, "DefaultFunc") {
		t.Errorf("the string key's fix is not Optional().Nillable() turned into NotEmpty():\n%s", src)
	}
	out, oracle := generate(src)
	for _, k := range []struct{ file, setter, set string }{{"stringkey.go", "SetNillableIdempotencyKey", "SetIdempotencyKey"}, {"uuidkey.go", "SetNillableRequestID", "SetRequestID"}} {
		if !strings.Contains(out, k.file) || !strings.Contains(out, k.setter) {
			t.Errorf("the caller in %s should stop compiling on %s once Optional() is gone; go build says:\n%s", k.file, k.setter, out)
		}
		col := map[string]string{"stringkey.go": "idempotency_key", "uuidkey.go": "request_id"}[k.file]
		if n := notes[col]; !strings.Contains(n, "has no "+k.setter) || !strings.Contains(n, k.set) {
			t.Errorf("the fix of %s does not name the setter its callers lose: %q", col, n)
		}
	}
	if n := notes["idempotency_key"]; !strings.Contains(n, "adding NotEmpty()") || !strings.Contains(n, "Nillable()") {
		t.Errorf("the string key's note does not say what its fix does: %q", n)
	}
	// The generated create builder validates the key: an empty one fails.
	if gen, err := os.ReadFile(filepath.Join(mod, "entfix", "ent", "payment", "payment.go")); err != nil || !strings.Contains(string(gen), "IdempotencyKeyValidator") {
		t.Errorf("the generated code has no validator for the required key (%v)", err)
	}
	for col := range notes {
		if c := column(oracle, col); c.Nullable || c.Default != nil {
			t.Errorf("after the fix, ent migrates %s as nullable %v, default %v; want NOT NULL with no default", col, c.Nullable, c.Default)
		}
		if !strings.Contains(notes[col], schema.FollowUpMarker+"regenerate ent code (go generate ./ent) and create an Atlas migration") {
			t.Errorf("%s: the note does not say what is still to do: %q", col, notes[col])
		}
	}

	// A random default (ent's DefaultFunc/Default in Go): both keys keep
	// their setters.
	src, _ = fixed(map[string]string{"idempotency_key": "gen_random_uuid()", "request_id": "gen_random_uuid()"})
	out, oracle = generate(src)
	if out != "" {
		t.Errorf("the random-default fixes break a caller:\n%s\nschema:\n%s", out, src)
	}
	for _, col := range []string{"idempotency_key", "request_id"} {
		if column(oracle, col).Nullable {
			t.Errorf("after the random-default fix, ent migrates %s as nullable", col)
		}
	}
}
