package dbdiff

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
	"github.com/idemlint/idemlint/schema/migrate"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// A proofCase is a corpus that idemlint checks, and the database it is
// proven on.
type proofCase struct {
	name string
	// build is the pgCorpora entry built on the database.
	build string
	// check is what idemlint is given (load.Paths), relative to the corpus
	// folder; build when empty.
	check string
	// keys are extra idempotency-key columns (idemlint's -key).
	keys []string
	// want are findings that must be reported: "IDEM101 table.column".
	want []string
}

// proofCases are every PostgreSQL corpus as idemlint checks it by default,
// plus the corpora with the extra keys their projects use and the other
// ways to check them.
func proofCases() []proofCase {
	want := map[string][]string{
		"trigger.dev/migrations":     {"IDEM101 TaskRun.idempotencyKey", "IDEM101 BatchTaskRun.idempotencyKey"},
		"formance-ledger/migrations": {"IDEM101 logs.idempotency_key"},
	}
	var cs []proofCase
	for _, c := range pgCorpora {
		cs = append(cs, proofCase{name: c.name, build: c.name, want: want[c.name]})
	}
	hatchet := []string{"IDEM101 WorkflowRun.childKey", "IDEM101 WorkflowTriggerScheduledRef.childKey"}
	return append(cs,
		// trigger.dev as its developers edit it: the Prisma schema, whose
		// fix is an edit; `prisma migrate dev` then writes the migration
		// RequireColumnSQL spells.
		proofCase{name: "trigger.dev/schema.prisma", build: "trigger.dev/migrations", check: "trigger.dev/schema.prisma",
			want: want["trigger.dev/migrations"]},
		// Lago deduplicates events on transaction_id.
		proofCase{name: "lago/structure.sql+transaction_id", build: "lago/structure.sql", keys: []string{"transaction_id"},
			want: []string{"IDEM103 events.external_subscription_id"}},
		// Hatchet deduplicates child workflow runs on childKey. Its
		// declarative schema gets an edit as the fix.
		proofCase{name: "hatchet/schema+childKey", build: "hatchet/schema", keys: []string{"childKey"}, want: hatchet},
		// Its goose history gets the next migration; the corpus lacks the
		// Go migrations that history needs to build, so the database is
		// built from the declarative schema, which holds the same tables.
		proofCase{name: "hatchet/migrations+childKey", build: "hatchet/schema", check: "hatchet/migrations", keys: []string{"childKey"}, want: hatchet},
	)
}

// TestProofOnPostgres proves each IDEM101 and IDEM103 finding of the
// PostgreSQL corpus on a real server: two rows that differ only by a NULL
// key both land; idemlint's first fix, run as the next migration on those
// rows, succeeds; then a retry with the same key is rejected (23505),
// while keyless inserts get distinct random keys and so still both land.
// Rows are generated from the catalog, with foreign keys and triggers off.
func TestProofOnPostgres(t *testing.T) {
	dir := corpusDir(t)
	for _, pc := range proofCases() {
		t.Run(pc.name, func(t *testing.T) {
			c := corpusNamed(t, pc.build)
			check := pc.check
			if check == "" {
				check = pc.build
			}
			opts := schema.Options{Keys: schema.KeyMatcher{Extra: pc.keys}}
			m, findings := checkCorpus(t, filepath.Join(dir, check), opts)
			var got []string
			for _, f := range findings {
				got = append(got, f.Code+" "+f.Table.Name+"."+f.Column.Name)
			}
			for _, w := range pc.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s: idemlint does not report %s (it reports %q)", pc.name, w, got)
				}
			}
			if len(findings) == 0 {
				t.Logf("%s: no IDEM101/IDEM103 finding: nothing to prove", pc.name)
				return
			}
			var history []string // the files idemlint read, before any fix
			for _, f := range m.Files {
				history = append(history, f.Path)
			}
			start := time.Now()
			db := pgtest.NewDB(t)
			buildCorpus(t, db, c, dir)
			t.Logf("%s: built %s in %v", pc.name, c.name, time.Since(start).Round(time.Millisecond))
			for _, f := range findings {
				t.Run(f.Table.Name+"."+f.Column.Name, func(t *testing.T) {
					start := time.Now()
					p := &prover{t: t, db: db, c: c, m: m, f: f, opts: opts, history: history,
						what: fmt.Sprintf("%s: %s %s.%s", pc.name, f.Code, f.Table.Name, f.Column.Name)}
					p.prove()
					t.Logf("%s: proven in %v", p.what, time.Since(start).Round(time.Millisecond))
				})
			}
		})
	}
}

