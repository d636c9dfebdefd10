// Package ctxapi inserts keys read back from the request's context: what
// a middleware stored there (of this package, or ctxmw's through its
// getters' facts) decides, not only whether the context holds a value.
package ctxapi

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"

	"ctxmw"
)

//go:embed schema.sql
var Schema string

const insertPayment = `INSERT INTO payments (account, idempotency_key) VALUES ($1, $2)`

type idemKey struct{}

type mintedKey struct{}

// withKey is this package's middleware: the header, present or not, and
// a key minted when the client sent none.
func withKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), idemKey{}, r.Header.Get("Idempotency-Key"))
		k := r.Header.Get("Idempotency-Key")
		if k == "" {
			k = "minted-" + r.URL.Path
		}
		ctx = context.WithValue(ctx, mintedKey{}, k)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Local reads this package's header key with a plain assertion: "" when
// the request had no header.
func Local(ctx context.Context, db *sql.DB, account string) error {
	key := ctx.Value(idemKey{}).(string)
	_, err := db.ExecContext(ctx, insertPayment, account, key) // want `IDEM202: .*empty when the Idempotency-Key header is absent \(Header.Get, api.go:\d+\), which ctxapi.withKey stores in the context \(context.WithValue, api.go:\d+\)`
	return err
}

// Minted reads the key the middleware filled in: never empty.
func Minted(ctx context.Context, db *sql.DB, account string) error {
	key := ctx.Value(mintedKey{}).(string)
	_, err := db.ExecContext(ctx, insertPayment, account, key)
	return err
}

// LocalChecked rejects the empty key: nothing to report.
func LocalChecked(ctx context.Context, db *sql.DB, account string) error {
	key := ctx.Value(idemKey{}).(string)
	if key == "" {
		return http.ErrMissingFile
	}
	_, err := db.ExecContext(ctx, insertPayment, account, key)
	return err
}

// Imported reads ctxmw's key through its getter: the getter's fact says
// where the empty value comes from.
func Imported(ctx context.Context, db *sql.DB, account string) error {
	_, err := db.ExecContext(ctx, insertPayment, account, ctxmw.Key(ctx)) // want `IDEM202: .*ctxmw.Key returns ctx.Value\(IdemKey\{\}\).\(string\), empty when the Idempotency-Key header is absent .*which ctxmw.Middleware stores in the context`
	return err
}

// ImportedChecked: ok says the middleware ran, not that the header was
// there.
func ImportedChecked(ctx context.Context, db *sql.DB, account string) error {
	k, ok := ctxmw.CheckedKey(ctx)
	if !ok {
		return http.ErrNoCookie
	}
	_, err := db.ExecContext(ctx, insertPayment, account, k) // want `IDEM202: .*ctxmw.CheckedKey .*empty when the Idempotency-Key header is absent`
	return err
}

// Traced uses the minted trace id as its key: never empty.
func Traced(ctx context.Context, db *sql.DB, account string) error {
	_, err := db.ExecContext(ctx, insertPayment, account, ctxmw.Trace(ctx))
	return err
}
