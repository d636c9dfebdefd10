// Package prisma reads Prisma schema files (schema.prisma, or the many
// files of a prisma/schema/ folder) into a [schema.Model].
//
// The reader is a hand-written lexer and recursive-descent parser for the
// whole Prisma schema language: datasource, generator, model, view, enum
// and composite type blocks; field and block attributes with positional and
// named arguments, arrays, objects and nested calls; comments and doc
// comments. Only models become tables (views and composite types are parsed
// and checked for syntax, but their unique attributes dedupe no writes).
//
// Relation fields are not columns. Field and model names are resolved to
// the physical names given by @map and @@map, so that unique constraints
// name the columns the database holds.
//
// A broken block is reported as a [schema.ParseError] and reading resumes at
// the next line that starts a block, so one typo does not hide the rest of
// the schema. The reader never panics, whatever its input.
//
// [Syntax] spells fixes in Prisma: making a column required and, where the
// database needs one, adding @default(dbgenerated("…")).
package prisma
