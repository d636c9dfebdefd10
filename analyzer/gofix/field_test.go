package gofix

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// TestFilledByTags checks which fields of a row, read by their tags alone
// (the table not in view), are left out of a derived key: what the
// database assigns and the timestamps, not the request's values.
func TestFilledByTags(t *testing.T) {
	const src = `package p

import "time"

type Row struct {
	ID        int64  ` + "`bun:\"id,pk,autoincrement\"`" + `
	Ident     int64  ` + "`bun:\",identity\"`" + `
	UUID      string ` + "`bun:\"uuid,default:gen_random_uuid()\"`" + `
	Account   string ` + "`bun:\"account,notnull\"`" + `
	Seq       uint   ` + "`gorm:\"primaryKey\"`" + `
	NoAuto    int    ` + "`gorm:\"primaryKey;autoIncrement:false\"`" + `
	Code      string ` + "`gorm:\"primaryKey\"`" + `
	Serial    int64  ` + "`gorm:\"autoIncrement\"`" + `
	Stamp     int64  ` + "`gorm:\"autoCreateTime\"`" + `
	Made      string ` + "`gorm:\"default:now()\"`" + `
	Fixed     string ` + "`gorm:\"default:pending\"`" + `
	CreatedAt int64
	Amount    int64
	At        time.Time
}

type GormRow struct {
	ID   uint
	Body string
}

type PlainRow struct {
	ID   int64 ` + "`db:\"id\"`" + `
	Body string
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"Row.ID": true, "Row.Ident": true, "Row.UUID": true, "Row.Account": false,
		"Row.Seq": true, "Row.NoAuto": false, "Row.Code": false, "Row.Serial": true,
		"Row.Stamp": true, "Row.Made": true, "Row.Fixed": false, "Row.CreatedAt": true,
		"Row.Amount": false, "Row.At": false,
		"GormRow.ID": true, "GormRow.Body": false,
		// A db-tagged id (sqlx) says nothing of who assigns it.
		"PlainRow.ID": false,
	}
	for _, name := range []string{"Row", "GormRow", "PlainRow"} {
		st := pkg.Scope().Lookup(name).Type().Underlying().(*types.Struct)
		for i := range st.NumFields() {
			fv := st.Field(i)
			key := name + "." + fv.Name()
			got := Key{}.databaseFilled(fv, st.Tag(i))
			if (got != "") != want[key] {
				t.Errorf("%s: databaseFilled = %q, want left out: %v", key, got, want[key])
			}
		}
	}
}
