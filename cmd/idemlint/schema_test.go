package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

func TestSchemaText(t *testing.T) {
	dir := writeTree(t, map[string]string{"db/schema.prisma": messageSchema})
	r := runCLI(dir, "schema", "db/schema.prisma")
	if r.code != exitDiagnostics || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], idem101Prefix) {
		t.Errorf("stderr = %q, want one line starting %q", r.stderr, idem101Prefix)
	}

	// -v adds the related unique constraint, indented.
	r = runCLI(dir, "schema", "-v", "db/schema.prisma")
	if !strings.Contains(r.stderr, "\n\tdb/schema.prisma:11:3: unique constraint (sessionId, idempotencyKey) lets rows with a NULL idempotencyKey repeat\n") {
		t.Errorf("-v stderr = %q, want the related constraint", r.stderr)
	}

	// Outside the working directory, paths print absolute.
	other := t.TempDir()
	r = runCLI(other, "schema", filepath.Join(dir, "db"))
	if want := filepath.Join(dir, "db", "schema.prisma") + ":9:3: IDEM101"; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr = %q, want it to start %q", r.stderr, want)
	}
}

func TestSchemaJSON(t *testing.T) {
	dir := writeTree(t, map[string]string{"db/schema.prisma": messageSchema})
	r := runCLI(dir, "schema", "-json", "db")
	if r.code != exitDiagnostics {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var got []jsonDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1:\n%s", len(got), r.stdout)
	}
	f := got[0]
	path := filepath.Join(dir, "db", "schema.prisma")
	if f.Category != "IDEM101" || f.Posn != path+":9:3" || f.End != path+":9:41" {
		t.Errorf("finding = %+v", f)
	}
	if len(f.Related) != 1 || f.Related[0].Posn != path+":11:3" {
		t.Errorf("related = %+v", f.Related)
	}
	if len(f.SuggestedFixes) != 2 || len(f.SuggestedFixes[0].Edits) == 0 || f.SuggestedFixes[0].Edits[0].Filename != path {
		t.Fatalf("fixes = %+v", f.SuggestedFixes)
	}
	// The edits, applied, give the fixed schema.
	src := messageSchema
	edits := f.SuggestedFixes[0].Edits
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		src = src[:e.Start] + e.New + src[e.End:]
	}
	if src != fixedSchema {
		t.Errorf("JSON edits give\n%s\nwant\n%s", src, fixedSchema)
	}
	// A clean run prints an empty array.
	clean := writeTree(t, map[string]string{"s.prisma": "model A {\n  id Int @id\n}\n"})
	if r := runCLI(clean, "schema", "-json"); r.code != exitClean || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("clean -json: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestSchemaFixAndDiff(t *testing.T) {
	dir := writeTree(t, map[string]string{"db/schema.prisma": messageSchema})
	path := filepath.Join(dir, "db", "schema.prisma")

	r := runCLI(dir, "schema", "-diff", "db")
	if r.code != exitDiagnostics {
		t.Errorf("-diff exit %d, want %d\n%s", r.code, exitDiagnostics, r.stderr)
	}
	wantDiff := `--- a/db/schema.prisma
+++ b/db/schema.prisma
@@ -4,9 +4,9 @@
 }
 
 model Message {
-  id             Int     @id
+  id             Int    @id
   sessionId      String
-  idempotencyKey String? @db.VarChar(64)
+  idempotencyKey String @db.VarChar(64) @default(dbgenerated("gen_random_uuid()"))
 
   @@unique([sessionId, idempotencyKey])
 }
`
	if r.stdout != wantDiff {
		t.Errorf("-diff stdout:\n%s\nwant:\n%s", r.stdout, wantDiff)
	}
	if r.stderr != "" {
		t.Errorf("-diff stderr = %q, want nothing (the fixable finding is in the diff)", r.stderr)
	}
	if got := readFile(t, path); got != messageSchema {
		t.Errorf("-diff wrote the file:\n%s", got)
	}

	r = runCLI(dir, "schema", "-fix", "-q", "db")
	if r.code != exitClean || r.stderr != "" || r.stdout != "" {
		t.Errorf("-fix -q: exit %d, stdout %q, stderr %q, want silence", r.code, r.stdout, r.stderr)
	}
	if got := readFile(t, path); got != fixedSchema {
		t.Errorf("after -fix:\n%s\nwant:\n%s", got, fixedSchema)
	}
	if r := runCLI(dir, "schema", "db"); r.code != exitClean || r.stderr != "" {
		t.Errorf("after -fix, re-run: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestSchemaParseError(t *testing.T) {
	broken := messageSchema + "\nmodel Broken {\n  id Int @id\n"
	dir := writeTree(t, map[string]string{"db/schema.prisma": broken})
	r := runCLI(dir, "schema", "db/schema.prisma")
	if r.code != exitError {
		t.Errorf("exit %d, want %d", r.code, exitError)
	}
	// The finding is still reported, and the parse error has a position.
	if !strings.Contains(r.stderr, idem101Prefix) {
		t.Errorf("stderr = %q, want the IDEM101 finding too", r.stderr)
	}
	wantErr := "db/schema.prisma:16:1: IDEM001: "
	if !strings.Contains(r.stderr, wantErr) {
		t.Errorf("stderr = %q, want a line starting %q", r.stderr, wantErr)
	}

	r = runCLI(dir, "schema", "-json", "db/schema.prisma")
	var got []jsonDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	codes := ""
	for _, f := range got {
		codes += f.Category + " "
	}
	if r.code != exitError || codes != "IDEM101 IDEM001 " {
		t.Errorf("-json: exit %d, codes %q", r.code, codes)
	}

	// -fix still fixes what it can, and the parse error keeps exit 1.
	r = runCLI(dir, "schema", "-fix", "db/schema.prisma")
	if r.code != exitError || strings.Contains(r.stderr, "IDEM101") || !strings.Contains(r.stderr, "IDEM001") {
		t.Errorf("-fix: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestSchemaFixKeepsUnfixable(t *testing.T) {
	// IDEM102 has no fix: after -fix it is still reported, with exit 3.
	dir := writeTree(t, map[string]string{"s.prisma": "datasource db {\n  provider = \"postgresql\"\n  url = env(\"X\")\n}\n\nmodel Job {\n  id Int @id\n  idempotencyKey String\n}\n"})
	if r := runCLI(dir, "schema", "-uncovered", "-fix", "s.prisma"); r.code != exitDiagnostics || !strings.Contains(r.stderr, "s.prisma:8:3: IDEM102") {
		t.Errorf("unfixable finding after -fix: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestSchemaMigrationFix(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"migrations/1_init.up.sql":     "CREATE TABLE messages (id bigint PRIMARY KEY, session_id text NOT NULL, idempotency_key text NOT NULL);\n",
		"migrations/1_init.down.sql":   "DROP TABLE messages;\n",
		"migrations/2_unique.up.sql":   "CREATE UNIQUE INDEX messages_key ON messages (session_id, idempotency_key);\n",
		"migrations/10_relax.up.sql":   "ALTER TABLE messages ALTER COLUMN idempotency_key DROP NOT NULL;\n",
		"migrations/10_relax.down.sql": "ALTER TABLE messages ALTER COLUMN idempotency_key SET NOT NULL;\n",
		"README.md":                    "not a schema\n",
	})
	// As the pre-commit hook calls it: only the changed files, some not SQL.
	args := []string{"migrations/10_relax.up.sql", "migrations/2_unique.up.sql", "README.md"}
	r := runCLI(dir, append([]string{"schema"}, args...)...)
	if r.code != exitDiagnostics || strings.Count(r.stderr, "IDEM101") != 1 || !strings.Contains(r.stderr, "migrations/1_init.up.sql:1:73: IDEM101: ") {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = runCLI(dir, append([]string{"schema", "-diff"}, args...)...)
	if !strings.HasPrefix(r.stdout, "--- /dev/null\n+++ b/migrations/11_") || r.code != exitDiagnostics {
		t.Errorf("-diff: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	r = runCLI(dir, append([]string{"schema", "-json"}, args...)...)
	var got []jsonDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].SuggestedFixes) == 0 || len(got[0].SuggestedFixes[0].creates()) != 2 ||
		!strings.HasPrefix(got[0].SuggestedFixes[0].creates()[0].Filename, filepath.Join(dir, "migrations", "11_")) {
		t.Errorf("-json creates: %s", r.stdout)
	}
	r = runCLI(dir, append([]string{"schema", "-fix"}, args...)...)
	if r.code != exitClean {
		t.Errorf("-fix: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := runCLI(dir, "schema", "."); r.code != exitClean || r.stderr != "" {
		t.Errorf("after -fix: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestSchemaModelJSON(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"migrations/1_init.up.sql":  "CREATE TABLE logs (id bigint PRIMARY KEY, ledger text NOT NULL, idempotency_key text NOT NULL);\n",
		"migrations/2_idx.up.sql":   "CREATE UNIQUE INDEX logs_ik ON logs (ledger, idempotency_key) WHERE idempotency_key IS NOT NULL;\n",
		"migrations/3_relax.up.sql": "ALTER TABLE logs ALTER COLUMN idempotency_key DROP NOT NULL;\n",
	})
	res := runCLI(dir, "schema", "-model", "migrations")
	if res.code != exitClean {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var models []schema.ModelJSON
	if err := json.Unmarshal([]byte(res.stdout), &models); err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	if len(models) != 1 || len(models[0].Tables) != 1 {
		t.Fatalf("want one model with one table:\n%s", res.stdout)
	}
	tbl := models[0].Tables[0]
	var key schema.ColumnJSON
	for _, c := range tbl.Columns {
		if c.Name == "idempotency_key" {
			key = c
		}
	}
	if !key.Nullable || !strings.Contains(key.NullabilityFrom, "3_relax.up.sql:1:1") {
		t.Errorf("idempotency_key = %+v, want nullable with nullability_from at 3_relax.up.sql:1:1", key)
	}
	var found bool
	for _, u := range tbl.Uniques {
		if u.Name == "logs_ik" && u.Kind == "unique index" && strings.Contains(u.Where, "IS NOT NULL") && strings.Contains(u.Position, "2_idx.up.sql:1:1") {
			found = true
		}
	}
	if !found {
		t.Errorf("partial unique index logs_ik missing or wrong: %+v", tbl.Uniques)
	}
}
