package sqlcdb

import _ "embed"

// Schema is the schema sqlc generated this package from (sqlc.yaml:
// sql_package pgx/v5, emit_pointers_for_null_types: true, so the
// nullable dedup_key is a *string).
//
//go:embed schema.sql
var Schema string
