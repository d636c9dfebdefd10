// Package insertsite finds the Go calls that send an INSERT statement to a
// database, and the arguments that feed its columns.
//
// It recognises a call by the shape of its arguments, not by the callee's
// type, so database/sql, pgx, sqlx, sqlc's DBTX and any wrapper with the
// same shape are covered alike: one argument is a constant string (a
// literal, a named constant or a constant concatenation) holding an
// INSERT, and the arguments after it are the bind values. A statement
// prepared with such a call and executed later through the returned value
// (db.Prepare then stmt.Exec) is followed within the function.
package insertsite
