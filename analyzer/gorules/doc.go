// Package gorules holds idemlint's Go-side rules: IDEM201 (an insert can
// write a NULL key) and IDEM202 (it can write an empty one).
//
// For each insert site package rowwrite finds, the rules look up the
// table in the schema models, and for each idempotency-key column whose
// unique rule a NULL or "" defeats, judge the value the site writes: a
// literal NULL, DEFAULT or ” in the SQL, a field the Go row leaves out,
// or a Go value the flow analysis (package keyflow) shows can be nil,
// invalid or empty. What cannot be judged inside the function is handed
// to its callers: a key parameter becomes a keyfacts.KeyParams fact, and
// its callers' arguments are judged in turn, in this package and in the
// packages that import it. A parameter whose type lets any caller pass nil
// and that nothing checks is reported where it is inserted: the type is
// the contract (contract.go). Fixes come from package gofix.
//
// The stages follow one another as in a pipeline (sites, values, callers,
// facts, report), each in its own file; SSA is built only for the
// functions the stages can ask about (ssaplan.go).
package gorules
