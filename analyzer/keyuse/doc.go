// Package keyuse finds what a module's code does with its columns that
// says they are keys: the ON CONFLICT targets of its INSERTs, in Go SQL
// strings, sqlc query files, bun, GORM and ent calls.
//
// A nullable column in a unique rule is no bug by itself: most are
// optional by design. But code that writes INSERT … ON CONFLICT
// (parent_id, child_key) DO NOTHING says that a row is the same row when
// those columns agree: they are an idempotency key, whatever their names,
// and a NULL in one of them lets the "same" row in twice. The package that
// owns a schema has no view of the packages that import it, so Scan reads
// the module's files itself (as text and syntax, parsing only the files
// that mention a conflict) and hands the targets to schema.KeyMatcher.
package keyuse
