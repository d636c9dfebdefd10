// Package sqlddl reads SQL DDL (schema dumps, schema.sql files and
// migrations) into a [schema.Model] with byte spans.
//
// It is not an SQL parser. A hand-written, dialect-aware [Lexer] splits the
// source into tokens (offsets into the source, no allocation per token) and
// statements; recognisers read only the statements that shape keys:
// CREATE TABLE, ALTER TABLE, CREATE UNIQUE INDEX, DROP INDEX/TABLE, ALTER
// INDEX ... RENAME, ALTER TABLE ... ATTACH PARTITION and MySQL's RENAME
// TABLE, including those in the body of a PostgreSQL DO block (see
// doBlock in do.go for the approximation: every branch is taken).
// Everything else (function bodies, COPY data, INSERTs, grants, psql
// meta-commands) is skipped to its terminator. Unnamed keys get the names
// PostgreSQL generates (63-byte limit, 1, 2… suffixes on collision). Real
// grammar parsers were measured 10–100× slower, reject pg_dump's COPY data
// and Go-template placeholders, and give no end offsets (the project's
// design notes, "Parsing choices"), hence this shape.
//
// A statement the recognisers start reading but cannot make sense of yields
// a [schema.ParseError] in Model.Errors; the statements around it are read
// normally.
//
// [Parse] reads one declarative file; [Apply] replays one more file into a
// model; a [Replayer] replays a migration history in order, keeping its
// lookup tables from one file to the next. Each file gets a
// [Syntax] whose RequireColumn edits a declarative column definition in
// place and refuses, with the ALTER to write instead, for migrations.
//
// The files follow the jobs: parse.go is the API above; state.go the
// catalogue of tables, keys and index names kept between files, and
// columns.go the column lookup (indexed for wide tables); reader.go reads
// statements and dispatches them; cursor.go is the token cursor (keywords,
// names, the one bracket matcher, comma splitting); table.go reads CREATE
// TABLE and column definitions, constraint.go table and column keys,
// index.go CREATE/DROP/ALTER INDEX, alter.go ALTER, DROP and RENAME TABLE,
// do.go DO blocks, names.go PostgreSQL's generated names, lexer.go and
// keywords.go the tokens, arena.go the allocation of model objects, and
// syntax.go and require.go the fixes.
package sqlddl
