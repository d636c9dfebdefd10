package unmarked

import _ "embed"

// v1Schema is the schema an upgrade test starts from: test data, not what
// the package migrates. Its notes say so.
//
//go:embed v1_schema_test.sql
var v1Schema string
