package prisma

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// corpusDir returns <repo root>/../shared/corpus, skipping the test when
// it is absent.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("corpus not found: no go.mod above the test")
		}
		dir = parent
	}
	c := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(c); err != nil {
		tb.Skipf("corpus not found at %s", c)
	}
	return c
}

func corpusFile(tb testing.TB, rel string) (string, []byte) {
	tb.Helper()
	p := filepath.Join(corpusDir(tb), rel)
	src, err := os.ReadFile(p)
	if err != nil {
		tb.Skipf("corpus file not found at %s", p)
	}
	return p, src
}

func noErrors(t *testing.T, m *schema.Model) {
	t.Helper()
	for _, e := range m.Errors {
		t.Errorf("parse error: %v", e)
	}
}

func TestCorpusTriggerDev(t *testing.T) {
	path, src := corpusFile(t, "trigger.dev/schema.prisma")
	m := Parse(path, src)
	noErrors(t, m)
	if m.Dialect != schema.PostgreSQL {
		t.Errorf("dialect = %v, want postgresql", m.Dialect)
	}
	if got := m.DialectSpan.Text(); got != `"postgresql"` {
		t.Errorf("dialect span = %q", got)
	}

	run := m.Table("TaskRun")
	if run == nil {
		t.Fatal("no table TaskRun")
	}
	key := run.Column("idempotencyKey")
	if key == nil || !key.Nullable {
		t.Fatalf("TaskRun.idempotencyKey = %+v, want a nullable column", key)
	}
	if got := key.Span.Text(); got != "idempotencyKey          String?" {
		t.Errorf("TaskRun.idempotencyKey span = %q", got)
	}
	want := []string{"runtimeEnvironmentId", "taskIdentifier", "idempotencyKey"}
	found := false
	for _, u := range run.Uniques {
		if cmp.Equal(u.Columns(), want) {
			found = true
			if u.Kind != schema.UniqueConstraint || u.Span.Text() != "@@unique([runtimeEnvironmentId, taskIdentifier, idempotencyKey])" {
				t.Errorf("unique = %v %q", u.Kind, u.Span.Text())
			}
		}
	}
	if !found {
		t.Errorf("TaskRun has no unique over %v", want)
	}
	if run.Column("runtimeEnvironment") != nil || run.Column("project") != nil {
		t.Error("relation fields became columns")
	}
	if c := run.Column("masterQueue"); c == nil || c.FieldName() != "workerQueue" {
		t.Errorf("@map: column masterQueue = %+v", c)
	}

	wp := m.Table("Waitpoint")
	if wp == nil {
		t.Fatal("no table Waitpoint")
	}
	if c := wp.Column("idempotencyKey"); c == nil || c.Nullable {
		t.Errorf("Waitpoint.idempotencyKey = %+v, want NOT NULL", c)
	}

	dedup := 0
	for _, tb := range m.Tables {
		if c := tb.Column("deduplicationKey"); c != nil {
			dedup++
			if c.Default == nil || c.Default.Expr != "cuid()" || c.Default.InDatabase {
				t.Errorf("%s.deduplicationKey default = %+v, want client-side cuid()", tb.Name, c.Default)
			}
		}
	}
	if dedup == 0 {
		t.Error("no deduplicationKey columns")
	}

	// @@map gives physical table names.
	if tb := m.Table("api_keys"); tb == nil {
		t.Error(`no table "api_keys" (@@map)`)
	}
	for _, tb := range m.Tables {
		if tb.Name == tb.ModelName {
			continue
		}
		if other := m.Table(tb.ModelName); other != nil && other != tb {
			t.Errorf("model %s listed under its model name too", tb.ModelName)
		}
	}
}

func TestCorpusDub(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "dub", "schema")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s", dir)
	}
	m, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, m)
	if m.Dialect != schema.MySQL {
		t.Errorf("dialect = %v, want mysql", m.Dialect)
	}
	if len(m.Files) < 30 {
		t.Errorf("read %d files, want the whole folder", len(m.Files))
	}
	for _, f := range m.Files {
		if f.Syntax == nil {
			t.Errorf("%s: no Syntax", f.Path)
		}
	}
	com := m.Table("Commission")
	if com == nil {
		t.Fatal("no table Commission")
	}
	if c := com.Column("invoiceId"); c == nil || !c.Nullable {
		t.Errorf("Commission.invoiceId = %+v, want nullable", c)
	}
	found := false
	for _, u := range com.Uniques {
		if cmp.Equal(u.Columns(), []string{"invoiceId", "programId"}) {
			found = true
		}
	}
	if !found {
		t.Error("Commission has no unique over [invoiceId programId]")
	}
	// Models refer to models of other files: those fields are relations.
	if c := com.Column("program"); c != nil {
		t.Errorf("relation field program became a column: %+v", c)
	}
}

// TestCorpusAll parses every .prisma file of the corpus on its own: a
// lone file of a multi-file schema may miss types, never syntax.
func TestCorpusAll(t *testing.T) {
	root := corpusDir(t)
	n := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".prisma" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		m := Parse(path, src)
		for _, e := range m.Errors {
			t.Errorf("%v", e)
		}
		checkSpans(t, src, m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Skip("no .prisma files in the corpus")
	}
}

func BenchmarkParseTriggerDev(b *testing.B) {
	path, src := corpusFile(b, "trigger.dev/schema.prisma")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(path, src)
	}
}
