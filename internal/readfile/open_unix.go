//go:build unix

package readfile

import (
	"os"
	"syscall"
)

// openNonblock opens path for reading without waiting for a writer, should
// it have become a named pipe since it was checked.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
