package vocab

import (
	"go/types"
	"reflect"
	"strings"

	"github.com/idemlint/idemlint/internal/pkgpath"
)

// A Validator is a library call that checks the rules of a value and
// returns an error when one fails: a guard where that error is handled.
// The flow rule (keyflow) and the contract rule (gorules) both read this
// table, so a validator call means the same to both.
type Validator struct {
	// Target is the index of the checked value among the call's
	// arguments as written (the receiver not counted).
	Target int
	// Tag is the struct tag holding the rules of each field of the value
	// ("validate"); "" for Var, whose rules are an argument.
	Tag string
	// Rules is, for Var, the index of the rules argument; else -1.
	Rules int
}

// DefaultValidateTag is the struct tag go-playground's validator reads
// unless told otherwise (SetTagName), and what it reads for the fields of
// the elements a Var call dives into.
const DefaultValidateTag = "validate"

const (
	playValidator = "github.com/go-playground/validator/v10"
	echoV4        = "github.com/labstack/echo/v4"
)

type validatorID struct{ pkg, recv, name string }

// validators are the known validators, by import path (unvendored),
// receiver type name and method. echo's Context.Validate hands the value
// to the Validator the application installs, which is go-playground's
// with its default tag in practice.
var validators = map[validatorID]Validator{
	{playValidator, "Validate", "Struct"}:    {0, DefaultValidateTag, -1},
	{playValidator, "Validate", "StructCtx"}: {1, DefaultValidateTag, -1},
	{playValidator, "Validate", "Var"}:       {0, "", 1},
	{playValidator, "Validate", "VarCtx"}:    {1, "", 2},
	{echoV4, "Context", "Validate"}:          {0, DefaultValidateTag, -1},
}

// KnownValidator returns what f is as a known validator.
func KnownValidator(f *types.Func) (Validator, bool) {
	if f == nil || f.Pkg() == nil {
		return Validator{}, false
	}
	id := validatorID{pkg: pkgpath.Unvendor(f.Pkg().Path()), name: f.Name()}
	id.recv = RecvName(f)
	v, ok := validators[id]
	return v, ok
}

// RequiredRule reports whether a rule list such as "required,uuid4" (or
// gorilla/schema's "name,required") makes the value itself required: a
// `required` before any `dive`, whose rules apply to the elements.
func RequiredRule(rules string) bool {
	for _, r := range strings.Split(rules, ",") {
		if r == "dive" {
			return false
		}
		if r == "required" {
			return true
		}
	}
	return false
}

// DiveRule returns the rules a rule list applies to each element of a
// slice or map (those after its first `dive`), and whether it dives at
// all. go-playground validates an element that is a struct (or a non-nil
// pointer to one) by its own fields' tags whatever rules follow the dive,
// `required` included (which it skips for a struct).
func DiveRule(rules string) (elem string, ok bool) {
	parts := strings.Split(rules, ",")
	for i, r := range parts {
		if r == "dive" {
			return strings.Join(parts[i+1:], ","), true
		}
	}
	return "", false
}

// FieldTag returns the struct tag of the field that fields selects from t
// (a struct, or a pointer to one, at each step), fields promoted from
// embedded structs included; false when a step is no exported field
// (validators read fields by reflection, and skip unexported ones).
func FieldTag(t types.Type, fields []string) (reflect.StructTag, bool) {
	var tag reflect.StructTag
	for _, name := range fields {
		obj, index, _ := types.LookupFieldOrMethod(t, true, nil, name)
		fv, ok := obj.(*types.Var)
		if !ok || !fv.IsField() {
			return "", false
		}
		for _, i := range index {
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			st, ok := t.Underlying().(*types.Struct)
			if !ok || i >= st.NumFields() {
				return "", false
			}
			tag, t = reflect.StructTag(st.Tag(i)), st.Field(i).Type()
		}
	}
	return tag, len(fields) > 0
}
