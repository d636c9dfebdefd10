package suppressed

import "embed"

//go:embed *.prisma
var files embed.FS
