// Package migrate finds migration histories, orders them the way their tool
// would, and replays them into a [schema.Model].
//
// Most services keep their schema as an ordered list of migrations rather
// than one declarative file, so the state idemlint must check is the one the
// database reaches after the last migration ran. [Discover] recognises a
// folder's convention (goose, golang-migrate, dbmate, Flyway, Atlas, Prisma
// Migrate, directory-per-migration, plainly numbered files…), orders its
// steps numerically as the tool does, and keeps only what the tool applies
// on the way up. [History.Replay] feeds each step, in order, to one sqlddl.Replayer.
//
// Which files belong to a history is decided from names alone ([Scan]: a
// version number, a tool's prefix or suffix, a step folder's file), and
// contents are read only when the history is loaded, so a caller asking
// whether a file is a migration never pays for, or trips over, its
// neighbours. Only regular files are read: a named pipe, a dangling link
// or an unreadable step becomes an error at its path in the replayed
// model, and the other steps are still replayed.
//
// Down sections inside a file are blanked (replaced with spaces, newlines
// kept) rather than cut, so every span in the replayed model is an exact
// offset and line of the original file.
//
// A fix cannot edit a migration that already ran; [NextMigration] spells the
// new migration a fix should add, in the history's own convention.
//
// [FindSchemas] looks through a repository for every schema idemlint could
// check: sqlc and Atlas configurations, Prisma schemas with their migration
// folders, folders conventionally named for migrations or schema dumps, and
// SQL files a Go file of the module embeds.
package migrate
