package schema

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsKeyByName(t *testing.T) {
	cases := []struct {
		name, typ string
		want      bool
	}{
		{"idempotencyKey", "String", true},
		{"idempotency_key", "text", true},
		{"IDEMPOTENCY_KEY", "VARCHAR(64)", true},
		{"idempotency-token", "text", true},
		{"idempotency_id", "uuid", true},
		{"stripe_idempotency_key", "text", true},
		{"dedupKey", "String", true},
		{"dedupe_key", "text", true},
		{"deduplicationId", "String", true},
		{"clientToken", "String", true},
		{"client_request_id", "uuid", true},
		{"idempotency_key", "bigint", true},

		{"idempotent", "text", false},
		{"key", "text", false},
		{"request_id", "uuid", false},
		{"token", "text", false},
		{"idempotency_key_expires_at", "timestamptz", false},
		{"idempotencyKeyUsed", "Boolean", false},
		{"has_idempotency_key", "boolean", false},
		{"idempotency_key", "timestamp", false},
		{"idempotency_key", "jsonb", false},
	}
	tbl := &Table{Name: "payments"}
	for _, tc := range cases {
		got, why := KeyMatcher{}.IsKey(tbl, &Column{Name: tc.name, Type: tc.typ})
		if got != tc.want {
			t.Errorf("IsKey(%s %s) = %v (%q), want %v", tc.name, tc.typ, got, why, tc.want)
		}
		if got && why != "named like an idempotency key" {
			t.Errorf("IsKey(%s %s): reason %q", tc.name, tc.typ, why)
		}
	}
}

func TestIsKeyFieldName(t *testing.T) {
	// A Prisma field mapped to another column name matches by either.
	c := fieldColumn(&Column{Name: "ref", Type: "String"}, "idempotencyKey")
	if ok, _ := (KeyMatcher{}).IsKey(&Table{Name: "t"}, c); !ok {
		t.Error("field name idempotencyKey mapped to column ref is not a key")
	}
	c = fieldColumn(&Column{Name: "idempotency_key", Type: "String"}, "ref")
	if ok, _ := (KeyMatcher{}).IsKey(&Table{Name: "t"}, c); !ok {
		t.Error("column idempotency_key with field ref is not a key")
	}
}

func TestIsKeyExtra(t *testing.T) {
	events := &Table{Name: "events", ModelName: "Event"}
	orders := &Table{Name: "orders"}
	txID := &Column{Name: "transaction_id", Type: "text"}
	txField := fieldColumn(&Column{Name: "tx_id", Type: "String"}, "transactionId")
	flag := &Column{Name: "transaction_id", Type: "boolean"}
	cases := []struct {
		name  string
		extra []string
		t     *Table
		c     *Column
		want  bool
	}{
		{"none", nil, events, txID, false},
		{"column anywhere", []string{"transaction_id"}, events, txID, true},
		{"column anywhere, other table", []string{"transaction_id"}, orders, txID, true},
		{"other spelling", []string{"transactionId"}, events, txID, true},
		{"qualified by table", []string{"events.transaction_id"}, events, txID, true},
		{"qualified by another table", []string{"events.transaction_id"}, orders, txID, false},
		{"qualified by Prisma model name", []string{"Event.transaction_id"}, events, txID, true},
		{"qualified, field name", []string{"Event.transactionId"}, events, txField, true},
		{"unrelated extra", []string{"order_ref"}, events, txID, false},
		// A user's explicit declaration wins over the type heuristic.
		{"declared boolean", []string{"transaction_id"}, events, flag, true},
	}
	for _, tc := range cases {
		got, why := KeyMatcher{Extra: tc.extra}.IsKey(tc.t, tc.c)
		if got != tc.want {
			t.Errorf("%s: IsKey = %v (%q), want %v", tc.name, got, why, tc.want)
		}
		if got && len(tc.extra) > 0 && why != "declared a key by -key "+tc.extra[0] {
			t.Errorf("%s: reason %q", tc.name, why)
		}
	}
}

