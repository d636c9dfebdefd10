// Package unmarked embeds a schema with nullable unique columns that no
// name, comment or ON CONFLICT use makes keys: with the notes flag each is
// noted (idemlint -v), so that a key named unlike one does not pass in
// silence; without it, nothing is reported.
package unmarked

import _ "embed"

//go:embed schema.sql
var Schema string
