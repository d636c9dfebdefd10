// Package keyflow answers one question for the idemlint analyzer: can the
// Go value that feeds an idempotency-key column be NULL (a nil pointer or
// interface, an invalid sql.NullString-like struct) or the empty string on
// some path to the INSERT that uses it?
//
// The analysis is intra-procedural and runs on SSA built with
// ssa.GlobalDebug. It is deliberately one-sided: it reports only what the
// code shows. A value is bad when it comes from a source that the code
// itself makes nil or empty (a nil or "" literal, a variable declared
// without a value, a header or query getter that returns "" when the
// request lacks the key, a composite literal that leaves the field unset,
// Valid: false) and no guard on the way to the use rules that out. Values
// the function knows nothing about (parameters, fields, results of
// unknown calls) are not reported, with one exception borrowed from
// staticcheck's SA5011: when the function itself compares the same access
// path with nil, "" or !Valid somewhere, yet the insert is reachable
// without passing that check, the comparison is the code saying the value
// can be missing.
//
// Guards are matched by access path (a root register, local, parameter or
// global followed by field selections and dereferences), not by SSA value
// identity, so `in.Key` loaded twice is one path. A use is guarded when
// every backward path from it to the value's definition crosses the safe
// edge of such a comparison; phi operands are judged on their own incoming
// edge, which is what makes `if key == "" { key = uuid.NewString() }` safe.
// Local memory (composite literals, address-taken variables) is followed
// through the stores that reach the load.
//
// Scope, on purpose: calls are not followed (a helper that returns "" is
// unknown unless Options.AlwaysKey vouches for it or the function checks
// its result), except that a closure's captured variable assigned once in
// its parent is judged there. A local whose address is passed to a call
// is taken as rewritten by that call, and one whose address is stored
// elsewhere as rewritten by any call; cells behind parameters are assumed
// to change only by the function's own stores. Map, channel and slice
// elements are unknown.
package keyflow
