package sqlddl

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// genMigrations builds a PostgreSQL migration corpus of at least size bytes
// with the shapes real ones have: tables with constraints, partial and
// expression indexes, ALTERs, plpgsql functions and a COPY block.
func genMigrations(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `-- migration %[1]d: create jobs_%[1]d
CREATE TABLE IF NOT EXISTS public.jobs_%[1]d (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    idempotency_key varchar(255),
    kind text NOT NULL DEFAULT 'default'::text,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT jobs_%[1]d_kind_check CHECK (kind <> ''),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE UNIQUE INDEX jobs_%[1]d_ik ON public.jobs_%[1]d USING btree (tenant_id, idempotency_key) WHERE (idempotency_key IS NOT NULL);
CREATE UNIQUE INDEX jobs_%[1]d_lower ON public.jobs_%[1]d (tenant_id, lower(kind), COALESCE(idempotency_key, ''));
CREATE INDEX jobs_%[1]d_created ON public.jobs_%[1]d (created_at DESC);
ALTER TABLE ONLY public.jobs_%[1]d ADD COLUMN attempt integer DEFAULT 0 NOT NULL, ALTER COLUMN kind DROP DEFAULT;
/* trigger keeps updated_at fresh */
CREATE OR REPLACE FUNCTION public.jobs_%[1]d_touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
BEGIN
  -- not a statement boundary; inside the body
  IF NEW.kind = 'x;y' THEN
    RAISE EXCEPTION 'bad kind %%', NEW.kind;
  END IF;
  NEW.created_at := now();
  RETURN NEW;
END;
$_$;
COPY public.jobs_%[1]d (id, tenant_id, kind) FROM stdin;
1	00000000-0000-0000-0000-000000000001	a;b
2	00000000-0000-0000-0000-000000000002	c'd
\.
INSERT INTO public.jobs_%[1]d (tenant_id, kind) VALUES ('00000000-0000-0000-0000-000000000001', 'it''s');

`, i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		src := genMigrations(5 << 20)
		benchParse(b, src)
	})
	b.Run("lago", func(b *testing.B) {
		dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
		src, err := os.ReadFile(filepath.Join(dir, "lago", "structure.sql"))
		if err != nil {
			b.Skipf("corpus folder %s is absent: %v", dir, err)
		}
		benchParse(b, src)
	})
}

func benchParse(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		m := Parse("bench.sql", src, schema.PostgreSQL)
		if len(m.Errors) > 0 {
			b.Fatal(m.Errors[0])
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	src := genMigrations(5 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		l := NewLexer(schema.NewFile("bench.sql", src), schema.PostgreSQL)
		for l.Next().Kind != EOF {
		}
	}
}

// genWideTable builds one CREATE TABLE of at least size bytes: tens of
// thousands of columns in one definition list (a column lookup per
// definition, and a key-name check per key, once made this quadratic).
// With unique, every column is a UNIQUE key PostgreSQL names.
func genWideTable(size int, unique bool) []byte {
	var b strings.Builder
	b.WriteString("CREATE TABLE wide (\n  id bigint PRIMARY KEY")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, ",\n  col_%d text NOT NULL", i)
		if unique {
			b.WriteString(" UNIQUE")
		}
	}
	b.WriteString(",\n  UNIQUE (col_0, col_1)\n);\n")
	return []byte(b.String())
}

func BenchmarkParseWideTable(b *testing.B) {
	for _, mb := range []int{1, 4} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			benchParse(b, genWideTable(mb<<20, false))
		})
	}
	b.Run("1MB-unique", func(b *testing.B) {
		benchParse(b, genWideTable(1<<20, true))
	})
}

// BenchmarkParseMemory reports the bytes allocated per input byte on large
// generated files (B/inputB, which bounds the reader's peak: it can hold no
// more than it allocated), and the bytes the model still holds once the
// garbage is collected (retained-B/inputB): the mixed migrations (tables,
// indexes, functions, COPY data, INSERTs), one wide table, unnamed unique
// indexes, many small tables and pg_dump output. The input itself is not
// counted. Run it with -benchtime 1x: more runs only repeat the figures.
func BenchmarkParseMemory(b *testing.B) {
	for _, c := range []struct {
		name string
		src  func() []byte
	}{
		{"mixed-50MB", func() []byte { return genMigrations(50 << 20) }},
		{"wide-8MB", func() []byte { return genWideTable(8<<20, false) }},
		{"unnamed-indexes-20MB", func() []byte { return genUnnamedIndexes(20 << 20) }},
		{"small-tables-20MB", func() []byte { return genSmallTables(20 << 20) }},
		{"pg-dump-20MB", func() []byte { return genPgDump(20 << 20) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := c.src()
			b.SetBytes(int64(len(src)))
			var before, after, held runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			n := 0
			var m *schema.Model
			for b.Loop() {
				m = Parse("bench.sql", src, schema.PostgreSQL)
				n++
			}
			runtime.ReadMemStats(&after)
			alloc := float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
			b.ReportMetric(alloc/float64(len(src)), "B/inputB")
			// What the model holds once what only reading needed is
			// garbage: the last model read, with its files' comments and
			// the fixes' records, but not the input.
			runtime.GC()
			runtime.ReadMemStats(&held)
			runtime.KeepAlive(m)
			b.ReportMetric((float64(held.HeapAlloc)-float64(before.HeapAlloc))/float64(len(src)), "retained-B/inputB")
		})
	}
}

// genUnnamedIndexes builds at least size bytes of unnamed unique indexes
// over 100 tables: each gets a generated name whose suffix grows (t0_a_idx,
// t0_a_idx1, ...), which once made naming quadratic.
func genUnnamedIndexes(size int) []byte {
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, "CREATE TABLE t%d (a text, b text, c text);\n", i)
	}
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "CREATE UNIQUE INDEX ON t%d (a, lower(b)) WHERE c IS NOT NULL;\n", i%100)
	}
	return []byte(b.String())
}

// genSmallTables builds at least size bytes of many small tables, each
// with a key in a unique constraint: a large declarative schema.
func genSmallTables(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "CREATE TABLE t%d (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  idempotency_key text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now(),\n  UNIQUE (idempotency_key)\n);\n", i)
	}
	return []byte(b.String())
}

// genPgDump builds at least size bytes shaped like pg_dump's output: a
// table, its owner, sequence, default, primary key and unique index, each
// a statement of its own.
func genPgDump(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `CREATE TABLE public.t%[1]d (
    id bigint NOT NULL,
    name text NOT NULL,
    idempotency_key character varying(255) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.t%[1]d OWNER TO app;

CREATE SEQUENCE public.t%[1]d_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE ONLY public.t%[1]d ALTER COLUMN id SET DEFAULT nextval('public.t%[1]d_id_seq'::regclass);

ALTER TABLE ONLY public.t%[1]d
    ADD CONSTRAINT t%[1]d_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX t%[1]d_idempotency_key_idx ON public.t%[1]d USING btree (idempotency_key);

`, i)
	}
	return []byte(b.String())
}
