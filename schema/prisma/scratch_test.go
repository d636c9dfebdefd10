package prisma

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/idemlint/idemlint/schema"
)

// A scratch kept for the next parse holds nothing of the last one: no
// pointer into its model or its sources, in any list up to its capacity.
// And a parse with a used scratch reads what a fresh one reads.
func TestScratchReset(t *testing.T) {
	srcs := []string{
		"datasource db {\n  provider = \"postgresql\"\n}\nmodel A {\n  id String @id @map(\"a_id\") @db.Uuid\n  k  String? @unique(map: \"k_key\", where: raw(\"k IS NOT NULL\"))\n  b  B[]\n  s  Status @default(on)\n  @@unique([id, k], name: \"x\")\n}\n",
		"model B {\n  id Int @id @default(autoincrement())\n  a A @relation(fields: [aId], references: [id])\n  aId String\n  aId String\n}\nenum Status {\n  on\n  off\n}\nmodel C {\n  x Missing\n  y Int @bad(\n",
	}
	files := func() []*schema.File {
		var fs []*schema.File
		for i, s := range srcs {
			fs = append(fs, schema.NewFile(string(rune('a'+i))+".prisma", []byte(s)))
		}
		return fs
	}
	var s scratch
	first := s.parse(files())
	if len(first.Tables) != 3 || len(first.Errors) == 0 {
		t.Fatalf("%d tables, %d errors: not the schema meant", len(first.Tables), len(first.Errors))
	}
	if p := heldPointer(reflect.ValueOf(&s).Elem(), "scratch"); p != "" {
		t.Errorf("reset scratch holds %s", p)
	}
	again := s.parse(files())
	var fresh scratch
	want := fresh.parse(files())
	if d := dumpValue(reflect.ValueOf(again)); !reflect.DeepEqual(d, dumpValue(reflect.ValueOf(want))) {
		t.Errorf("a used scratch reads otherwise than a fresh one:\n%v\n%v", d, dumpValue(reflect.ValueOf(want)))
	}
}

// heldPointer names a pointer v holds other than a list's own array (a
// string's bytes, a pointer, a map, a function), or returns "".
func heldPointer(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.String:
		if unsafe.StringData(v.String()) != nil {
			return path + " = " + v.String()
		}
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Interface, reflect.Chan, reflect.UnsafePointer:
		if !v.IsNil() {
			return path
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if p := heldPointer(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			if p := heldPointer(v.Index(i), path); p != "" {
				return p
			}
		}
	case reflect.Slice:
		all := v.Slice3(0, v.Cap(), v.Cap())
		for i := range all.Len() {
			if p := heldPointer(all.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	}
	return ""
}
