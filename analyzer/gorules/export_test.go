package gorules

import "go/ast"

// SetSSABuilt sets the hook told the bodies of each planned SSA build.
func SetSSABuilt(f func(keep map[*ast.FuncDecl]bool)) { ssaBuilt = f }
