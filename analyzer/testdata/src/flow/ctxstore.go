package flow

import (
	"context"
	"database/sql"
	"net/http"
)

// refundKeyCtx is where refundMiddleware keeps the request's key: the
// header as it is, "" when absent.
type refundKeyCtx struct{}

func refundMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), refundKeyCtx{}, r.Header.Get("Idempotency-Key"))))
	})
}

// insertRefundFromContext reads the key back with its ok unchecked: ""
// when the context holds none, and "" as stored when the header was
// absent, the store named as the likelier.
func insertRefundFromContext(ctx context.Context, db *sql.DB, accountID int64) error {
	k, _ := ctx.Value(refundKeyCtx{}).(string)
	_, err := db.ExecContext(ctx, insertPayment, accountID, k) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent \(Header.Get, ctxstore.go:15\), which flow.refundMiddleware stores in the context \(context.WithValue, ctxstore.go:15\) for ctx.Value\(refundKeyCtx\{\}\) to read back`
	return err
}
