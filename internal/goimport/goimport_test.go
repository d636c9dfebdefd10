package goimport

import (
	"go/format"
	"go/parser"
	"go/token"
	"sort"
	"testing"
)

// TestEdits checks where a fix's new imports go: into the group of
// their kind (standard library or not) that shares the longest path
// prefix with them, in order, or into a group of their own, the standard
// library's first, as goimports lays them out; the result is gofmt-clean.
func TestEdits(t *testing.T) {
	for _, tc := range []struct {
		name, imports string
		add           []string
		want          string
	}{
		{"std only, uuid starts a group", `import (
	"context"
	"net/http"
)`, []string{"github.com/google/uuid"}, `import (
	"context"
	"net/http"

	"github.com/google/uuid"
)`},
		{"uuid into the third-party group, not before net/http", `import (
	"context"
	"net/http"

	"github.com/uptrace/bun"
)`, []string{"github.com/google/uuid"}, `import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)`},
		{"std into the std group, not the third-party one", `import (
	"context"

	"github.com/uptrace/bun"

	"example.com/libs/models"
)`, []string{"crypto/sha256", "encoding/hex", "fmt"}, `import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/uptrace/bun"

	"example.com/libs/models"
)`},
		{"no std group: std starts one, first", `import (
	"github.com/uptrace/bun" // the ORM
)`, []string{"crypto/sha256", "fmt"}, `import (
	"crypto/sha256"
	"fmt"

	"github.com/uptrace/bun" // the ORM
)`},
		{"longest shared prefix picks the group", `import (
	"context"

	"example.com/libs/models"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)`, []string{"github.com/google/uuid"}, `import (
	"context"

	"example.com/libs/models"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)`},
		{"after a line comment, not inside it", `import (
	"context" // for ctx
)`, []string{"fmt"}, `import (
	"context" // for ctx
	"fmt"
)`},
		{"one import, not parenthesised: it is", `import "context"`, []string{"crypto/rand", "bytes"}, `import (
	"bytes"
	"context"
	"crypto/rand"
)`},
		{"one import, not parenthesised, and a third-party one", `import "context"`, []string{"github.com/google/uuid"}, `import (
	"context"

	"github.com/google/uuid"
)`},
		{"one third-party import, not parenthesised, and a std one", `import "github.com/google/uuid"`, []string{"context"}, `import (
	"context"

	"github.com/google/uuid"
)`},
		{"one third-party import, not parenthesised, and one of each", `import "github.com/z/z"`, []string{"github.com/a/a", "context"}, `import (
	"context"

	"github.com/a/a"
	"github.com/z/z"
)`},
		{"one named import, not parenthesised", `import _ "embed"`, []string{"fmt"}, `import (
	_ "embed"
	"fmt"
)`},
		{"no import block", ``, []string{"crypto/sha256", "github.com/google/uuid"}, `import (
	"crypto/sha256"

	"github.com/google/uuid"
)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package p\n\n" + tc.imports + "\n\nvar _ = 0\n"
			if tc.imports == "" {
				src = "package p\n\nvar _ = 0\n"
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			var add []Import
			for _, p := range tc.add {
				add = append(add, Import{Path: p})
			}
			edits := Edits(fset, f, add)
			sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
			tf := fset.File(f.Pos())
			out, last := "", 0
			for _, e := range edits {
				off := tf.Offset(e.Pos)
				out += src[last:off] + e.Text
				last = tf.Offset(e.End)
			}
			out += src[last:]
			want := "package p\n\n" + tc.want + "\n\nvar _ = 0\n"
			if out != want {
				t.Errorf("got\n%s\nwant\n%s", out, want)
			}
			if formatted, err := format.Source([]byte(out)); err != nil || string(formatted) != out {
				t.Errorf("not gofmt-clean (%v):\n%s", err, formatted)
			}
		})
	}
}
