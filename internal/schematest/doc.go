// Package schematest checks idemlint's findings in schema files the way
// analysistest checks Go files: by `want` comments and `.golden` files.
//
// analysistest reads `// want` only from Go files and compares goldens only
// for Go files, yet idemlint reports schema findings in .prisma and .sql
// files. In a schema file, a comment
//
//	// want "IDEM101: idempotency key .*"      (Prisma)
//	-- want "IDEM101: .*" "IDEM103: .*"        (SQL)
//
// expects one diagnostic per pattern on its line. A file `x.prisma.golden`
// beside `x.prisma` holds the file's content after the first suggested fix
// of every diagnostic is applied; the fixed schema must also parse cleanly
// and no longer produce the findings that were fixed.
package schematest
