//go:build !unix

package fixer

import (
	"io/fs"
	"os"
)

// links reports one link: other systems are not inspected.
func links(fs.FileInfo) uint64 { return 1 }

// keepOwner does nothing where files carry no Unix owner.
func keepOwner(*os.File, fs.FileInfo) error { return nil }
