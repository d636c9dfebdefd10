package anchored

import _ "embed"

//go:embed schema.prisma
var schema string // want `IDEM101: idempotency key Message.idempotencyKey is nullable.*\(at .*schema.prisma:9:3\)`
