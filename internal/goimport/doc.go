// Package goimport places the imports a fix adds to a Go file where
// goimports would: a standard-library package into the group of
// standard-library imports, any other into the group of other imports
// that shares the longest path prefix with it, in order; a kind of import
// the file has no group for starts a group of its own. The Go-side fixes
// (analyzer/gofix) and the fixes of Go-declared schemas (schema/gomodel)
// both add imports, and both use it.
package goimport
