package keyflow

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// stubs are tiny stand-ins for third-party packages, declared under their
// real import paths so the analysis matches them as it would the real
// ones. Bodies are omitted: only the types matter.
var stubs = map[string]string{
	"github.com/google/uuid": `package uuid
type UUID [16]byte
func New() UUID
func NewString() string
func NewRandom() (UUID, error)
func Must(u UUID, err error) UUID
func (u UUID) String() string
type NullUUID struct { UUID UUID; Valid bool }`,
	"github.com/gofrs/uuid/v5": `package uuid
type UUID [16]byte
func NewV4() (UUID, error)
func Must(u UUID, err error) UUID
func (u UUID) String() string`,
	"github.com/oklog/ulid/v2": `package ulid
type ULID [16]byte
func Make() ULID
func (u ULID) String() string`,
	"github.com/rs/xid": `package xid
type ID [12]byte
func New() ID
func (id ID) String() string`,
	"github.com/segmentio/ksuid": `package ksuid
type KSUID [20]byte
func New() KSUID
func (k KSUID) String() string`,
	"github.com/gin-gonic/gin": `package gin
type Context struct{}
func (c *Context) ShouldBindJSON(obj any) error
func (c *Context) BindJSON(obj any) error
func (c *Context) ShouldBind(obj any) error
func (c *Context) GetHeader(key string) string
func (c *Context) Query(key string) string
func (c *Context) DefaultQuery(key, def string) string
func (c *Context) PostForm(key string) string
func (c *Context) Param(key string) string`,
	"github.com/labstack/echo/v4": `package echo
import "net/http"
type Context interface {
	Request() *http.Request
	QueryParam(name string) string
	FormValue(name string) string
	Param(name string) string
	Bind(i any) error
	Validate(i any) error
}`,
	"github.com/go-chi/chi/v5": `package chi
import "net/http"
func URLParam(r *http.Request, key string) string`,
	"github.com/gofiber/fiber/v2": `package fiber
type Ctx struct{}
func (c *Ctx) Get(key string, defaultValue ...string) string
func (c *Ctx) Query(key string, defaultValue ...string) string
func (c *Ctx) Params(key string, defaultValue ...string) string
func (c *Ctx) FormValue(key string, defaultValue ...string) string
func (c *Ctx) BodyParser(out any) error`,
	"github.com/go-playground/validator/v10": `package validator
type Validate struct{}
func New() *Validate
func (v *Validate) Struct(s any) error
func (v *Validate) Var(field any, tag string) error`,
	"github.com/go-chi/render": `package render
import "io"
func DecodeJSON(r io.Reader, v any) error`,
	"github.com/gorilla/schema": `package schema
type Decoder struct{}
func NewDecoder() *Decoder
func (d *Decoder) Decode(dst any, src map[string][]string) error`,
	"github.com/go-playground/form/v4": `package form
import "net/url"
type Decoder struct{}
func NewDecoder() *Decoder
func (d *Decoder) Decode(v any, values url.Values) error`,
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
	"github.com/samber/lo": `package lo
func ToPtr[T any](x T) *T { return &x }
func EmptyableToPtr[T any](x T) *T {
	var zero T
	if any(x) == any(zero) {
		return nil
	}
	return &x
}
func FromPtr[T any](x *T) T {
	if x == nil {
		var zero T
		return zero
	}
	return *x
}`,
	"github.com/jackc/pgx/v5/pgtype": `package pgtype
type Text struct { String string; Valid bool }
type UUID struct { Bytes [16]byte; Valid bool }`,
}

// prelude imports everything a case may use; the blank uses keep the
// type checker quiet about the rest.
const prelude = `package p

import (
	"crypto/sha256"
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
	_ = sha256.Sum256
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

type stubImporter struct {
	mu   sync.Mutex
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

var sharedImporter = &stubImporter{
	fset: token.NewFileSet(),
	pkgs: map[string]*types.Package{},
}

func (s *stubImporter) Import(path string) (*types.Package, error) {
	if p := s.pkgs[path]; p != nil {
		return p, nil
	}
	src, ok := stubs[path]
	if !ok {
		if s.std == nil {
			s.std = importer.ForCompiler(s.fset, "gc", nil)
		}
		p, err := s.std.Import(path)
		if err == nil {
			s.pkgs[path] = p
		}
		return p, err
	}
	f, err := parser.ParseFile(s.fset, path+"/stub.go", src, 0)
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
	sharedImporter.mu.Lock()
	defer sharedImporter.mu.Unlock()
	fset := token.NewFileSet()
	full := prelude + src
	f, err := parser.ParseFile(fset, "p.go", full, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, numbered(full))
	}
	conf := &types.Config{Importer: sharedImporter}
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
