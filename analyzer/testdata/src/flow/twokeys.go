package flow

import (
	"context"
	"database/sql"
	"net/http"
)

// An order and the event it emits, each with its own key column, passed
// in one value.
type orderWithEvent struct{ Account, OrderKey, EventKey string }

// insertOrderWithEvent writes both keys as they are: its callers decide.
func insertOrderWithEvent(ctx context.Context, db *sql.DB, in orderWithEvent) { // want insertOrderWithEvent:`writes key param 2.OrderKey → payments.idempotency_key, param 2.EventKey → transfers.idempotency_key`
	db.ExecContext(ctx, insertPayment, in.Account, in.OrderKey)
	db.ExecContext(ctx, `INSERT INTO transfers (account_id, idempotency_key) VALUES ($1, $2)`, in.Account, in.EventKey)
}

// postOrderWithEvent passes two headers, either may be absent: a finding
// for each key column, at the one argument that carries both.
func postOrderWithEvent(ctx context.Context, db *sql.DB, r *http.Request) {
	in := orderWithEvent{Account: r.PathValue("account"), OrderKey: r.Header.Get("Idempotency-Key"), EventKey: r.Header.Get("X-Event-Key")}
	insertOrderWithEvent(ctx, db, in) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent` `IDEM202: idempotency key transfers.idempotency_key can be empty here: empty when the X-Event-Key header is absent`
}

// postOrderWithEventChecked rejects a missing order key: only the event's
// key is reported.
func postOrderWithEventChecked(ctx context.Context, db *sql.DB, r *http.Request) {
	in := orderWithEvent{Account: r.PathValue("account"), OrderKey: r.Header.Get("Idempotency-Key"), EventKey: r.Header.Get("X-Event-Key")}
	if in.OrderKey == "" {
		return
	}
	insertOrderWithEvent(ctx, db, in) // want `IDEM202: idempotency key transfers.idempotency_key can be empty here: empty when the X-Event-Key header is absent`
}