func TestIsKeyAnnotation(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want bool
	}{
		{"none", "table t\n  col ref text\n", false},
		{"same line", "table t\n  col ref text -- idemlint:key\n", true},
		{"same line with a reason", "table t\n  col ref text -- idemlint:key the client's request id\n", true},
		{"alone on the line above", "table t\n  -- idemlint:key\n  col ref text\n", true},
		{"above a run of comments", "table t\n  -- idemlint:key\n  -- the client's request id\n  col ref text\n", true},
		{"block comment above", "table t\n  /* idemlint:key */\n  col ref text\n", true},
		{"keyed is another word", "table t\n  col ref text -- idemlint:keyed\n", false},
		{"key-ish prefix", "table t\n  col ref text -- idemlint:keys\n", false},
		{"not at the start", "table t\n  col ref text -- see idemlint:key\n", false},
		{"two lines above", "table t\n  -- idemlint:key\n  col other text\n  col ref text\n", false},
		{"blank line between", "table t\n  -- idemlint:key\n\n  col ref text\n", false},
		{"trailing comment of the line above", "table t\n  col other text -- idemlint:key\n  col ref text\n", false},
		{"block comment before code on the line above", "table t\n  /* idemlint:key */ col other text\n  col ref text\n", false},
	}
	for _, tc := range cases {
		m := parseTestSchema(t, PostgreSQL, tc.src)
		tbl := m.Tables[0]
		got, why := KeyMatcher{}.IsKey(tbl, tbl.Column("ref"))
		if got != tc.want {
			t.Errorf("%s: IsKey = %v (%q), want %v", tc.name, got, why, tc.want)
		}
		if got && why != "annotated idemlint:key" {
			t.Errorf("%s: reason %q", tc.name, why)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"idempotencyKey":  "idempotencykey",
		"IDEMPOTENCY-KEY": "idempotencykey",
		"idempotency_key": "idempotencykey",
		"events.tx_id":    "eventstxid",
		"Idempotency Key": "idempotencykey",
		"":                "",
		"ÉvénementClé_Id": "événementcléid",
	} {
		if got := normalizeName(in); got != want {
			t.Errorf("normalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIsKeyByUse: a column no name marks is a key when a unique rule
// covers it and the code uses that rule as an ON CONFLICT target, and the
// reason names where.
func TestIsKeyByUse(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table runs
  col id bigserial
  col parent_id uuid null
  col child_ref text null
  col email text null
  col note text null
  pk (id)
  index runs_child (parent_id, child_ref)
  unique (email)
  unique (note, email)
`)
	runs := m.Tables[0]
	km := KeyMatcher{Conflicts: []ConflictTarget{
		{Table: "runs", Columns: []string{"child_ref", "parent_id"}, At: "store/runs.go:41"},
		{Table: "other", Columns: []string{"email"}, At: "store/other.go:9"},
		{Table: "runs", Columns: []string{"note"}, At: "store/runs.go:50"}, // no unique over (note) alone
	}}
	for _, tc := range []struct {
		col, why string
	}{
		{"child_ref", "used as the ON CONFLICT target at store/runs.go:41"},
		{"parent_id", "used as the ON CONFLICT target at store/runs.go:41"},
		{"email", ""}, // unique, but the code's target is another table's
		{"note", ""},  // the target (note) is backed by no unique of its own
		{"id", ""},
	} {
		got, why := km.IsKey(runs, runs.Column(tc.col))
		if got != (tc.why != "") || why != tc.why {
			t.Errorf("IsKey(%s) = %v %q, want %q", tc.col, got, why, tc.why)
		}
	}
	// Both columns are keys of runs_child only by the upsert: one finding
	// for the rule, at parent_id, naming both; child_ref is related.
	fs := Check(m, Options{Keys: km})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "idempotency key columns runs.parent_id and runs.child_ref (used as the ON CONFLICT target at store/runs.go:41) are nullable") ||
		fs[0].Column.Name != "parent_id" || !slices.ContainsFunc(fs[0].Related, func(r Related) bool {
		return r.Span == runs.Column("child_ref").Span && strings.Contains(r.Message, "child_ref is nullable too")
	}) {
		t.Errorf("findings %v, want one IDEM101 for parent_id and child_ref naming the ON CONFLICT use, child_ref related", summarize(fs))
	}
	// Keys by their names are a finding each, in the same rule.
	named := parseTestSchema(t, PostgreSQL, `table pairs
  col id bigserial
  col idempotency_key text null
  col request_key text null
  pk (id)
  unique (idempotency_key, request_key)
`)
	if fs := Check(named, Options{Keys: KeyMatcher{Extra: []string{"request_key"}}}); len(fs) != 2 {
		t.Errorf("two named keys in one rule: findings %v, want one each", summarize(fs))
	}
	// Unused, the same nullable unique columns are no keys.
	if fs := Check(m, Options{}); len(fs) != 0 {
		t.Errorf("without ON CONFLICT uses: findings %v, want none", summarize(fs))
	}
}

func TestIsKeyByTableName(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table v1_idempotency_key
  col id bigint default nextval('s')
  col tenant_id uuid
  col value text null
  col expires_at timestamptz null
  col claimed_by uuid null
  pk (id)
  unique (tenant_id, value)
  unique (expires_at, value)
table request_dedupe
  col uid text null
  unique (uid)
table runs
  col ref text null
  unique (ref)
`)
	for _, tc := range []struct {
		table, col string
		want       bool
	}{
		{"v1_idempotency_key", "value", true},
		{"v1_idempotency_key", "tenant_id", true},
		{"v1_idempotency_key", "id", false},         // a sequence: identifies a row, not a retry
		{"v1_idempotency_key", "expires_at", false}, // a time is no key
		{"v1_idempotency_key", "claimed_by", false}, // no unique covers it
		{"request_dedupe", "uid", true},
		{"runs", "ref", false},
	} {
		tbl := m.Table(tc.table)
		got, why := KeyMatcher{}.IsKey(tbl, tbl.Column(tc.col))
		if got != tc.want {
			t.Errorf("IsKey(%s.%s) = %v (%q), want %v", tc.table, tc.col, got, why, tc.want)
		}
		if got && why != "its table "+tc.table+" holds idempotency keys, by its name" {
			t.Errorf("IsKey(%s.%s): reason %q", tc.table, tc.col, why)
		}
	}
}

func TestIsKeyByComment(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table runs
  col a text null -- dedup key sent by the worker
  -- The client's idempotency token for this run.
  col b text null
  col c text null -- idemlint:ignore IDEM101 dedup is optional here
  col d text null -- deduplication window
  col e text null -- a plain comment
  unique (a)
  unique (b)
  unique (c)
  unique (e)
`)
	tbl := m.Tables[0]
	tbl.Column("e").SetComment("'Idempotent replays are matched on this.'")
	for _, tc := range []struct {
		col, why string
	}{
		{"a", `its comment says so: "dedup key sent by the worker"`},
		{"b", `its comment says so: "The client's idempotency token for this run."`},
		{"c", ""}, // a suppression that mentions dedup says nothing about the column
		{"d", ""}, // no unique covers it
		{"e", `its comment says so: "Idempotent replays are matched on this."`},
	} {
		got, why := KeyMatcher{}.IsKey(tbl, tbl.Column(tc.col))
		if got != (tc.why != "") || why != tc.why {
			t.Errorf("IsKey(%s) = %v %q, want %q", tc.col, got, why, tc.why)
		}
	}
}

// TestIsKeyByRuleComment: a comment on a unique rule that says it is
// there for idempotency or deduplication makes the rule's columns keys of
// that rule (blnk's unique index on transactions.reference "to enforce
// idempotency"); a rule whose comment says nothing of the kind, a comment
// about a column named like the key, or a suppression does not.
func TestIsKeyByRuleComment(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table transfers
  col reference text null
  col tenant text null
  col source text null
  col idempotency_key text null
  col note text null
  col batch text null
  -- Unique index on the reference to enforce idempotency
  unique (reference)
  -- deduplicates retried imports
  unique (tenant, source)
  -- per-tenant dedup of idempotency_key
  unique (tenant, idempotency_key)
  -- lookups by note
  unique (note)
  -- idemlint:ignore IDEM101 dedup is optional here
  unique (batch)
`)
	tbl := m.Tables[0]
	for _, tc := range []struct{ col, why string }{
		{"reference", `the comment on unique constraint (reference) says so: "Unique index on the reference to enforce idempotency"`},
		{"source", `the comment on unique constraint (tenant, source) says so: "deduplicates retried imports"`},
		{"tenant", `the comment on unique constraint (tenant, source) says so: "deduplicates retried imports"`},
		{"note", ""},  // the comment says nothing of keys
		{"batch", ""}, // a suppression describes nothing
	} {
		got, why := KeyMatcher{}.IsKey(tbl, tbl.Column(tc.col))
		if got != (tc.why != "") || why != tc.why {
			t.Errorf("IsKey(%s) = %v %q, want %q", tc.col, got, why, tc.why)
		}
	}
	// tenant is a key of (tenant, source) alone: in (tenant,
	// idempotency_key) it is the named key's scope.
	rules := KeyMatcher{}.KeyRules(tbl, tbl.Column("tenant"))
	if len(rules) != 1 || strings.Join(rules[0].Columns(), ",") != "tenant,source" {
		t.Errorf("KeyRules(tenant) = %v, want (tenant, source) alone", rules)
	}
}

// TestIsKeyClosingKeyName: a nullable column named "…key" that closes a
// composite unique and lets its NULLs in is a key by that shape (hatchet's
// (parentId, parentStepRunId, childKey)): the index can only be there to
// make that value unique per its scope, and its NULLs are the hole. The
// shape is weak evidence, so it stops where the corpus and the real
// repositories showed handles and references: a NOT NULL column
// (rateLimitKey), a partial index that leaves NULLs out (flexprice's
// lookup_key), a handle's or a secret's name, a column that opens the
// rule or stands alone in it.
func TestIsKeyClosingKeyName(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table WorkflowRun
  col parentId uuid null
  col parentStepRunId uuid null
  col childKey text null
  col tenantId uuid null
  col lookupKey text null
  col rateLimitKey text
  col apiKey text null
  col labelKey text null
  col stepKey text null
  col partKey text null
  index wr_child (parentId, parentStepRunId, childKey)
  unique (tenantId, lookupKey)
  unique (tenantId, rateLimitKey)
  unique (tenantId, apiKey)
  unique (labelKey, tenantId)
  unique (tenantId, stepKey) where stepKey IS NOT NULL
  unique (partKey)
`)
	tbl := m.Tables[0]
	for _, tc := range []struct{ col, why string }{
		{"childKey", "named like a key and closing unique index (parentId, parentStepRunId, childKey) with its NULLs let in"},
		{"parentId", ""},     // the scope, not the key
		{"lookupKey", ""},    // a handle's name
		{"rateLimitKey", ""}, // NOT NULL: a reference, and no hole to report
		{"apiKey", ""},       // a secret's name
		{"labelKey", ""},     // opens the rule: no scope before it
		{"stepKey", ""},      // the predicate leaves its NULLs out: optional on purpose
		{"partKey", ""},      // alone in its rule
	} {
		got, why := KeyMatcher{}.IsKey(tbl, tbl.Column(tc.col))
		if got != (tc.why != "") || why != tc.why {
			t.Errorf("IsKey(%s) = %v %q, want %q", tc.col, got, why, tc.why)
		}
	}
	// An ON CONFLICT use is the stronger reason, and is given first.
	km := KeyMatcher{Conflicts: []ConflictTarget{{Table: "WorkflowRun", Columns: []string{"parentId", "parentStepRunId", "childKey"}, At: "runs.sql:3"}}}
	for _, col := range []string{"childKey", "parentId"} {
		if got, why := km.IsKey(tbl, tbl.Column(col)); !got || why != "used as the ON CONFLICT target at runs.sql:3" {
			t.Errorf("IsKey(%s) = %v %q with ON CONFLICT use, want the conflict reason", col, got, why)
		}
	}
}

// TestIsKeyCommentAboutAnotherColumn: formance ledger's IdempotencyHash is
// documented as "a signature used when using IdempotencyKey": the comment
// is about the key column, not the hash.
func TestIsKeyCommentAboutAnotherColumn(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table logs
  col idempotency_key text null field IdempotencyKey
  -- IdempotencyHash is a signature used when using IdempotencyKey.
  col idempotency_hash text null field IdempotencyHash
  unique (idempotency_key)
  unique (idempotency_hash)
`)
	tbl := m.Tables[0]
	if ok, why := (KeyMatcher{}).IsKey(tbl, tbl.Column("idempotency_hash")); ok {
		t.Errorf("idempotency_hash is a key: %s", why)
	}
}

// TestKeyRulesByUse: a column that is a key only because an ON CONFLICT
// target holds it is a key of the rule that target matches. paladin
// upserts reg_entries on its primary key (registry, id); the index
// (registry, name, parent_id), whose parent_id is nullable, is no rule of
// registry's: no IDEM103 there. A key by name is a key in every rule.
func TestKeyRulesByUse(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table reg_entries
  col registry text
  col id text
  col parent_id text null
  col name text
  col idempotency_key text
  pk (registry, id)
  index reg_entries_name_parent_id (registry, name, parent_id)
  unique (registry, idempotency_key, parent_id)
`)
	km := KeyMatcher{Conflicts: []ConflictTarget{{Table: "reg_entries", Columns: []string{"registry", "id"}, At: "registry.go:293"}}}
	tbl := m.Tables[0]
	rules := km.KeyRules(tbl, tbl.Column("registry"))
	if len(rules) != 1 || rules[0].Kind != PrimaryKey {
		t.Errorf("KeyRules(registry) = %v, want the primary key alone", rules)
	}
	if rules := km.KeyRules(tbl, tbl.Column("idempotency_key")); rules != nil {
		t.Errorf("KeyRules(idempotency_key) = %v, want nil: a key by name in every rule", rules)
	}
	var got []string
	for _, f := range Check(m, Options{Keys: km}) {
		got = append(got, string(f.Code)+" "+f.Column.Name)
	}
	// parent_id is nullable in idempotency_key's rule: IDEM103 there, and
	// none for registry's sake in the name index.
	if diff := cmp.Diff([]string{"IDEM103 parent_id"}, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestNullIntended: a comment that says for whom or when NULL is written
// marks the NULLs as meant; an optional client key does not.
func TestNullIntended(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, `table audits
  col a uuid null -- nullable for Frontier's internal calls.
  -- NULL when the row is written by the nightly job
  col b text null
  col c text null -- optional: old clients send none
  col d text null -- idemlint:ignore IDEM101 null for internal rows
  col e text null -- the idempotency key; NULL keys are distinct
  col f text null -- NULL is not allowed for clients after v2
  col g text null -- will be NOT NULL for new rows once backfilled
  unique (a)
  unique (b)
  unique (c)
  unique (d)
  unique (e)
  unique (f)
  unique (g)
`)
	tbl := m.Tables[0]
	for _, tc := range []struct{ col, want string }{
		{"a", `"nullable for Frontier's internal calls."`},
		{"b", `"NULL when the row is written by the nightly job"`},
		{"c", ""}, // a client may leave it out: that is the bug, not an intent
		{"d", ""}, // a suppression describes nothing
		{"e", ""}, // says what NULL does, not who writes it
		{"f", ""}, // a rule against NULL
		{"g", ""}, // NOT NULL, not NULL
	} {
		if got := NullIntended(tbl, tbl.Column(tc.col)); got != tc.want {
			t.Errorf("NullIntended(%s) = %q, want %q", tc.col, got, tc.want)
		}
	}
}
