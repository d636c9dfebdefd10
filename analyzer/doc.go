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
// The analyzer finds the schema a package embeds with //go:embed (or the
// files named by -schema), runs the schema checks IDEM101–IDEM103 on it and
// reports each finding at the schema line, with suggested fixes that edit
// the schema file. See docs/checks.md for every check.
//
// Schema findings are reported only by the package whose //go:embed covers
// the schema file, so a run prints each finding once, and go vet's cache,
// which hashes embedded files, re-runs the check when the schema changes.
// Schemas named only by -schema are owned by the module's first package in
// directory order; go vet does not see those files as inputs, so its cache
// may replay old results until a Go file changes (use //go:embed, or
// `idemlint schema`, where that matters).
package analyzer
