package keyflow

import (
	"fmt"
	"go/ast"
	goimporter "go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// libraries are the third-party packages the cases use, imported from
// the export data of the real modules that the analyzer's library module
// (../testdata/mod) requires, as go list -export builds them there (the
// standard library too, so that both see one net/http).
var libraries = []string{
	"github.com/google/uuid",
	"github.com/gofrs/uuid/v5",
	"github.com/oklog/ulid/v2",
	"github.com/rs/xid",
	"github.com/segmentio/ksuid",
	"github.com/gin-gonic/gin",
	"github.com/labstack/echo/v4",
	"github.com/go-chi/chi/v5",
	"github.com/go-playground/validator/v10",
	"github.com/go-chi/render",
	"github.com/gorilla/schema",
	"github.com/go-playground/form/v4",
	"github.com/samber/lo",
	"github.com/jackc/pgx/v5/pgtype",
}

// sources are the packages the cases use that are type-checked from the
// source here, under their import paths: generated protobuf code (a
// fixture of the generator's output shape, not a library), and fiber,
// whose releases the module proxy this project uses serves only from an
// earlier copy that is not approved, so the library module does not
// require it; bodies are omitted, only the types matter.
var sources = map[string]string{
	"github.com/gofiber/fiber/v2": `package fiber
type Ctx struct{}
func (c *Ctx) Get(key string, defaultValue ...string) string
func (c *Ctx) Query(key string, defaultValue ...string) string
func (c *Ctx) Params(key string, defaultValue ...string) string
func (c *Ctx) FormValue(key string, defaultValue ...string) string
func (c *Ctx) BodyParser(out any) error`,
	"example.com/gen/pb": `package pb
type CreateReq struct {
	state int
	IdempotencyKey string  ` + "`" + `protobuf:"bytes,1,opt,name=idempotency_key,json=idempotencyKey,proto3" json:"idempotency_key,omitempty"` + "`" + `
	RequestId      *string ` + "`" + `protobuf:"bytes,2,opt,name=request_id,json=requestId,proto3,oneof" json:"request_id,omitempty"` + "`" + `
}
func (x *CreateReq) GetIdempotencyKey() string
func (x *CreateReq) GetRequestId() string
func (x *CreateReq) Validate() error
type Plain struct{ Key string }
func (x *Plain) GetKey() string`,
}

// prelude imports everything a case may use; the blank uses keep the
// type checker quiet about the rest.
const prelude = `package p

import (
	"context"; "crypto/sha256" // one line: the cases' line numbers stay
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	"example.com/gen/pb"
	chi "github.com/go-chi/chi/v5"
	"github.com/go-chi/render"
	"github.com/go-playground/form/v4"
	"github.com/go-playground/validator/v10"
	"github.com/gorilla/schema"
	fiber "github.com/gofiber/fiber/v2"
	gofrs "github.com/gofrs/uuid/v5"
	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	echo "github.com/labstack/echo/v4"
	"github.com/oklog/ulid/v2"
	"github.com/rs/xid"
	"github.com/samber/lo"
	"github.com/segmentio/ksuid"
)

var (
	_ = sha256.Sum256; _ context.Context
	_ sql.NullString
	_ = hex.EncodeToString
	_ = json.Unmarshal
	_ = xml.Unmarshal
	_ pb.CreateReq
	_ = form.NewDecoder
	_ = validator.New
	_ = schema.NewDecoder
	_ = render.DecodeJSON
	_ = errors.New
	_ = fmt.Sprintf
	_ = log.Print
	_ http.Header
	_ = os.Getenv
	_ = strconv.Itoa
	_ = strings.TrimSpace
	_ = chi.URLParam
	_ *fiber.Ctx
	_ = gofrs.NewV4
	_ *gin.Context
	_ = uuid.New
	_ pgtype.Text
	_ echo.Context
	_ = ulid.Make
	_ = xid.New
	_ = lo.ToPtr[int]
	_ = ksuid.New
)

func insert(args ...any) {}

type In struct {
	Key  *string
	SKey string
}

type Msg struct {
	Body           string
	IdempotencyKey string
	KeyPtr         *string
}

// Body is a request body as handlers decode it.
type Body struct {
	SessionID      string         ` + "`json:\"sessionId\"`" + `
	IdempotencyKey *string        ` + "`json:\"idempotencyKey,omitempty\"`" + `
	Key            string         ` + "`json:\"key\" form:\"key\" schema:\"key\" xml:\"key,attr\"`" + `
	NKey           sql.NullString ` + "`json:\"nkey\"`" + `
	Internal       *string        ` + "`json:\"-\"`" + `
}

// Checked is a request body whose key its tags require.
type Checked struct {
	IdempotencyKey *string ` + "`json:\"idempotencyKey\" validate:\"required\" binding:\"required\"`" + `
	Key            string  ` + "`json:\"key\" validate:\"required,uuid4\" schema:\"key,required\"`" + `
}

var validate = validator.New()

func cond() bool
func makeKey() string
`

// An importer imports every package the cases use through one export
// data importer (std and the real libraries, from go list -export in the
// library module) and type-checks sources over it.
type importer struct {
	mu   sync.Mutex
	fset *token.FileSet
	gc   types.Importer
	pkgs map[string]*types.Package
}

var (
	sharedImporterOnce sync.Once
	sharedImporter     *importer
	sharedImporterErr  error
)

// stdPackages are the packages of the standard library the prelude and
// the sources import.
var stdPackages = []string{"crypto/sha256", "database/sql", "encoding/hex", "encoding/json", "encoding/xml",
	"errors", "fmt", "io", "log", "net/http", "net/url", "os", "strconv", "strings"}

// libImporter returns the shared importer, built once: a failure to
// build the libraries fails every test that needs them.
func libImporter(t testing.TB) *importer {
	t.Helper()
	sharedImporterOnce.Do(func() {
		args := append([]string{"list", "-export", "-deps", "-f", "{{if .Export}}{{.ImportPath}}={{.Export}}{{end}}"}, stdPackages...)
		cmd := exec.Command("go", append(args, libraries...)...)
		cmd.Dir = filepath.Join("..", "testdata", "mod")
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			sharedImporterErr = fmt.Errorf("go list -export in %s: %v\n%s", cmd.Dir, err, stderr.String())
			return
		}
		exports := map[string]string{}
		for line := range strings.Lines(string(out)) {
			if path, file, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
				exports[path] = file
			}
		}
		fset := token.NewFileSet()
		sharedImporter = &importer{fset: fset, pkgs: map[string]*types.Package{},
			gc: goimporter.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
				file, ok := exports[path]
				if !ok {
					return nil, fmt.Errorf("no export data for %q: add it to libraries or stdPackages", path)
				}
				return os.Open(file)
			})}
	})
	if sharedImporterErr != nil {
		t.Fatal(sharedImporterErr)
	}
	return sharedImporter
}

