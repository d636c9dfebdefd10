// Package entdiff holds the differential test of ent schemas against the
// real library: ent's code generator (entgo.io/ent/entc) is run on the
// schema packages in testdata, and the generated migrate package's
// Schema.Create, run on a throwaway PostgreSQL, must create exactly the
// nullability and unique rules idemlint's reading of the same schema
// packages (schema/gomodel) says. The migrate/schema.go ent generated is
// read too (gomodel.ReadEntMigrate) and held to the same database.
//
// ent is not a dependency of this module: the generator and the program
// calling Schema.Create are built in a temporary module made from the
// analyzer's library module (analyzer/testdata/mod), whose go.mod and
// go.sum pin entgo.io/ent and the pgx driver, with the go command
// offline once that module's dependencies are downloaded.
package entdiff
