// Package ssaplan checks that SSA is built only for the functions the
// checks can ask about, and that the findings that need a helper's or a
// caller's body are still made: keyOf is reached from the insert's
// caller, Sanitize from the insert itself, and Unrelated from neither.
package ssaplan

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
	"strings"
)

//go:embed schema.sql
var Schema string

type Repo struct{ DB *sql.DB }

// insert writes whatever key it gets; its callers, all in view, decide.
func (r *Repo) insert(ctx context.Context, session string, key *string) error { // want insert:`writes key param 2 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, Sanitize(session), key)
	return err
}

// Sanitize is called by the insert: its body is built.
func Sanitize(s string) string { return strings.TrimSpace(s) } // want Sanitize:"result 0 empty when argument 0 is empty"

// keyOf returns nil when the header is absent.
func keyOf(r *http.Request) *string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// Post calls the insert with a key that may be nil: its body and keyOf's
// are built, and the nil is found through keyOf.
func (r *Repo) Post(w http.ResponseWriter, req *http.Request) {
	_ = r.insert(req.Context(), "s", keyOf(req)) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: ssaplan.keyOf can return a nil literal`
}

// Unrelated has nothing to do with keys: its body is not built.
func Unrelated(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x * x
	}
	return n
}
