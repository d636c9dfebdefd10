// Package httpx holds request helpers in a package of their own, as a
// service that splits its helpers out does: their results reach the
// packages that call them through facts.
package httpx

import (
	"crypto/rand"
	"net/http"
)

// KeyOf is "" when the request has no Idempotency-Key header.
func KeyOf(r *http.Request) string { // want KeyOf:`result 0 may be empty`
	return r.Header.Get("Idempotency-Key")
}

// KeyPtr is nil when the request has no Idempotency-Key header.
func KeyPtr(r *http.Request) *string { // want KeyPtr:`result 0 may be nil`
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// KeyOrNew always has a key: no fact.
func KeyOrNew(r *http.Request) string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return k
	}
	return rand.Text()
}

// Required reports a missing key as an error: callers that check it never
// see the "" (the fact says so only for callers that drop the error).
func Required(r *http.Request) (string, error) { // want Required:"result 0 empty with its error"
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return "", http.ErrNoCookie
	}
	return k, nil
}
