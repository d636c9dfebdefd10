// Package domain holds a key value object whose constructor rejects an
// empty key: its zero value comes back with the error.
package domain

import (
	"errors"
	"net/http"
	"strings"
)

var ErrMissingKey = errors.New("an idempotency key is required")

// IdempotencyKey identifies one request across its retries.
type IdempotencyKey string

// NewIdempotencyKey returns "" with an error for an empty or overlong key.
func NewIdempotencyKey(raw string) (IdempotencyKey, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", ErrMissingKey
	}
	if len(raw) > 64 {
		return "", errors.New("idempotency key longer than 64 characters")
	}
	return IdempotencyKey(raw), nil
}

// KeyOrDefault returns a fallback key beside its error: never empty.
func KeyOrDefault(raw string) (IdempotencyKey, error) {
	if raw == "" {
		return "legacy", ErrMissingKey
	}
	return IdempotencyKey(raw), nil
}

// NewKeyPtr returns nil with an error for an empty key.
func NewKeyPtr(raw string) (*string, error) {
	if raw == "" {
		return nil, ErrMissingKey
	}
	return &raw, nil
}

// KeyFromMeta returns the key a producer put in a message's metadata, and
// whether there was one: "" with a false ok when there was none.
func KeyFromMeta(meta map[string]string) (IdempotencyKey, bool) {
	k, ok := meta["idempotency-key"]
	return IdempotencyKey(k), ok
}

// LookupKey is KeyFromMeta spelt with its own return for a missing key.
func LookupKey(meta map[string]string) (IdempotencyKey, bool) {
	k, ok := meta["idempotency-key"]
	if !ok {
		return "", false
	}
	return IdempotencyKey(k), true
}

// HeaderKey returns the request's key and whether it has one: the header
// as sent, with an ok that is false when it is empty.
func HeaderKey(h http.Header) (IdempotencyKey, bool) {
	k := IdempotencyKey(strings.TrimSpace(h.Get("Idempotency-Key")))
	return k, k != ""
}
