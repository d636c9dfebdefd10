package load

import (
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// A Reader reads one family of schema sources into models. Prisma, SQL
// (declarative files and migration histories) and Go-declared models are
// peers behind it: Files hands each reader the paths it claims, and every
// model a reader returns is checked alike.
//
// A reader proposes edits through the files it returns: each schema.File
// carries the Syntax that spells a fix in that file's language (Prisma
// attributes, SQL ALTERs, the next migration, a Go struct tag).
type Reader interface {
	// Name names the family in messages ("Prisma and SQL").
	Name() string
	// Claims reports, from the name alone, whether path is one of the
	// reader's files.
	Claims(path string) bool
	// Read reads the files at paths, all claimed by this reader, into
	// models with spans in those files. A file that cannot be read or
	// parsed is an error in a model, never a reason to drop the others;
	// the error is for paths the reader cannot take at all.
	Read(paths []string, opts Options) ([]*schema.Model, error)
}

// readers are the schema readers, in the order Files asks them whether
// they claim a path. The first is the fallback that explains a path no
// reader claims.
var readers = []Reader{filesReader{}, goReader{}}

// filesReader reads schema files proper: Prisma schemas and SQL, alone or
// as migration histories (see its Read).
type filesReader struct{}

func (filesReader) Name() string { return "Prisma and SQL" }

func (filesReader) Claims(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".prisma", ".sql":
		return true
	}
	return false
}
