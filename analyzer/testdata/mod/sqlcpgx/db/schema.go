package db

import _ "embed"

// Schema is the schema sqlc generated this package from.
//
//go:embed schema.sql
var Schema string
