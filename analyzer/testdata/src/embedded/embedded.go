package embedded

import _ "embed"

//go:embed schema.prisma
var schema string
