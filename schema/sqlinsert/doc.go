// Package sqlinsert reads the INSERT statements Go code sends to a database:
// which table they write, which columns, and what feeds each column (a bind
// parameter, NULL, DEFAULT, a literal, or an expression such as a NULLIF
// that turns an empty parameter into NULL).
//
// It reuses schema/sqlddl's dialect-aware tokenizer, so quoting, comments
// and dollar quotes follow the same rules as the schema readers. The
// analyzer maps each column's parameter back to the Go argument that feeds
// it.
package sqlinsert
