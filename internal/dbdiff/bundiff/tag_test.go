package bundiff

import (
	"fmt"
	"io"
	"log"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// FuzzTag: for any bun:"…" tag on a field, idemlint reads the column bun's
// own table code builds (its name, NOT NULL, default and unique groups),
// or none when bun creates none. bun is the oracle of its tag syntax; tags
// bun panics on or that name no column are left out, since no table can
// be created from them.
func FuzzTag(f *testing.F) {
	bun.SetLogger(log.New(io.Discard, "", 0)) // bun warns of every unknown option
	for _, s := range []string{
		"", ",pk", "key,notnull,unique", ",unique:g", `,unique:"a,b"`, ",unique:a,unique:b",
		"column:k,nullzero", "k,default:gen_random_uuid(),notnull", ",type:numeric(10,2),unique:x",
		",autoincrement", ",identity", "-", ",scanonly,unique", `"q,uoted",notnull`, "a:b:c,unique",
		",default:'a,b',unique", `,unique:"x`, "k,,unique", ",unique:,notnull",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		if !utf8.ValidString(tag) || strings.ContainsAny(tag, "\x00\n") {
			return
		}
		want, ok := bunColumn(tag)
		if !ok {
			return
		}
		src := fmt.Sprintf("package p\n\nimport \"github.com/uptrace/bun\"\n\ntype T struct {\n\tbun.BaseModel `bun:\"table:t\"`\n\tKey string %s\n}\n\nfunc create(db *bun.DB) { db.NewCreateTable().Model((*T)(nil)) }\n",
			strconv.Quote("bun:"+strconv.Quote(tag)))
		models := gomodel.Read([]*schema.File{schema.NewFile("t.go", []byte(src))}, gomodel.Options{Dialect: schema.PostgreSQL})
		got := "no column"
		if len(models) == 1 && len(models[0].Tables) == 1 && len(models[0].Errors) == 0 {
			got = describe(models[0].Tables[0])
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("bun:%q: bun (-) and idemlint (+) disagree:\n%s", tag, d)
		}
	})
}

// bunColumn is bun's reading of the tag, spelled as describe spells
// idemlint's; false when bun panics.
func bunColumn(tag string) (desc string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	typ := reflect.StructOf([]reflect.StructField{{Name: "Key", Type: reflect.TypeFor[string](), Tag: reflect.StructTag("bun:" + strconv.Quote(tag))}})
	table := pgdialect.New().Tables().Get(typ)
	if len(table.Fields) != 1 {
		return "no column", true
	}
	fld := table.Fields[0]
	if fld.Name == "" {
		return "", false // column: with no name: no table can be created
	}
	var uniques []string
	for name, fields := range table.Unique {
		if name != "" && len(fields) > 1 {
			return "", false // UNIQUE (key, key): no table can be created
		}
		for range fields {
			uniques = append(uniques, name)
		}
	}
	notNull := fld.NotNull || fld.Identity // pgdialect creates identity columns NOT NULL
	return spell(fld.Name, notNull, fld.SQLDefault != "" || fld.AutoIncrement || fld.Identity, fld.IsPK, uniques), true
}

func describe(t *schema.Table) string {
	if len(t.Columns) != 1 {
		return "no column"
	}
	c := t.Columns[0]
	var uniques []string
	pk := false
	for _, u := range t.Uniques {
		if u.Kind == schema.PrimaryKey {
			pk = true
			continue
		}
		uniques = append(uniques, u.Name)
	}
	return spell(c.Name, !c.Nullable, c.Default != nil, pk, uniques)
}

func spell(name string, notNull, hasDefault, pk bool, uniques []string) string {
	sort.Strings(uniques)
	return fmt.Sprintf("column %q notnull=%v default=%v pk=%v unique=%q", name, notNull, hasDefault, pk, uniques)
}
