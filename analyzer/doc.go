// Package analyzer is idemlint's go/analysis pass.
//
// # Analyzer idemlint
//
// idemlint: report idempotency keys the database cannot enforce
//
// A table that dedupes retried writes through a unique constraint on an
// idempotency key only does so when the key is never NULL: PostgreSQL,
// CockroachDB, MySQL, MariaDB and SQLite treat NULLs as distinct in unique
// indexes, so every retry that arrives without a key is inserted again.
//
// The pass has two sides:
//
//   - Schema side (schemaside.go, schemareport.go): it finds the schema a
//     package embeds with //go:embed (or the files named by -schema),
//     checks it with package schema/load (IDEM001, IDEM101–IDEM104) and
//     reports each finding at the schema line, with suggested fixes that
//     edit the schema file.
//   - Go side (package gorules): it finds the package's INSERT calls
//     (analyzer/rowwrite), asks the value analysis (analyzer/keyflow)
//     whether the key argument can be NULL or empty on some path, and
//     reports IDEM201/IDEM202 with fixes that generate or derive the key
//     (analyzer/gofix). Facts (analyzer/keyfacts) carry "writes its
//     parameter into a key", "always returns a key" and "this result can
//     be nil or empty, and why" across packages; analyzer/vocab is the
//     vocabulary they share.
//
// This package is the glue: it holds the analyzer, its flags, what one run
// knows per module (analyzer/modules), suppression comments in Go
// (suppress.go), and hands each package to both sides.
//
// Schema findings are reported only by the package whose //go:embed covers
// the schema file, so a run prints each finding once, and go vet's cache,
// which hashes embedded files, re-runs the check when the schema changes.
// Schemas named only by -schema are owned by the module's first package in
// directory order; go vet does not see those files as inputs, so its cache
// may replay old results until a Go file changes (use //go:embed, or
// `idemlint schema`, where that matters).
//
// Options come from package config, resolved once per module root; every
// code's title, default and docs entry from package checks.
package analyzer