func corpusNamed(t *testing.T, name string) pgCorpus {
	t.Helper()
	for _, c := range pgCorpora {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no PostgreSQL corpus %s", name)
	return pgCorpus{}
}

// checkCorpus runs idemlint's loader and schema checks on path and returns
// the PostgreSQL model and its IDEM101 and IDEM103 findings.
func checkCorpus(t *testing.T, path string, opts schema.Options) (*schema.Model, []schema.Finding) {
	t.Helper()
	models, err := load.Paths([]string{path}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var pg *schema.Model
	for _, m := range models {
		if m.Dialect == schema.PostgreSQL {
			if pg != nil {
				t.Fatalf("%s: more than one PostgreSQL model", path)
			}
			pg = m
		}
	}
	if pg == nil {
		t.Fatalf("%s: idemlint reads no PostgreSQL model", path)
	}
	noParseErrors(t, pg)
	var out []schema.Finding
	for _, f := range schema.Check(pg, opts) {
		if f.Code == "IDEM101" || f.Code == "IDEM103" {
			out = append(out, f)
		}
	}
	return pg, out
}

// A pgColumn is a table column as the catalog describes it.
type pgColumn struct {
	Name      string `json:"name"`
	Type      string `json:"type"`     // as declared: a domain's or enum's name
	BaseName  string `json:"basename"` // the type under a domain: varchar, int4, uuid…
	Category  string `json:"category"` // pg_type.typcategory of the base type
	Len       int    `json:"len"`      // varchar(N)/char(N): N; else 0
	NotNull   bool   `json:"notnull"`  // or a CHECK (col IS NOT NULL)
	Default   bool   `json:"default"`  // a default, identity or generated value
	Generated bool   `json:"generated"`
	Label     string `json:"label"` // an enum's first label
}

const pgColumnsQuery = `
SELECT coalesce(json_agg(json_build_object(
    'name', a.attname,
    'type', format_type(a.atttypid, a.atttypmod),
    'basename', b.typname,
    'category', b.typcategory,
    'len', CASE WHEN b.typname IN ('varchar', 'bpchar')
                THEN greatest((CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) - 4, 0) ELSE 0 END,
    'notnull', a.attnotnull OR t.typnotnull OR EXISTS (
        SELECT 1 FROM pg_constraint k
         WHERE k.conrelid = a.attrelid AND k.contype = 'c' AND k.conkey = ARRAY[a.attnum]
           AND pg_get_expr(k.conbin, k.conrelid) ~* ' IS NOT NULL\)*$'),
    'default', a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' OR t.typdefault IS NOT NULL,
    'generated', a.attgenerated <> '',
    'label', (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = b.oid ORDER BY e.enumsortorder LIMIT 1)
  ) ORDER BY a.attnum), '[]'::json)
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
 WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped`

// pgUniquesQuery lists the unique indexes of a table that hold a column:
// their names, key columns and whether they are partial.
const pgUniquesQuery = `
SELECT coalesce(json_agg(json_build_object(
    'name', ic.relname,
    'columns', (SELECT json_agg(a.attname ORDER BY k.ord)
                  FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum),
    'where', pg_get_expr(i.indpred, i.indrelid)
  ) ORDER BY ic.relname), '[]'::json)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
 WHERE i.indrelid = %s::regclass AND i.indisunique
   AND (SELECT attnum FROM pg_attribute WHERE attrelid = i.indrelid AND attname = %s) = ANY (i.indkey::int2[])`

type pgUniqueIndex struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	Where   *string  `json:"where"`
}

// A prover proves one finding on the database the corpus was built on.
type prover struct {
	t    *testing.T
	db   *pgtest.DB
	c    pgCorpus
	m    *schema.Model
	f    schema.Finding
	opts schema.Options
	what string // "corpus: IDEM101 table.column", for messages
	// history are the files idemlint read, before any fix.
	history []string

	table   string // the table, quoted (and qualified when the model says so)
	cols    []pgColumn
	uniques []pgUniqueIndex
	n       int // numbers the generated values
}

// replica turns foreign keys and triggers off for the session: the rows
// need no parents, and no trigger rewrites them.
const replica = "SET session_replication_role = replica;\n"

func (p *prover) prove() {
	t := p.t
	p.table = pgtest.QuoteIdent(p.f.Table.Name)
	if p.f.Table.Namespace != "" {
		p.table = pgtest.QuoteIdent(p.f.Table.Namespace) + "." + p.table
	}
	if err := p.db.QueryJSON(fmt.Sprintf(pgColumnsQuery, sqlString(p.table)), &p.cols); err != nil {
		t.Fatalf("%s: reading the columns of %s: %v", p.what, p.table, err)
	}
	if err := p.db.QueryJSON(fmt.Sprintf(pgUniquesQuery, sqlString(p.table), sqlString(p.f.Column.Name)), &p.uniques); err != nil {
		t.Fatalf("%s: reading the unique indexes of %s: %v", p.what, p.table, err)
	}
	if len(p.uniques) == 0 {
		t.Fatalf("%s: PostgreSQL has no unique index on %s holding %s", p.what, p.table, p.f.Column.Name)
	}
	nullCol := p.f.Column.Name // the column that is NULL in both rows
	keyCol := nullCol          // the idempotency key
	if p.f.Code == "IDEM103" {
		keyCol = ""
		for _, c := range p.cols {
			mc := p.f.Table.Column(c.Name)
			if mc == nil || !p.inUnique(c.Name) {
				continue
			}
			if ok, _ := p.opts.Keys.IsKey(p.f.Table, mc); ok {
				keyCol = c.Name
			}
		}
		if keyCol == "" {
			t.Fatalf("%s: no idempotency key shares a unique index with %s", p.what, nullCol)
		}
	}

	// The other members of the key's unique indexes: the same in every row.
	shared := map[string]string{}
	for _, u := range p.uniques {
		for _, name := range u.Columns {
			if name != nullCol && shared[name] == "" {
				shared[name] = p.value(p.column(name))
			}
		}
	}
	for _, u := range p.uniques {
		where := ""
		if u.Where != nil {
			where = " WHERE " + *u.Where
		}
		t.Logf("%s: unique index %s (%s)%s; shared values %v", p.what, u.Name, strings.Join(u.Columns, ", "), where, shared)
	}

	// The bug: two rows differing only by a NULL in nullCol both land.
	nullRows := "SELECT count(*) FROM " + p.table + " WHERE " + pgtest.QuoteIdent(nullCol) + " IS NULL"
	before := p.count(nullRows)
	nullRow := with(shared, nullCol, "NULL")
	ins := p.insert(nullRow) + ";\n" + p.insert(nullRow) + ";\n"
	if err := p.db.Exec(replica + ins); err != nil {
		t.Fatalf("%s: inserting two rows with %s NULL: %v\n%s", p.what, nullCol, err, ins)
	}
	if got := p.count(nullRows); got != before+2 {
		t.Fatalf("%s: after two inserts differing only by a NULL %s, %d rows landed, want 2: no bug to prove", p.what, nullCol, got-before)
	}
	t.Logf("%s: bug proven: two rows with the same %s and %s NULL both landed", p.what, strings.Join(keys(shared), ", "), nullCol)

	if p.f.Code == "IDEM103" {
		if len(p.f.Fixes) > 0 {
			t.Errorf("%s: idemlint now offers %d fixes for IDEM103; prove them here", p.what, len(p.f.Fixes))
		}
		return // idemlint offers no fix for a nullable member
	}
	p.proveFix(shared, keyCol)
}

// proveFix applies idemlint's first fix as a migration on the rows the
// proof left with a NULL key, then shows that a retry with the same key
// is rejected.
func (p *prover) proveFix(shared map[string]string, keyCol string) {
	t := p.t
	if len(p.f.Fixes) == 0 {
		t.Fatalf("%s: idemlint offers no fix", p.what)
	}
	fix := p.f.Fixes[0]
	def := ""
	if m := fixDefault.FindStringSubmatch(fix.Message); m != nil {
		def = m[1]
	}
	var up, name string
	switch {
	case len(fix.Creates) > 0:
		cf := fix.Creates[0]
		name = cf.Path
		if !strings.HasSuffix(cf.Path, ".sql") {
			t.Fatalf("%s: the fix's first new file %s is not an SQL migration", p.what, cf.Path)
		}
		p.checkNext(cf.Path)
		src := upPart(cf.Content)
		if p.c.render != nil {
			src = p.c.render(t, cf.Path, src) // placeholders, as the tool fills them
		}
		up = string(src)
	case len(fix.Edits) > 0:
		// An edit of a Prisma schema or a declarative file: the migration
		// `prisma migrate dev` (or a schema-diff tool) writes from it.
		name = "require.sql"
		var err error
		up, _, err = sqlddl.RequireColumnSQL(p.f.Table, p.f.Column, p.m.Dialect, def)
		if err != nil {
			t.Fatalf("%s: RequireColumnSQL: %v", p.what, err)
		}
	default:
		t.Fatalf("%s: the fix %q neither edits nor creates a file", p.what, fix.Message)
	}
	t.Logf("%s: fix %q:\n%s", p.what, fix.Message, up)

	// The migration runs as the tool runs it: triggers and foreign keys on.
	if err := p.db.Exec(up); err != nil {
		t.Fatalf("%s: BUG: idemlint's fix fails on PostgreSQL over rows stored with a NULL %s: %v\n%s", p.what, keyCol, err, up)
	}
	q := pgtest.QuoteIdent(keyCol)
	if got := p.count("SELECT count(*) FROM " + p.table + " WHERE " + q + " IS NULL"); got != 0 {
		t.Errorf("%s: %d rows still have a NULL %s after the fix's backfill", p.what, got, keyCol)
	}
	if got := p.db.MustQuery(t, "SELECT count(*) = count(DISTINCT "+q+") FROM "+p.table); got != "t" {
		t.Errorf("%s: the backfill gave rows the same %s", p.what, keyCol)
	}
	var state struct {
		NotNull bool   `json:"notnull"`
		Default string `json:"default"`
	}
	if err := p.db.QueryJSON(`SELECT json_build_object('notnull', a.attnotnull, 'default', coalesce(pg_get_expr(d.adbin, d.adrelid), ''))
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid = `+sqlString(p.table)+`::regclass AND a.attname = `+sqlString(keyCol), &state); err != nil {
		t.Fatal(err)
	}
	if !state.NotNull {
		t.Errorf("%s: after the fix %s is still nullable", p.what, keyCol)
	}
	if def != "" && !strings.Contains(state.Default, strings.TrimSuffix(def, "()")) {
		t.Errorf("%s: after the fix the default of %s is %q, want %s", p.what, keyCol, state.Default, def)
	}

	// idemlint's model of the migrated table agrees with the database, and
	// the finding is gone.
	sqlddl.Apply(p.m, schema.NewFile(name, []byte(up)))
	noParseErrors(t, p.m)
	if d := Diff(onlyTable(pgSchema(t, p.db), p.f.Table.Name), onlyTable(FromModel(p.m), p.f.Table.Name)); d != "" {
		t.Errorf("%s: after the fix, PostgreSQL (-) and sqlddl (+) disagree on %s:\n%s", p.what, p.f.Table.Name, d)
	}
	for _, f := range schema.Check(p.m, p.opts) {
		if f.Table != nil && f.Column != nil && f.Table.Name == p.f.Table.Name && f.Column.Name == keyCol && f.Code == "IDEM101" {
			t.Errorf("%s: after the fix idemlint still reports %s: %s", p.what, f.Code, f.Message)
		}
	}

	// The fix: a retry carrying the same key is rejected by the key's
	// unique index. The retries differ in every other generated value, so
	// no other unique index can be what rejects them.
	key := p.keyValue(p.column(keyCol))
	if err := p.db.Exec(replica + p.insert(with(shared, keyCol, key))); err != nil {
		t.Fatalf("%s: inserting a row with %s = %s: %v", p.what, keyCol, key, err)
	}
	err := p.db.Exec(replica + p.insert(with(shared, keyCol, key)))
	var pe *pgtest.Error
	if !errors.As(err, &pe) || pe.SQLState != pgtest.UniqueViolation {
		t.Fatalf("%s: a retry with the same %s = %s: err = %v, want a unique violation (23505)", p.what, keyCol, key, err)
	}
	if m := violated.FindStringSubmatch(pe.Stderr); m == nil || !p.isKeyIndex(m[1]) {
		t.Errorf("%s: the retry was rejected by another constraint than the key's unique index: %s", p.what, pe.Stderr)
	}
	t.Logf("%s: fix proven: a retry with %s = %s is rejected (23505)", p.what, keyCol, key)

	// An explicit NULL key is refused now.
	err = p.db.Exec(replica + p.insert(with(shared, keyCol, "NULL")))
	if !errors.As(err, &pe) || pe.SQLState != "23502" {
		t.Errorf("%s: inserting an explicit NULL %s: err = %v, want a not-null violation (23502)", p.what, keyCol, err)
	}

	// A keyless insert gets a key from the default, a random one: two
	// keyless retries both land (only a client-sent key dedupes them).
	if def == "" {
		err = p.db.Exec(replica + p.insert(shared))
		if !errors.As(err, &pe) || pe.SQLState != "23502" {
			t.Errorf("%s: a keyless insert with no default: err = %v, want a not-null violation (23502)", p.what, err)
		}
		return
	}
	total := "SELECT count(*) FROM " + p.table
	before := p.count(total)
	var got []string
	for range 2 {
		out, err := p.db.Query(replica + p.insert(shared) + " RETURNING " + q + "::text")
		if err != nil {
			t.Fatalf("%s: a keyless insert after the fix: %v", p.what, err)
		}
		if out == "" {
			t.Errorf("%s: a keyless insert got no %s from the default", p.what, keyCol)
		}
		got = append(got, out)
	}
	if n := p.count(total); n != before+2 {
		t.Errorf("%s: %d of two keyless inserts landed, want 2", p.what, n-before)
	}
	if got[0] == got[1] {
		t.Errorf("%s: two keyless inserts got the same %s %s", p.what, keyCol, got[0])
	}
	t.Logf("%s: keyless inserts got %s %v and both landed: a random default does not dedupe keyless retries", p.what, keyCol, got)
}

var (
	// fixDefault reads the default a fix gives the key from its message.
	fixDefault = regexp.MustCompile(`with database default (\S+) \(`)
	// violated reads the constraint a unique violation names.
	violated = regexp.MustCompile(`violates unique constraint "([^"]+)"`)
	// downMarker starts the down part of a migration file that holds both.
	downMarker = regexp.MustCompile(`(?mi)^[ \t]*(--[ \t]*\+goose[ \t]+down|--[ \t]*migrate:down|--[ \t]*\+migrate[ \t]+down|---- create above / drop below ----)`)
)

// upPart is what a migration tool applies of a file on the way up: all of
// it, or what comes before its down marker (goose, dbmate, sql-migrate,
// tern). The up markers are SQL comments.
func upPart(src []byte) []byte {
	if loc := downMarker.FindIndex(src); loc != nil {
		return src[:loc[0]]
	}
	return src
}

// checkNext checks that the new migration sorts after every migration of
// the history, so the tool runs it next.
func (p *prover) checkNext(path string) {
	v := version(path)
	if v == "" {
		p.t.Errorf("%s: the new migration %s has no version", p.what, path)
		return
	}
	for _, h := range p.history {
		if filepath.Dir(h) != filepath.Dir(path) && filepath.Dir(filepath.Dir(h)) != filepath.Dir(filepath.Dir(path)) {
			continue
		}
		if hv := version(h); hv != "" && compareVersion(hv, v) >= 0 {
			p.t.Errorf("%s: the new migration %s does not come after %s", p.what, path, h)
			return
		}
	}
}

// version is the number a migration file (or its folder) starts with.
func version(p string) string {
	for _, s := range []string{filepath.Base(p), filepath.Base(filepath.Dir(p))} {
		if m := leadingNum.FindString(s); m != "" {
			return strings.TrimLeft(m, "0")
		}
	}
	return ""
}

func compareVersion(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

func (p *prover) column(name string) pgColumn {
	for _, c := range p.cols {
		if c.Name == name {
			return c
		}
	}
	p.t.Fatalf("%s: %s has no column %s", p.what, p.table, name)
	return pgColumn{}
}

func (p *prover) inUnique(name string) bool {
	for _, u := range p.uniques {
		if slices.Contains(u.Columns, name) {
			return true
		}
	}
	return false
}

func (p *prover) isKeyIndex(name string) bool {
	for _, u := range p.uniques {
		if u.Name == name {
			return true
		}
	}
	return false
}

func (p *prover) count(query string) int {
	p.t.Helper()
	n, err := strconv.Atoi(p.db.MustQuery(p.t, query))
	if err != nil {
		p.t.Fatalf("%s: %s: %v", p.what, query, err)
	}
	return n
}

// insert returns an INSERT of one row: the given values, and a fresh value
// for every other NOT NULL column without a default.
func (p *prover) insert(given map[string]string) string {
	var names, vals []string
	for _, c := range p.cols {
		v, ok := given[c.Name]
		switch {
		case ok:
		case c.NotNull && !c.Default:
			v = p.value(c)
		default:
			continue
		}
		names = append(names, pgtest.QuoteIdent(c.Name))
		vals = append(vals, v)
	}
	if len(names) == 0 {
		return "INSERT INTO " + p.table + " DEFAULT VALUES"
	}
	return "INSERT INTO " + p.table + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(vals, ", ") + ")"
}

// value returns a literal of c's type that no earlier value repeats, where
// the type allows.
func (p *prover) value(c pgColumn) string {
	p.n++
	n := p.n
	var lit string
	switch {
	case c.Generated:
		p.t.Fatalf("%s: %s.%s is generated and takes no value", p.what, p.table, c.Name)
	case c.Label != "":
		lit = sqlString(c.Label)
	case c.BaseName == "uuid":
		lit = fmt.Sprintf("'00000000-0000-4000-8000-%012d'", n)
	case c.BaseName == "json" || c.BaseName == "jsonb":
		lit = fmt.Sprintf(`'{"n": %d}'`, n)
	case c.BaseName == "bytea":
		lit = fmt.Sprintf(`'\x%04x'`, n)
	case c.BaseName == "bool":
		lit = "true"
	case c.BaseName == "interval":
		lit = fmt.Sprintf("'%d seconds'", n)
	case c.BaseName == "tsvector" || c.BaseName == "tsquery":
		lit = "''"
	case c.Category == "A":
		lit = "'{}'"
	case c.Category == "S":
		s := "v" + strconv.FormatInt(int64(n), 36)
		if c.Len > 0 && len(s) > c.Len {
			s = s[len(s)-c.Len:]
		}
		lit = sqlString(s)
	case c.Category == "N":
		lit = sqlString(strconv.Itoa(n))
	case c.Category == "D":
		lit = sqlString(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Second).Format("2006-01-02 15:04:05+00"))
	case c.Category == "I":
		lit = fmt.Sprintf("'10.%d.%d.%d'", n>>16&255, n>>8&255, n&255)
	case c.Category == "R":
		lit = "'empty'"
	default:
		p.t.Fatalf("%s: no value for %s.%s of type %s (base %s, category %s)", p.what, p.table, c.Name, c.Type, c.BaseName, c.Category)
	}
	return "CAST(" + lit + " AS " + c.Type + ")"
}

// keyValue is the key a client would send: 'retry-1', in the key's type.
func (p *prover) keyValue(c pgColumn) string {
	switch {
	case c.BaseName == "uuid":
		return "CAST('7e57ab1e-0000-4000-8000-000000000001' AS " + c.Type + ")"
	case c.Category == "S":
		s := "retry-1"
		if c.Len > 0 && len(s) > c.Len {
			s = s[:c.Len]
		}
		return "CAST(" + sqlString(s) + " AS " + c.Type + ")"
	}
	return p.value(c)
}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for a, b := range m {
		if a != k {
			out[a] = b
		}
	}
	return out
}

