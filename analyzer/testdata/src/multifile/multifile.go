package multifile

import "embed"

//go:embed prisma
var schemaDir embed.FS
