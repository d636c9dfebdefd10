// Package load finds schema files on disk and turns them into models, one
// per schema: every Prisma file given together forms one multi-file Prisma
// schema, and SQL files form one schema per folder, read in migration order.
//
// It is shared by the analyzer (for //go:embed'ed and -schema files) and by
// `idemlint schema`, so both see the same model for the same files.
package load
