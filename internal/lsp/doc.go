// Package lsp is `idemlint lsp`: a language server over stdio for schema
// files (.prisma and .sql, including the files of migration folders).
//
// It publishes idemlint's diagnostics when a document is opened, changed
// (incremental sync: the ranges typed) or saved, and offers each diagnostic's fixes as
// quick-fix code actions; a fix that adds the next migration becomes a
// CreateFile resource operation plus its content, offered only to clients
// that advertise workspace.workspaceEdit.resourceOperations "create".
//
// Checking is the CLI's own pipeline: load.Check on the document and its
// sibling schema files of the same kind (a folder is one schema, as for
// `idemlint schema`), with every open document's text as a load.Overlay,
// and output.Result for the neutral diagnostics and fixes. This package
// only translates: byte offsets to LSP's lines and UTF-16 characters, and
// fixes to WorkspaceEdits.
//
// The few JSON-RPC 2.0 messages are written by hand with encoding/json
// and Content-Length framing (jsonrpc.go), without a protocol library.
package lsp