func (s *importer) Import(path string) (*types.Package, error) {
	if p := s.pkgs[path]; p != nil {
		return p, nil
	}
	src, ok := sources[path]
	if !ok {
		return s.gc.Import(path)
	}
	f, err := parser.ParseFile(s.fset, path+"/source.go", src, 0)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: s}
	p, err := conf.Check(path, s.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, err
	}
	s.pkgs[path] = p
	return p, nil
}

// build type-checks prelude+src and builds its SSA with debug info.
func build(t testing.TB, src string) (*ssa.Package, *token.FileSet, int) {
	t.Helper()
	imp := libImporter(t)
	imp.mu.Lock()
	defer imp.mu.Unlock()
	fset := token.NewFileSet()
	full := prelude + src
	f, err := parser.ParseFile(fset, "p.go", full, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, numbered(full))
	}
	conf := &types.Config{Importer: imp}
	pkg, _, err := ssautil.BuildPackage(conf, fset, types.NewPackage("example.com/p", "p"), []*ast.File{f}, ssa.GlobalDebug|ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatalf("type-check: %v\n%s", err, numbered(src))
	}
	return pkg, fset, strings.Count(prelude, "\n")
}

func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%3d %s\n", i+1, l)
	}
	return b.String()
}

// insertCalls returns the calls to insert in fn and its closures, with
// their syntax.
func insertCalls(fn *ssa.Function) []*ssa.Call {
	var out []*ssa.Call
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if c, ok := in.(*ssa.Call); ok {
				if callee := c.Call.StaticCallee(); callee != nil && callee.Name() == "insert" {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

func callExpr(fn *ssa.Function, c *ssa.Call) *ast.CallExpr {
	var ce *ast.CallExpr
	ast.Inspect(fn.Syntax(), func(n ast.Node) bool {
		if x, ok := n.(*ast.CallExpr); ok && x.Lparen == c.Pos() {
			ce = x
		}
		return ce == nil
	})
	return ce
}
