package insertsite

import "testing"

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
	} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
	if got := importPath(nil); got != "" {
		t.Errorf("importPath(nil) = %q", got)
	}
}
