package vocab

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

func TestRequiredRule(t *testing.T) {
	for rules, want := range map[string]bool{
		"required":           true,
		"required,uuid4":     true,
		"name,required":      true, // gorilla/schema's tag
		"omitempty":          false,
		"dive,required":      false, // the elements', not the value's
		"required,dive":      true,
		"required_with=Body": false,
		"":                   false,
	} {
		if got := RequiredRule(rules); got != want {
			t.Errorf("RequiredRule(%q) = %v, want %v", rules, got, want)
		}
	}
}

func TestDiveRule(t *testing.T) {
	for _, c := range []struct {
		rules, elem string
		ok          bool
	}{
		{"dive", "", true},
		{"required,dive,required", "required", true},
		{"min=1,dive,uuid4,required", "uuid4,required", true},
		{"required", "", false},
		{"diverse", "", false},
	} {
		elem, ok := DiveRule(c.rules)
		if elem != c.elem || ok != c.ok {
			t.Errorf("DiveRule(%q) = %q, %v, want %q, %v", c.rules, elem, ok, c.elem, c.ok)
		}
	}
}

func TestFieldTag(t *testing.T) {
	const src = `package p

type Base struct {
	Key string ` + "`validate:\"required\"`" + `
}

type Inner struct {
	Ref *string ` + "`validate:\"omitempty\"`" + `
}

type In struct {
	*Base
	Session string
	Inner   *Inner ` + "`validate:\"required\"`" + `
	items   []Inner ` + "`validate:\"dive\"`" + `
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
	in := pkg.Scope().Lookup("In").Type()
	for _, c := range []struct {
		path string
		tag  string
		ok   bool
	}{
		{"Key", `validate:"required"`, true}, // promoted from *Base
		{"Base.Key", `validate:"required"`, true},
		{"Session", "", true},
		{"Inner", `validate:"required"`, true},
		{"Inner.Ref", `validate:"omitempty"`, true},
		{"items", "", false}, // unexported: no validator reads it
		{"Missing", "", false},
		{"Session.Len", "", false},
	} {
		for _, t0 := range []types.Type{in, types.NewPointer(in)} {
			tag, ok := FieldTag(t0, strings.Split(c.path, "."))
			if string(tag) != c.tag || ok != c.ok {
				t.Errorf("FieldTag(%s, %s) = %q, %v, want %q, %v", t0, c.path, tag, ok, c.tag, c.ok)
			}
		}
	}
}
