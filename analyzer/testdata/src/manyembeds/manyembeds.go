// Package manyembeds embeds each migration of one history with its own
// //go:embed line, as formance payments does: the history's finding is
// reported once, not once per line.
package manyembeds

import _ "embed"

//go:embed migrations/001_init.up.sql
var initSQL string

//go:embed migrations/002_index.up.sql
var indexSQL string
