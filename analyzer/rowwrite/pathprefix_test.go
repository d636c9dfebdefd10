package rowwrite

import "testing"

func TestHasPathPrefix(t *testing.T) {
	for _, tc := range []struct {
		path, prefix string
		want         bool
	}{
		{"gorm.io/gorm", "gorm.io/gorm", true},
		{"gorm.io/gorm/clause", "gorm.io/gorm", true},
		{"gorm.io/gormx", "gorm.io/gorm", false},
		{"gorm.io/gor", "gorm.io/gorm", false},
		{"gorm.io", "gorm.io/gorm", false},
		{"", "gorm.io/gorm", false},
		{"example.com/gorm.io/gorm", "gorm.io/gorm", false},
	} {
		if got := hasPathPrefix(tc.path, tc.prefix); got != tc.want {
			t.Errorf("hasPathPrefix(%q, %q) = %v, want %v", tc.path, tc.prefix, got, tc.want)
		}
	}
}
