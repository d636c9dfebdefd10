// Package db holds the chat service's database schema.
package db

import _ "embed"

// Schema is the Prisma schema the service migrates with. Embedding it makes
// this package its owner for idemlint, and makes go vet re-check it when it
// changes.
//
//go:embed schema.prisma
var Schema string
