package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPackagesText(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := writeTree(t, goModule(messageSchema))
	r := run(t, dir, bin)
	if r.code != exitDiagnostics || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	// db and its test variant both report the finding; it prints once.
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], idem101Prefix) {
		t.Errorf("stderr = %q, want one line starting %q", r.stderr, idem101Prefix)
	}
	// -v prints the related constraint under it.
	r = run(t, dir, bin, "-v", "./db")
	if !strings.Contains(r.stderr, "\n\tdb/schema.prisma:11:3: unique constraint") {
		t.Errorf("-v stderr = %q", r.stderr)
	}
	// Analyzer flags are registered: -dialect sqlserver lets one NULL in.
	if r := run(t, dir, bin, "-dialect", "sqlserver"); r.code != exitClean || r.stderr != "" {
		t.Errorf("-dialect sqlserver: exit %d, stderr %q", r.code, r.stderr)
	}
	// A package without the schema is clean.
	if r := run(t, dir, bin, "./util", "./api"); r.code != exitClean || r.stderr != "" {
		t.Errorf("./util ./api: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestPackagesJSON(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := writeTree(t, goModule(messageSchema))
	r := run(t, dir, bin, "-json", "./...")
	if r.code != exitDiagnostics {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(tree) != 1 || len(tree["example.com/shop/db"]["idemlint"]) != 1 {
		t.Fatalf("want one diagnostic, for example.com/shop/db:\n%s", r.stdout)
	}
	d := tree["example.com/shop/db"]["idemlint"][0]
	path := filepath.Join(dir, "db", "schema.prisma")
	if d.Category != "IDEM101" || d.Posn != path+":9:3" || d.End != path+":9:41" {
		t.Errorf("diagnostic = %+v", d)
	}
	if !strings.HasPrefix(d.Message, "IDEM101: idempotency key Message.idempotencyKey") {
		t.Errorf("message = %q", d.Message)
	}
	if len(d.SuggestedFixes) == 0 || d.SuggestedFixes[0].Edits[0].Filename != path {
		t.Errorf("suggested_fixes = %+v", d.SuggestedFixes)
	}
	if len(d.Related) == 0 || d.Related[0].Posn != path+":11:3" {
		t.Errorf("related = %+v", d.Related)
	}
	// The raw keys are go vet's.
	for _, key := range []string{`"category"`, `"posn"`, `"end"`, `"message"`, `"suggested_fixes"`, `"edits"`, `"filename"`, `"start"`, `"new"`, `"related"`} {
		if !strings.Contains(r.stdout, key) {
			t.Errorf("JSON lacks key %s", key)
		}
	}
}

func TestPackagesFixAndDiff(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := writeTree(t, goModule(messageSchema))
	path := filepath.Join(dir, "db", "schema.prisma")

	r := run(t, dir, bin, "-diff")
	if r.code != exitDiagnostics || !strings.HasPrefix(r.stdout, "--- a/db/schema.prisma\n+++ b/db/schema.prisma\n@@ -4,9 +4,9 @@\n") {
		t.Errorf("-diff: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if readFile(t, path) != messageSchema {
		t.Fatal("-diff wrote the schema")
	}

	r = run(t, dir, bin, "-fix", "./...")
	if r.code != exitClean || r.stderr != "idemlint: fixed db/schema.prisma (1 fix)\n" {
		t.Errorf("-fix: exit %d, stderr %q, want the one file it changed", r.code, r.stderr)
	}
	if got := readFile(t, path); got != fixedSchema {
		t.Errorf("after -fix:\n%s\nwant:\n%s", got, fixedSchema)
	}
	if r := run(t, dir, bin); r.code != exitClean || r.stderr != "" {
		t.Errorf("re-run after -fix: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestPackagesLoadError(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	files := goModule(messageSchema)
	files["util/broken.go"] = "package util\n\nfunc Broken() int { return \"x\" }\n"
	dir := writeTree(t, files)
	r := run(t, dir, bin)
	if r.code != exitError {
		t.Errorf("exit %d, want %d", r.code, exitError)
	}
	// The type error prints once, relative; other packages are analyzed.
	if strings.Count(r.stderr, "cannot use") != 1 || !strings.Contains(r.stderr, "util/broken.go:3:28: cannot use") {
		t.Errorf("stderr = %q", r.stderr)
	}
	if !strings.Contains(r.stderr, idem101Prefix) {
		t.Errorf("stderr = %q, want the finding of db too", r.stderr)
	}
}

// TestGoVet runs the binary as go vet's and go fix's tool, with the user's
// build cache: the fresh module's schema is new content, so nothing is
// cached, and the test checks that a changed schema is not replayed from
// the cache.
func TestGoVet(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := writeTree(t, goModule(messageSchema))
	path := filepath.Join(dir, "db", "schema.prisma")
	vettool := "-vettool=" + bin

	idem101Lines := func(s string) int { return strings.Count(s, "IDEM101") }

	r := run(t, dir, "go", "vet", vettool, "./...")
	if r.code == 0 || idem101Lines(r.stderr) != 1 || !strings.Contains(r.stderr, idem101Prefix) {
		t.Fatalf("go vet: exit %d, want one IDEM101 line; stderr:\n%s", r.code, r.stderr)
	}

	r = run(t, dir, "go", "vet", vettool, "-fix", "./...")
	if r.code != 0 {
		t.Fatalf("go vet -fix: exit %d\n%s", r.code, r.stderr)
	}
	if got := readFile(t, path); got != fixedSchema {
		t.Fatalf("after go vet -fix:\n%s", got)
	}
	r = run(t, dir, "go", "vet", vettool, "./...")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("go vet after -fix: exit %d, stderr:\n%s", r.code, r.stderr)
	}

	// Put the bug back: vet must not replay the clean result from its cache.
	if err := os.WriteFile(path, []byte(messageSchema), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "go", "vet", vettool, "./...")
	if idem101Lines(r.stderr) != 1 {
		t.Errorf("go vet after reverting the fix (stale cache?): exit %d, stderr:\n%s", r.code, r.stderr)
	}

	// go fix speaks the same protocol.
	r = run(t, dir, "go", "fix", "-fixtool="+bin, "./...")
	if r.code != 0 {
		t.Fatalf("go fix: exit %d\n%s", r.code, r.stderr)
	}
	if got := readFile(t, path); got != fixedSchema {
		t.Errorf("after go fix -fixtool:\n%s", got)
	}
}

func TestPackagesSchemaFlag(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	files := goModule(messageSchema)
	files["prisma/schema.prisma"] = messageSchema
	delete(files, "db/schema.prisma")
	files["db/db.go"] = "package db\n\n// Schema is not embedded here.\nvar Schema = \"\"\n"
	dir := writeTree(t, files)
	r := run(t, dir, bin, "-schema", "prisma/schema.prisma")
	want := "prisma/schema.prisma:9:3: IDEM101: "
	if r.code != exitDiagnostics || strings.Count(r.stderr, "IDEM101") != 1 || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("-schema: exit %d, stderr %q, want one line starting %q", r.code, r.stderr, want)
	}
	r = run(t, dir, bin, "-schema", "prisma/schema.prisma", "-fix")
	if r.code != exitClean || readFile(t, filepath.Join(dir, "prisma", "schema.prisma")) != fixedSchema {
		t.Errorf("-schema -fix: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestPackagesUnvettedSchemas: the schemas no package embeds are reported
// by the module's first package, so when that package does not build, or
// when go vet runs no package at all (go.mod names a module that is not
// there), the driver reads them itself rather than lose their findings
// behind the build error; and it says that it did.
func TestPackagesUnvettedSchemas(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	const migration = "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n"
	const want = "migrations/001_jobs.up.sql:1:43: IDEM101: idempotency key jobs.idempotency_key is nullable"
	const said = "idemlint read the module's schemas itself: 1 schema finding(s)"
	for _, tc := range []struct {
		name  string
		files map[string]string
		said  bool // the driver had to read the schemas itself
		// skipped are the packages the driver says go vet did not analyse.
		skipped string
	}{
		{"first package broken", map[string]string{
			"go.mod":                     "module example.com/jobs\n\ngo 1.26\n",
			"migrations/001_jobs.up.sql": migration,
			"a/a.go":                     "package a\n\nfunc Broken() int { return \"x\" }\n",
			"z/z.go":                     "package z\n\nfunc OK() int { return 1 }\n",
		}, true, "1 package (example.com/jobs/a)"},
		{"go.mod names a missing module", map[string]string{
			"go.mod":                     "module example.com/jobs\n\ngo 1.26\n\nrequire example.com/gone v1.0.0\n\nreplace example.com/gone => ./gone\n",
			"migrations/001_jobs.up.sql": migration,
			"z/z.go":                     "package z\n\nimport _ \"example.com/gone\"\n",
		}, true, "1 package (example.com/jobs/z)"},
		{"everything builds", map[string]string{
			"go.mod":                     "module example.com/jobs\n\ngo 1.26\n",
			"migrations/001_jobs.up.sql": migration,
			"z/z.go":                     "package z\n\nfunc OK() int { return 1 }\n",
		}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, tc.files)
			r := run(t, dir, bin, "./...")
			if strings.Count(r.stderr, want) != 1 {
				t.Errorf("stderr = %q, want the IDEM101 of the migration once", r.stderr)
			}
			if got := strings.Contains(r.stderr, said); got != tc.said {
				t.Errorf("driver says it read the schemas itself: %v, want %v; stderr = %q", got, tc.said, r.stderr)
			}
			if tc.said && !strings.Contains(r.stderr, "go vet did not analyse "+tc.skipped+", which did not build, so idemlint read") {
				t.Errorf("stderr = %q, want it to name the packages go vet did not analyse: %s", r.stderr, tc.skipped)
			}
			if wantCode := map[bool]int{true: exitError, false: exitDiagnostics}[tc.said]; r.code != wantCode {
				t.Errorf("exit %d, want %d", r.code, wantCode)
			}
		})
	}
}

// TestPackagesUnbuiltInserts: a package that does not build is not
// analysed, so the driver says once which of those packages insert into a
// key column (an INSERT string into a table whose key is nullable in its
// unique index), whether the package misses an import or has a type
// error, or only its tests do not load (go vet analyses a package with its
// tests); a broken package whose insert writes no key column, and one that
// builds, are not named.
func TestPackagesUnbuiltInserts(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	dir := writeTree(t, map[string]string{
		"go.mod": "module example.com/jobs\n\ngo 1.26\n",
		"migrations/001_jobs.up.sql": "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n" +
			"CREATE TABLE lines (id bigint PRIMARY KEY, body text);\n",
		// A generated package the checkout does not hold.
		"queue/queue.go": "package queue\n\nimport (\n\t\"database/sql\"\n\n\t\"example.com/jobs/gen/jobspb\"\n)\n\n" +
			"func Add(db *sql.DB, j *jobspb.Job) error {\n\t_, err := db.Exec(`INSERT INTO jobs (id, idempotency_key) VALUES ($1, $2)`, j.ID, j.Key)\n\treturn err\n}\n",
		// A type error.
		"retry/retry.go": "package retry\n\nimport \"database/sql\"\n\n" +
			"func Again(db *sql.DB, key string) int {\n\tdb.Exec(\"INSERT INTO jobs (id, idempotency_key) VALUES ($1, $2)\", 1, key)\n\treturn \"x\"\n}\n",
		// An ORM's write (GORM here) into jobs, by its table's name, in a
		// package whose generated import is missing.
		"orm/orm.go": "package orm\n\nimport (\n\t\"gorm.io/gorm\"\n\n\t\"example.com/jobs/gen/jobspb\"\n)\n\n" +
			"func Add(db *gorm.DB, j *jobspb.Job) error {\n\treturn db.Table(\"jobs\").Create(j).Error\n}\n",
		// The same name in a file that imports no data-access library: a
		// word, not a write.
		"words/words.go": "package words\n\nfunc Title() int { return \"jobs\" }\n",
		// Broken, but writes no key column.
		"logs/logs.go": "package logs\n\nimport \"database/sql\"\n\n" +
			"func Log(db *sql.DB, s string) int {\n\tdb.Exec(\"INSERT INTO lines (id, body) VALUES ($1, $2)\", 1, s)\n\treturn \"x\"\n}\n",
		// Builds, but a test file imports a package a build step
		// generates (mocks): go vet analyses a package with its tests, so
		// this one is left out too.
		"txs/txs.go": "package txs\n\nimport \"database/sql\"\n\n" +
			"func Put(db *sql.DB, key string) error {\n\t_, err := db.Exec(\"INSERT INTO jobs (id, idempotency_key) VALUES ($1, $2)\", 1, key)\n\treturn err\n}\n",
		"txs/txs_test.go": "package txs\n\nimport _ \"example.com/jobs/gen/mocks\"\n",
		// Builds: analysed, so not named.
		"store/store.go": "package store\n\nimport \"database/sql\"\n\n" +
			"func Put(db *sql.DB, key string) error {\n\tif key == \"\" {\n\t\treturn sql.ErrNoRows\n\t}\n\t_, err := db.Exec(\"INSERT INTO jobs (id, idempotency_key) VALUES ($1, $2)\", 1, key)\n\treturn err\n}\n",
	})
	r := run(t, dir, bin, "./...")
	const want = "idemlint: 4 package(s) that did not build insert into key columns or name their tables, so the Go side of those writes was not checked: " +
		"example.com/jobs/orm (jobs.idempotency_key, table jobs named at orm/orm.go:10); " +
		"example.com/jobs/queue (jobs.idempotency_key, INSERT at queue/queue.go:10); example.com/jobs/txs (jobs.idempotency_key, INSERT at txs/txs.go:6); " +
		"example.com/jobs/retry (jobs.idempotency_key, INSERT at retry/retry.go:6)"
	if strings.Count(r.stderr, "insert into key columns or name their tables") != 1 || !strings.Contains(r.stderr, want+"\n") {
		t.Errorf("stderr = %q, want once the line %q", r.stderr, want)
	}
	if strings.Contains(r.stderr, "example.com/jobs/logs (") || strings.Contains(r.stderr, "example.com/jobs/store (") || strings.Contains(r.stderr, "example.com/jobs/words (") {
		t.Errorf("stderr = %q: names a package whose inserts write no key, or one that builds", r.stderr)
	}
}

// TestPackagesModuleSchemaUpsertKey checks that a schema no package embeds
// is judged with the module's upserts in view, as an embedded one is: the
// key a Go string upserts on must not be offered a random default, which
// would never match the key the upsert sends.
func TestPackagesModuleSchemaUpsertKey(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	dir := writeTree(t, map[string]string{
		"go.mod": "module example.com/jobs\n\ngo 1.26\n",
		"migrations/001_jobs.up.sql": "CREATE TABLE jobs (\n  id bigint PRIMARY KEY,\n  tenant_id bigint NOT NULL,\n" +
			"  idempotency_key text,\n  UNIQUE (tenant_id, idempotency_key)\n);\n",
		"store/store.go": "package store\n\n" +
			"// InsertJob records a job once per key.\n" +
			"const InsertJob = `INSERT INTO jobs (id, tenant_id, idempotency_key) VALUES ($1, $2, $3)\n" +
			"ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`\n",
	})
	r := run(t, dir, bin, "-json", "./...")
	if !strings.Contains(r.stdout, "IDEM101") {
		t.Fatalf("exit %d, want the migration's IDEM101; stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "a random default would not help: the upsert at store/store.go") {
		t.Errorf("the fix does not name the upsert; stdout:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "with database default") {
		t.Errorf("a random default is offered for a key the module upserts on; stdout:\n%s", r.stdout)
	}

	r = run(t, dir, bin, "-fix", "./...")
	added := filepath.Join(dir, "migrations", "002_require_jobs_idempotency_key.up.sql")
	got, err := os.ReadFile(added)
	if err != nil {
		t.Fatalf("-fix: exit %d, stderr %q: %v", r.code, r.stderr, err)
	}
	if !strings.Contains(string(got), "SET NOT NULL") || strings.Contains(string(got), "SET DEFAULT") {
		t.Errorf("%s =\n%s\nwant SET NOT NULL and no default", added, got)
	}
}

// TestPackagesNoKeyWrites checks that -v says once when no package of
// the run inserts into a key column (the Go side had nothing to check,
// which silence would not say), and says nothing of the kind when one
// does, or calls a function of another package that does, nor without -v.
func TestPackagesNoKeyWrites(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	const line = "idemlint: no insert idemlint recognises in the packages checked writes a key column"
	schema := "CREATE TABLE payments (id bigint PRIMARY KEY, idempotency_key text NOT NULL UNIQUE);\n" +
		"CREATE TABLE audit (id bigint PRIMARY KEY, note text);\n"
	audit := "package audit\n\nimport \"database/sql\"\n\n" +
		"func Log(db *sql.DB, s string) error {\n\t_, err := db.Exec(\"INSERT INTO audit (id, note) VALUES ($1, $2)\", 1, s)\n\treturn err\n}\n"
	none := writeTree(t, map[string]string{
		"go.mod":                     "module example.com/audit\n\ngo 1.26\n",
		"migrations/001_init.up.sql": schema,
		"audit/audit.go":             audit,
	})
	if r := run(t, none, bin, "-v", "./..."); strings.Count(r.stderr, line) != 1 || strings.Contains(r.stderr, "that were not followed, which may") {
		t.Errorf("-v, no insert into payments: stderr = %q, want once the line %q, with no unread writes", r.stderr, line)
	}
	if r := run(t, none, bin, "./..."); strings.Contains(r.stderr, line) {
		t.Errorf("without -v: stderr = %q, want no line %q", r.stderr, line)
	}
	// An insert into a table no schema declares, noted as not followed:
	// the line says the writes not followed may write a key.
	unread := writeTree(t, map[string]string{
		"go.mod":                     "module example.com/unread\n\ngo 1.26\n",
		"migrations/001_init.up.sql": schema,
		"pay/pay.go": "package pay\n\nimport \"database/sql\"\n\n" +
			"func Pay(db *sql.DB, key string) error {\n\t_, err := db.Exec(\"INSERT INTO ledger (id, idempotency_key) VALUES ($1, $2)\", 1, key)\n\treturn err\n}\n",
	})
	if r := run(t, unread, bin, "-v", "./..."); strings.Count(r.stderr, line) != 1 || !strings.Contains(r.stderr, "1 note(s) above name writes or calls that were not followed, which may write one") {
		t.Errorf("-v, an insert into an undeclared table: stderr = %q, want once the line %q, saying the write not followed may write a key", r.stderr, line)
	}
	some := writeTree(t, map[string]string{
		"go.mod":                     "module example.com/pay\n\ngo 1.26\n",
		"migrations/001_init.up.sql": schema,
		"audit/audit.go":             audit,
		"pay/pay.go": "package pay\n\nimport (\n\t\"crypto/rand\"\n\t\"database/sql\"\n)\n\n" +
			"func Pay(db *sql.DB) error {\n\t_, err := db.Exec(\"INSERT INTO payments (id, idempotency_key) VALUES ($1, $2)\", 1, rand.Text())\n\treturn err\n}\n",
	})
	if r := run(t, some, bin, "-v", "./..."); strings.Contains(r.stderr, "no insert idemlint recognises") {
		t.Errorf("-v, an insert into payments: stderr = %q, want no line %q", r.stderr, line)
	}
	// Only the API package is checked; it hands a header to the package
	// that inserts it: its own finding, and no line.
	caller := writeTree(t, map[string]string{
		"go.mod":                     "module example.com/api\n\ngo 1.26\n",
		"migrations/001_init.up.sql": schema,
		"pay/pay.go": "package pay\n\nimport \"database/sql\"\n\n" +
			"func Pay(db *sql.DB, key string) error {\n\t_, err := db.Exec(\"INSERT INTO payments (id, idempotency_key) VALUES ($1, $2)\", 1, key)\n\treturn err\n}\n",
		"api/api.go": "package api\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t\"example.com/api/pay\"\n)\n\n" +
			"func Post(db *sql.DB, r *http.Request) error {\n\treturn pay.Pay(db, r.Header.Get(\"Idempotency-Key\"))\n}\n",
	})
	if r := run(t, caller, bin, "-v", "./api/"); strings.Contains(r.stderr, "no insert idemlint recognises") || !strings.Contains(r.stdout+r.stderr, "IDEM202") {
		t.Errorf("-v ./api/, a call handing a header to pay.Pay: stderr = %q, want its IDEM202 and no line %q", r.stderr, line)
	}
}
