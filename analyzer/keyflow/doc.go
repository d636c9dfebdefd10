// Package keyflow answers one question for the idemlint analyzer: can the
// Go value that feeds an idempotency-key column be NULL (a nil pointer or
// interface, an invalid sql.NullString-like struct) or the empty string on
// some path to the INSERT that uses it?
//
// The analysis runs on SSA built with ssa.GlobalDebug. It is deliberately
// one-sided: it reports only what the code shows. A value is bad when it
// comes from a source that the code itself makes nil or empty and no
// guard on the way to the use rules that out. Sources:
//   - a nil or "" literal, a variable declared without a value, a
//     composite literal that leaves the field unset, Valid: false;
//   - a request getter that returns "" when the request lacks the key
//     (r.Header.Get, gin's c.Query, chi.URLParam, …);
//   - a field of a value a request decoder fills (encoding/json and xml,
//     gin Bind*/ShouldBind*, echo Bind, fiber BodyParser, gorilla/schema,
//     go-playground/form, mapstructure's Decode from a map): a field the
//     request (or the map) leaves out keeps its zero;
//   - a protobuf getter or field: "" (or nil) when the message lacks it;
//   - a field of a value returned through an interface method, when its
//     type (a pointer, a sql.Null*) allows it to be missing: with no
//     implementation in view, the type is the contract;
//   - a map lookup's zero value, when the map has no entry;
//   - for a fixed-size ID key (uuid.UUID and its kin), whose bad value is
//     its zero (the nil UUID: one key for every write without one), a
//     library parse whose error is dropped, uuid.Nil, FromStringOrNil of
//     an empty string (ids.go), and any of the sources above that leave
//     the ID zero;
//   - the result of a function whose own code can return one of the
//     above: Checker.Summarize says so per result, computed on demand for
//     callees with SSA bodies and taken from Options.MayReturnBad (facts)
//     for the rest. A return beside a non-nil error or a false ok, or
//     reached only when a check of a parameter fails, is the caller's to
//     avoid and does not count.
//
// Values the function knows nothing about (parameters, fields, results of
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
// A decoded field is also guarded by a `required` rule whose error is
// handled on every path to the use: validate:"required" with a
// go-playground validator (or echo's Validate; the table of known
// validators is analyzer/vocab's, which the contract rule reads too, so
// the two rules agree on a validator call), binding:"required" with
// gin's own binding, schema:",required" with gorilla/schema, or a call
// named Validate… (in.Validate(), protoc-gen-validate's req.Validate()),
// whose rules are out of view and so trusted for every field. The
// elements of a decoded slice are guarded only by a validator that dives
// into it and an element field tagged required (elemsource.go). Local memory
// (composite literals, address-taken variables) is followed through the
// stores that reach the load.
//
// Scope, on purpose: arguments are not followed into callees (a helper's
// summary judges its own code; what a caller passes it stays unknown),
// except that a closure's captured variable is judged in its parent, as
// it is where the closure is made, when no assignment there can follow
// that point (the closure is made once; calls before it cannot write the
// variable, whose address is not captured yet). A local whose address
// is passed to a call is taken as rewritten by that call (a decoder
// rewrites it from the request; a validator only reads it), and one whose
// address is stored elsewhere as rewritten by any call that may run
// after the store; cells behind parameters are assumed to change
// only by the function's own stores. A value received from a channel is
// judged by what the package sends on channels of its element type
// (chanvalue.go); slice elements are unknown.
//
// Files: the API is in keyflow.go and summary.go; everything known about
// particular libraries is in the tables of library.go (validators: in
// analyzer/vocab's rules.go), applied by libcalls.go (results), decode.go
// (decoders, validators, protobuf), elemsource.go (decoded slices),
// contract.go (interface results) and ids.go (fixed-size IDs). eval.go
// judges SSA values, memory.go memory cells, checks.go the guards on the
// way.
package keyflow
