// Package gofix writes idemlint's suggested fixes in Go code: an
// if-statement before the insert (or before the call that passes the key
// on, or at the top of the function that takes it) that gives a missing
// key a value. Two variants each time: a random key, which makes every row
// have one but does not dedupe a client's keyless retry, and a key derived
// from the request's other values, which does. Imports the fix needs are
// added; a fix that cannot be written safely is not offered.
package gofix
