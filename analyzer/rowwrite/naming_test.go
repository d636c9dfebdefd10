package rowwrite

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema/gomodel"
)

func TestNaming(t *testing.T) {
	for in, want := range map[string]string{
		"SessionID": "session_id", "IdempotencyKey": "idempotency_key", "ID": "id",
		"HTTPRequest": "http_request", "Key2": "key2", "URLPath": "url_path",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"message": "messages", "status": "statuses", "box": "boxes", "batch": "batches",
		"entry": "entries", "key": "keys", "ledger_entry": "ledger_entries",
		// inflection's, as the schema reader names the model's table
		"person": "people", "quiz": "quizzes", "user_status": "user_statuses", "human": "humen", "fish": "fish", "matrix": "matrices",
	} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
	// ent's table names, as the schema reader gives them (dex's Keys and
	// OAuth2Client were keyses and o_auth2_clients, read by no schema).
	for in, want := range map[string]string{"Keys": "keys", "OAuth2Client": "oauth2clients", "Payment": "payments", "DeliveryStatus": "delivery_status"} {
		if got := gomodel.EntTableName(in); got != want {
			t.Errorf("EntTableName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := importPath(nil); got != "" {
		t.Errorf("importPath(nil) = %q", got)
	}
}

func TestBunNaming(t *testing.T) {
	for in, want := range map[string]string{
		"SessionID": "session_id", "IdempotencyKey": "idempotency_key", "ID": "id",
		"HTTPRequest": "http_request", "Key2ID": "key2id", "FooA": "fooa", "LedgerEntry": "ledger_entry",
	} {
		if got := underscore(in); got != want {
			t.Errorf("underscore(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range []struct {
		tag, name string
		opts      map[string]string
	}{
		{"idempotency_key", "idempotency_key", map[string]string{}},
		{",nullzero", "", map[string]string{"nullzero": ""}},
		{"table:webhooks,alias:w", "", map[string]string{"table": "webhooks", "alias": "w"}},
		{"key,default:gen_random_uuid(),notnull", "key", map[string]string{"default": "gen_random_uuid()", "notnull": ""}},
		{`k,default:"a,b"`, "k", map[string]string{"default": "a,b"}},
		{"created_at,default:date_trunc('day', now())", "created_at", map[string]string{"default": "date_trunc('day', now())"}},
	} {
		name, opts := bunTag(tc.tag)
		if name != tc.name || len(opts) != len(tc.opts) {
			t.Errorf("bunTag(%q) = %q, %v; want %q, %v", tc.tag, name, opts, tc.name, tc.opts)
			continue
		}
		for k, v := range tc.opts {
			if opts[k] != v {
				t.Errorf("bunTag(%q)[%q] = %q, want %q", tc.tag, k, opts[k], v)
			}
		}
	}
}

func TestBunColumns(t *testing.T) {
	all := []string{"id", "connector_id", "idempotency_key"}
	for _, tc := range []struct {
		ops  []columnOp
		want []string
		ok   bool
	}{
		{nil, all, true},
		{[]columnOp{{names: []string{"connector_id"}}}, []string{"connector_id"}, true},
		{[]columnOp{{exclude: true, names: []string{"idempotency_key"}}}, []string{"id", "connector_id"}, true},
		{[]columnOp{{exclude: true, names: []string{"nope"}}}, nil, false},
		{[]columnOp{{names: []string{"nope"}}}, nil, false},
		{[]columnOp{{exclude: true, names: []string{"*"}}}, nil, false},
	} {
		got, ok := bunColumns(all, tc.ops)
		if ok != tc.ok || strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("bunColumns(%v) = %v, %v; want %v, %v", tc.ops, got, ok, tc.want, tc.ok)
		}
	}
}
