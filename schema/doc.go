// Package schema is idemlint's database-schema model and its schema-level
// checks (IDEM101–IDEM103).
//
// Readers in sub-packages (schema/prisma, and later the SQL readers) turn
// source bytes into a [Model]: tables, columns and unique constraints, every
// element carrying a byte [Span] in the file it came from. The checks in this
// package look only at the model, never at syntax, so every reader gets the
// same rules. Where a check offers a fix, it asks the file's [Syntax] (set by
// the reader that parsed the file) to spell the edit in that file's language.
//
// The package deliberately does not import golang.org/x/tools/go/analysis:
// the CLI's `idemlint schema` mode uses it on repositories with no Go at all,
// and the analyzer converts its [Finding]s into diagnostics.
package schema
