// Package keyfacts holds the facts idemlint carries between packages
// about functions and their keys:
//
//   - KeyParams: the function writes a parameter (or a field path of one)
//     into an idempotency-key column, as sqlc's generated Create… does, so
//     its callers are checked at the call;
//   - AlwaysKey: every return hands back a generated key
//     (func NewKey() string { return uuid.NewString() });
//   - Results: a result can be nil, an invalid Null value or "" on some
//     path the function's code shows, and why.
//
// Facts reach only direct importers (see the design notes); each is small
// and exported only for functions that need it.
package keyfacts
