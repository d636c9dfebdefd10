package pkgpath

import "testing"

func TestUnvendor(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/google/uuid":                        "github.com/google/uuid",
		"vendor/github.com/google/uuid":                 "github.com/google/uuid",
		"example.com/app/vendor/github.com/google/uuid": "github.com/google/uuid",
		"example.com/vendored/thing":                    "example.com/vendored/thing",
		"a/vendor/b/vendor/gorm.io/gorm":                "gorm.io/gorm",
	} {
		if got := Unvendor(in); got != want {
			t.Errorf("Unvendor(%q) = %q, want %q", in, got, want)
		}
	}
}
