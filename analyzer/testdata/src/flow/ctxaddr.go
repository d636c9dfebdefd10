package flow

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
)

// payKeyCtx is where payKeyMiddleware keeps the request's key, and only a
// non-empty one: a request without the header gets nothing in its context.
type payKeyCtx struct{}

func payKeyMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if k := r.Header.Get("Idempotency-Key"); k != "" {
			r = r.WithContext(context.WithValue(r.Context(), payKeyCtx{}, k))
		}
		next.ServeHTTP(w, r)
	})
}

var errNoPayKey = errors.New("Idempotency-Key header required")

// payKeyAddrChecked takes the address of a key whose ok it checked: SSA
// stores the key into its variable before the check, and the insert
// loads it after. Fine: the check is between them.
func payKeyAddrChecked(ctx context.Context, db *sql.DB, accountID string) error {
	k, ok := ctx.Value(payKeyCtx{}).(string)
	if !ok {
		return errNoPayKey
	}
	p := &k
	_, err := db.ExecContext(ctx, insertPayment, accountID, p)
	return err
}

// payKeyAddrUnchecked drops the ok: "" when the context holds none.
func payKeyAddrUnchecked(ctx context.Context, db *sql.DB, accountID string) error {
	k, _ := ctx.Value(payKeyCtx{}).(string)
	p := &k
	_, err := db.ExecContext(ctx, insertPayment, accountID, p) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the context holds no string for payKeyCtx\{\} \(type assertion`
	return err
}

// payKeyAddrCheckedLate checks ok only after the insert, which says
// nothing about the key it wrote.
func payKeyAddrCheckedLate(ctx context.Context, db *sql.DB, accountID string) error {
	k, ok := ctx.Value(payKeyCtx{}).(string)
	p := &k
	_, err := db.ExecContext(ctx, insertPayment, accountID, p) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the context holds no string for payKeyCtx\{\} \(type assertion`
	if !ok {
		return errNoPayKey
	}
	return err
}

// payKeyAddrMap checks a map lookup's ok, then takes the address.
func payKeyAddrMap(ctx context.Context, db *sql.DB, accountID string, keys map[string]string) error {
	k, ok := keys[accountID]
	if !ok {
		return errNoPayKey
	}
	_, err := db.ExecContext(ctx, insertPayment, accountID, &k)
	return err
}
