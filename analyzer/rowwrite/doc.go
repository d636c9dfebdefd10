// Package rowwrite is idemlint's one model of a row write, and the
// registry of the Go data-access libraries that produce one.
//
// A Site is a call that writes rows: the table, the columns, and per
// column a Source that says where the value comes from (a Go expression,
// a field a Go row leaves out, a field of an argument a converter copies)
// and what the library writes for a zero value (Source.ZeroAs: bun turns
// nil pointers and nullzero zero values into DEFAULT, GORM zero fields
// tagged default:). The rules (analyzer/gorules) read only Sites.
//
// Each library describes its calls in one file (registry.go lists them):
//
//   - sql.go: a call that runs an INSERT string, recognised by the shape
//     of its arguments, not the callee's type, so database/sql, pgx
//     (Exec, Query, Batch.Queue), sqlx, sqlc's generated DBTX code and any
//     wrapper of the same shape are covered alike: one argument is a
//     constant string (a literal, a named constant or a constant
//     concatenation) holding an INSERT, and the arguments after it are the
//     bind values. prepared.go follows prepared statements (db.Prepare
//     then stmt.Exec, a struct field set once, tx.Stmt, sqlx's
//     PrepareNamed);
//   - sqlx.go and pgx.go: named parameters bound from a struct, a map or a
//     slice of them (sqlx's :name, pgx.NamedArgs' @name), and pgx's
//     CopyFrom (v4 and v5; Conn, Tx, pgxpool.Pool, and interfaces over
//     them such as sqlc's generated DBTX);
//   - gorm.go, ent.go (with entvar.go, and entbulk.go for CreateBulk),
//     bun.go: the ORMs, for which the
//     INSERT the library runs is synthesized (table, columns, one row of
//     column-named parameters per Go row);
//   - squirrel.go, goqu.go: the query builders, whose INSERT is a chain of
//     builder calls (chain.go reads a chain back from the call that runs
//     it, through a builder variable too).
//
// literal.go and converter.go read the Go rows those libraries take: a
// composite literal, a variable whose literal is visible (a field it sets
// or that is assigned later is followed as the value at the call: a
// FieldOf source), a slice literal or a slice the function appends rows
// to (one row per element), a literal embedding a value built elsewhere
// (entryRow{Entry: e}: e's fields), the literal a converter returns, or
// the literals a converter appends in a loop to the slice it returns.
package rowwrite
