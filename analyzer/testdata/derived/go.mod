module derived

go 1.26

require github.com/uptrace/bun v1.2.0

// A stub at bun's import path: what idemlint reads of bun is the call
// chain (NewInsert().Model(&row).On(…).Exec), not bun's behaviour.
replace github.com/uptrace/bun => ./_stubs/bun
