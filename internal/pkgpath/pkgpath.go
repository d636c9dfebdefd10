// Package pkgpath normalises import paths so that APIs are recognised by
// their real package path, whether or not the module vendors it.
package pkgpath

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// Unvendor strips a vendor prefix: "x/vendor/github.com/google/uuid" and
// "vendor/github.com/google/uuid" both become "github.com/google/uuid".
func Unvendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return strings.TrimPrefix(path, "vendor/")
}

// Module returns the module path the go.mod at root declares, or "" when
// there is none or it names no module.
func Module(root string) string {
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	return modfile.ModulePath(b)
}
