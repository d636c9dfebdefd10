// Package checks is idemlint's check catalogue: every diagnostic code
// (IDEM001 … IDEM202) declared once, with its title, category, default and
// documentation URL, and the selection of codes a run reports
// (-checks, staticcheck-style).
//
// Everything that names a check reads it from here: the schema checks and
// the analyzer when they make findings, the CLI's -help and `help CODE`,
// the SARIF rules, and the test that keeps docs/checks.md and the README's
// table complete. The rules themselves live with what they read: schema
// rules in package schema, Go-side rules in package analyzer.
package checks
