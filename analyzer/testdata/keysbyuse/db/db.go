// Package db owns the schema; its importers' ON CONFLICT clauses say which
// of its unique columns are keys.
package db

import _ "embed"

//go:embed schema.sql
var Schema string
