// Package dbdiff compares what idemlint's schema readers understood with
// what a real database engine built from the same DDL: it reads the facts
// idemlint models (tables, column nullability and defaults, primary keys,
// unique constraints and unique indexes with their parts, partial-index
// predicates and NULLS NOT DISTINCT) from a PostgreSQL catalog ([ReadPostgres])
// or an SQLite database ([ReadSQLite]) and from a [schema.Model]
// ([FromModel]) into the same comparable [Schema], and [Diff] reports the
// differences.
//
// # Normalisation
//
// Engines rewrite the text of expressions (PostgreSQL's pg_get_expr prints
// `(uid IS NOT NULL)`, `((status)::text = 'x'::text)`, `= ANY (ARRAY[...])`),
// so text is kept for messages but never compared:
//
//   - A column default is compared as present or absent (HasDefault). An
//     identity column, a generated column and SQLite's INTEGER PRIMARY KEY
//     (a rowid alias) count as having one.
//   - An expression index part is compared as the sorted set of table
//     columns it mentions (Refs).
//   - A partial-index predicate is compared as the sorted set of table
//     columns it mentions and the subset of those for which it can only hold
//     when the column is NOT NULL (see [Predicate]).
//
// The database side takes none of this from idemlint's code: the columns
// an expression or predicate mentions come from PostgreSQL's parse trees
// (pg_index.indexprs, indpred) and from SQLite's authorizer, and whether a
// predicate excludes NULL in a column from a probe index on a copy of the
// table, under which two rows with the column NULL collide exactly when
// the predicate keeps them (probe.go). The model side is what the shipped
// code says: the reader's Refs, schema.PredicateColumns and
// schema.ExcludesNull. The model's exclusions must be a subset of the
// engine's: an exclusion the engine refutes with a witness row is a
// difference, one the model misses is conservative and is not (the
// engine's "no witness" is a search, not a proof).
//
// Other rules:
//
//   - A unique whose name is empty on either side (an unnamed unique in the
//     model, an SQLite constraint, whose name SQLite does not keep) matches
//     the same key under any name; named ones must match by name.
//   - Tables are matched by name; the database schema (namespace) is not
//     compared. Columns keep their order.
//
// SQLite nullability is what SQLite enforces, not only the declared NOT NULL:
// an INTEGER PRIMARY KEY column, and the primary-key columns of WITHOUT ROWID
// and STRICT tables, cannot hold NULL; other primary-key columns of ordinary
// tables can (a documented SQLite quirk).
package dbdiff
