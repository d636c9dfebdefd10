// Package schema is idemlint's database-schema model and its schema-level
// checks (IDEM101–IDEM104).
//
// Readers in sub-packages (schema/prisma for Prisma, schema/sqlddl for SQL
// DDL in each dialect, schema/migrate for migration histories) turn source
// bytes into a [Model]: tables, columns and unique constraints, every
// element carrying a byte [Span] in the file it came from. schema/load
// finds the files, decides each schema's dialect and runs the checks;
// schema/sqlinsert reads the INSERT statements Go code sends.
//
// The checks (check.go, risk.go, predicate.go) look only at the model,
// never at syntax, so every reader gets the same rules; their codes,
// titles and defaults are in package checks. Where a check offers a fix,
// it asks the file's [Syntax] (set by the reader that parsed the file) to
// spell the edit in that file's language. A [Finding] (finding.go) is what
// a check reports.
//
// The package deliberately does not import golang.org/x/tools/go/analysis:
// the CLI's `idemlint schema` mode uses it on repositories with no Go at all,
// and the analyzer converts its findings into diagnostics.
package schema
