// Package insertsite finds the Go calls that send an INSERT statement to a
// database, and the arguments that feed its columns.
//
// It recognises a call by the shape of its arguments, not by the callee's
// type, so database/sql, pgx, sqlx, sqlc's DBTX and any wrapper with the
// same shape are covered alike: one argument is a constant string (a
// literal, a named constant or a constant concatenation) holding an
// INSERT, and the arguments after it are the bind values. A statement
// prepared with such a call and executed later is followed: through a
// local variable (db.Prepare then stmt.Exec), through a struct field the
// package sets to it once (a constructor's s.insert, err = db.Prepare(q),
// then s.insert.ExecContext in a method), and through tx.Stmt and sqlx's
// tx.NamedStmt. sqlx's PrepareNamed statements bind their :name
// parameters from Exec's argument.
//
// The APIs that write rows from Go values are recognised by package path
// and method name (stubs at the same import paths count alike): sqlx's
// named parameters, pgx's NamedArgs and CopyFrom, GORM's Create, ent's
// create builders and bun's NewInsert().Model(…).Exec. For these it
// synthesizes the INSERT the library runs (table, columns, one row of
// column-named parameters per Go row) and says, per column, where the
// value comes from and what the library writes for a zero value
// (Source.ZeroAs: bun turns nil pointers and nullzero zero values into
// DEFAULT).
package insertsite
