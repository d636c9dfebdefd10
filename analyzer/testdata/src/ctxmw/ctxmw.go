// Package ctxmw is a middleware that keeps request values in the
// context, and the getters that read them back: what the getters return
// is what the middleware stored, judged there (a header that may be
// absent), and carried to importers by the getters' facts.
package ctxmw

import (
	"context"
	"crypto/rand"
	"net/http"
)

// IdemKey is the context key of the request's Idempotency-Key header.
type IdemKey struct{}

type traceKey struct{}

type tenantKey string

const tenantCtx tenantKey = "tenant"

// Middleware stores the header, present or not, a minted trace id, and
// the tenant header.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), IdemKey{}, r.Header.Get("Idempotency-Key"))
		ctx = context.WithValue(ctx, traceKey{}, rand.Text())
		ctx = context.WithValue(ctx, tenantCtx, r.Header.Get("X-Tenant"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Key reads the key back; it panics when the middleware did not run, and
// is "" when the request had no header.
func Key(ctx context.Context) string { // want Key:`result 0 may be empty`
	return ctx.Value(IdemKey{}).(string)
}

// CheckedKey checks that the middleware ran, not that the header was
// there: still "" without it.
func CheckedKey(ctx context.Context) (string, bool) { // want CheckedKey:`result 0 may be empty`
	k, ok := ctx.Value(IdemKey{}).(string)
	if !ok {
		return "", false
	}
	return k, true
}

// Trace is the minted trace id: never empty.
func Trace(ctx context.Context) string {
	return ctx.Value(traceKey{}).(string)
}
