package gorules

import (
	"go/types"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
)

// Hooks declared with the model in another package. A row's insert
// hooks (bun's BeforeAppendModel and BeforeInsert, GORM's BeforeCreate
// and BeforeSave) are methods of the model type, so they live in the
// model's package, which is often not the one that inserts it (lndhub's
// models.Invoice, inserted by package service). The model's package reads
// them and puts what they fill on the type (keyfacts.ModelHooks); the
// inserting package reads that fact where the hook's body is out of view.

// hookNames are the insert hooks of bun and of GORM.
var hookNames = map[bool][]string{true: {"BeforeAppendModel", "BeforeInsert"}, false: {"BeforeCreate", "BeforeSave"}}

// exportHooks exports a ModelHooks fact on each exported named type of the
// package that declares an insert hook of bun or GORM.
func (c *checker) exportHooks() {
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
			continue
		}
		if _, isStruct := named.Underlying().(*types.Struct); !isStruct {
			continue
		}
		var f keyfacts.ModelHooks
		ms := types.NewMethodSet(types.NewPointer(named))
		for _, bun := range []bool{true, false} {
			for _, hook := range hookNames[bun] {
				if sel := ms.Lookup(c.pass.Pkg, hook); sel != nil && sel.Obj().Pkg() == c.pass.Pkg {
					fills, why, ok := rowwrite.HookFills(c.pass.Files, c.pass.TypesInfo, named, bun)
					r := &keyfacts.HookRead{Fills: fills, Why: why, OK: ok}
					if bun {
						f.Bun = r
					} else {
						f.GORM = r
					}
					break
				}
			}
		}
		if f.Bun != nil || f.GORM != nil {
			c.pass.ExportObjectFact(tn, &f)
		}
	}
}

// importedHooks is rowwrite.ImportedHooks' reader: the ModelHooks fact of
// named, a type of another package, for bun's hooks or GORM's.
func (c *checker) importedHooks(named *types.Named, bun bool) (fills map[string]rowwrite.HookFill, why string, ok, found bool) {
	var f keyfacts.ModelHooks
	if named.Obj().Pkg() == c.pass.Pkg || !c.pass.ImportObjectFact(named.Obj(), &f) {
		return nil, "", false, false
	}
	r := f.GORM
	if bun {
		r = f.Bun
	}
	if r == nil {
		return nil, "", false, false
	}
	return r.Fills, r.Why, r.OK, true
}
