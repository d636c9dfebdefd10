// Package bundiff holds the differential test of bun models against the
// real library: bun's NewCreateTable on a throwaway PostgreSQL and on
// SQLite must create exactly the nullability and unique rules idemlint's
// reading of the same models (schema/gomodel) says.
//
// It is a package of its own so that bun and its dialects are linked into
// this test only.
package bundiff
