package keyfacts

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// An EmptyValuer marks the Value method (database/sql/driver.Valuer) of a
// string type that returns nil for the empty string:
//
//	func (k Key) Value() (driver.Value, error) {
//		if k == "" {
//			return nil, nil
//		}
//		return string(k), nil
//	}
//
// Every driver and builder that writes a Key through its Valuer (database/sql,
// pgx, sqlx, GORM, bun, squirrel, goqu) writes "" as NULL, so a Key that
// can be empty is a NULL key, not an empty one. Importing packages read
// the method through this fact.
type EmptyValuer struct{}

func (*EmptyValuer) AFact() {}

func (*EmptyValuer) String() string { return "writes \"\" as NULL" }

// ImportEmptyValuer reports whether m, a method of another package, has
// the fact.
func ImportEmptyValuer(pass *analysis.Pass, m *types.Func) bool {
	var f EmptyValuer
	return m != nil && m.Pkg() != pass.Pkg && pass.ImportObjectFact(m, &f)
}
