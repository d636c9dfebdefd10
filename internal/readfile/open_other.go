//go:build !unix

package readfile

import "os"

// openNonblock opens path for reading; only Unix has non-blocking opens.
func openNonblock(path string) (*os.File, error) {
	return os.Open(path)
}
