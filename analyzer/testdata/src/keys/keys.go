// Package keys wraps key generators; facts vouch for the wrappers.
package keys

import (
	"crypto/rand"
	"database/sql"
)

// New returns a fresh random key.
func New() string { // want New:"always returns a key"
	return rand.Text()
}

// NewPtr returns a pointer to a fresh key, through another wrapper.
func NewPtr() *string { // want NewPtr:"always returns a key"
	k := New()
	return &k
}

// Either returns the empty string when ok is false: its callers decide.
func Either(ok bool) string { // want Either:"result 0 empty when argument 0 is false"
	if ok {
		return New()
	}
	return ""
}

// NullString is invalid exactly when s is empty: its callers decide.
func NullString(s string) sql.NullString { // want NullString:"result 0 invalid when argument 0 is empty"
	return sql.NullString{String: s, Valid: s != ""}
}
