// Package output is idemlint's one output layer. Every driver mode (Go
// packages, `idemlint schema`) turns what it found into a [Result] of
// neutral [Diagnostic]s, and [Write] prints it in the chosen [Format]
// (text, go vet's JSON, SARIF 2.1.0, GitHub workflow commands), or applies
// or shows the first fix of each diagnostic (-fix, -diff), and returns
// the exit code by one rule: 1 when anything could not be read or fixed,
// else 3 when diagnostics are left, else 0.
package output