func keys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// onlyTable keeps the table named name.
func onlyTable(s *Schema, name string) *Schema {
	out := &Schema{}
	for _, t := range s.Tables {
		if t.Name == name {
			out.Tables = append(out.Tables, t)
		}
	}
	return out
}

// TestProofFixVersionsDistinct checks that the migrations idemlint's first
// fixes create in one history get distinct versions: `idemlint schema
// -fix` applies every finding's first fix at once, and goose,
// golang-migrate, Flyway and dbmate identify a migration by its version
// (goose refuses a folder where two files share one). Prisma Migrate
// identifies a migration by its folder name, so a shared timestamp is fine
// there. It fails on hatchet/migrations with -key childKey: both fixes get
// the current second as their version (migrate.NextMigration is called
// once per finding, each from the same last step).
func TestProofFixVersionsDistinct(t *testing.T) {
	dir := corpusDir(t)
	for _, pc := range proofCases() {
		check := pc.check
		if check == "" {
			check = pc.build
		}
		_, findings := checkCorpus(t, filepath.Join(dir, check), schema.Options{Keys: schema.KeyMatcher{Extra: pc.keys}})
		seen := map[string]string{} // history folder + version → new file
		for _, f := range findings {
			if len(f.Fixes) == 0 || len(f.Fixes[0].Creates) == 0 {
				continue
			}
			p := f.Fixes[0].Creates[0].Path
			hdir := filepath.Dir(p)
			h, err := migrate.Discover(hdir)
			if err != nil {
				hdir = filepath.Dir(hdir) // a folder per migration
				if h, err = migrate.Discover(hdir); err != nil {
					t.Fatalf("%s: %s is in no migration history: %v", pc.name, p, err)
				}
			}
			if h.Convention == migrate.PrismaMigrate {
				continue
			}
			k := hdir + "@" + version(p)
			if other, ok := seen[k]; ok {
				t.Errorf("%s: BUG: idemlint -fix creates two %s migrations with the same version %s, which the tool refuses:\n\t%s\n\t%s",
					pc.name, h.Convention, version(p), other, p)
			}
			seen[k] = p
		}
	}
}
