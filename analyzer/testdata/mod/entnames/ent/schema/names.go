package schema

// fieldIdem is declared in a file that does not mention ent: the files
// beside a schema are read for the names they declare.
const fieldIdem = "idempotency"
