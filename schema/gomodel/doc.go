// Package gomodel reads database schemas declared in Go into a
// [schema.Model]: GORM models (the tables AutoMigrate creates), ent
// schemas (ent/schema/*.go, and the ent/migrate/schema.go ent generates
// from them) and bun models (the tables NewCreateTable creates).
//
// Many Go services never write DDL: the schema is a struct. This package
// reads those structs with go/parser alone, without type checking, so
// that `idemlint schema` and the analyzer see them as they see a Prisma
// schema or SQL: every table, column and unique rule carries a span in
// the Go file, at the field (or the index.Fields call) that declares it,
// so findings land where the declaration is edited, and the fixes (Syntax)
// edit the Go declaration: a struct tag, an ent builder chain.
//
// What each library makes of a declaration is written down where it is
// read (gorm.go, ent.go, bun.go) and checked against the real library in
// internal/dbdiff (AutoMigrate on PostgreSQL and SQLite, ent's generated
// migrate/schema.go).
package gomodel
