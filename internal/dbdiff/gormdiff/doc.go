// Package gormdiff holds the differential tests of Go-declared models
// against the real libraries: GORM's AutoMigrate on a throwaway PostgreSQL
// and on SQLite must create exactly the nullability and unique rules
// idemlint's reading of the same models (schema/gomodel) says.
//
// It is a package of its own so that GORM and its drivers (SQLite's needs
// cgo) are linked into these tests only, not into package dbdiff's.
package gormdiff
