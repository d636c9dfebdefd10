package keyflow

import (
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// fnID names a function or method robustly: package path (vendor prefix
// removed), receiver type name (pointer stripped; the interface's name for
// interface methods) and name.
type fnID struct{ pkg, recv, name string }

func calleeOf(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if f := c.StaticCallee(); f != nil {
		if obj, ok := f.Object().(*types.Func); ok {
			return obj
		}
		if o := f.Origin(); o != nil {
			if obj, ok := o.Object().(*types.Func); ok {
				return obj
			}
		}
	}
	return nil
}

func idOf(f *types.Func) fnID {
	id := fnID{pkg: pkgPath(f.Pkg()), name: f.Name()}
	if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			id.recv = n.Obj().Name()
		}
	}
	return id
}

// userArgs returns the call's arguments as written, without the receiver
// that a static method call passes first.
func userArgs(c *ssa.CallCommon) []ssa.Value {
	if !c.IsInvoke() {
		if f := c.StaticCallee(); f != nil && f.Signature.Recv() != nil && len(c.Args) > 0 {
			return c.Args[1:]
		}
	}
	return c.Args
}

// An emptySource is a getter that returns "" when the request (or the
// environment) lacks the named item.
type emptySource struct {
	via     string // short name of the call for the message
	subject string // "the %s header"; %s is the key argument
	absent  string // "is absent"
	arg     int    // index of the key among the user arguments
	deflt   int    // index of a default-value argument, or -1
}

const (
	echo  = "github.com/labstack/echo/v4"
	gin   = "github.com/gin-gonic/gin"
	fiber = "github.com/gofiber/fiber/v2"
	chi5  = "github.com/go-chi/chi/v5"
	chi   = "github.com/go-chi/chi"
	lo    = "github.com/samber/lo"
)

func src(via, subject, absent string, arg int) emptySource {
	return emptySource{via: via, subject: subject, absent: absent, arg: arg, deflt: -1}
}

var emptySources = map[fnID]emptySource{
	{"net/http", "Header", "Get"}:                 src("Header.Get", "the %s header", "is absent", 0),
	{"net/http", "Request", "FormValue"}:          src("FormValue", "the %s form value", "is absent", 0),
	{"net/http", "Request", "PostFormValue"}:      src("PostFormValue", "the %s form value", "is absent", 0),
	{"net/http", "Request", "PathValue"}:          src("PathValue", "the %s path value", "is empty", 0),
	{"net/url", "Values", "Get"}:                  src("Values.Get", "the %s parameter", "is absent", 0),
	{"os", "", "Getenv"}:                          src("os.Getenv", "$%s", "is unset", 0),
	{gin, "Context", "GetHeader"}:                 src("GetHeader", "the %s header", "is absent", 0),
	{gin, "Context", "Query"}:                     src("Query", "the %s query parameter", "is absent", 0),
	{gin, "Context", "PostForm"}:                  src("PostForm", "the %s form value", "is absent", 0),
	{gin, "Context", "Param"}:                     src("Param", "the %s path parameter", "is empty", 0),
	{gin, "Context", "DefaultQuery"}:              {via: "DefaultQuery", subject: "the %s query parameter", absent: "is absent", deflt: 1},
	{gin, "Context", "DefaultPostForm"}:           {via: "DefaultPostForm", subject: "the %s form value", absent: "is absent", deflt: 1},
	{echo, "Context", "QueryParam"}:               src("QueryParam", "the %s query parameter", "is absent", 0),
	{echo, "Context", "FormValue"}:                src("FormValue", "the %s form value", "is absent", 0),
	{echo, "Context", "Param"}:                    src("Param", "the %s path parameter", "is empty", 0),
	{chi5, "", "URLParam"}:                        src("chi.URLParam", "the %s URL parameter", "is empty", 1),
	{chi, "", "URLParam"}:                         src("chi.URLParam", "the %s URL parameter", "is empty", 1),
	{chi5, "", "URLParamFromCtx"}:                 src("chi.URLParamFromCtx", "the %s URL parameter", "is empty", 1),
	{fiber, "Ctx", "Get"}:                         {via: "Ctx.Get", subject: "the %s header", absent: "is absent", deflt: 1},
	{fiber, "Ctx", "Query"}:                       {via: "Ctx.Query", subject: "the %s query parameter", absent: "is absent", deflt: 1},
	{fiber, "Ctx", "Params"}:                      {via: "Ctx.Params", subject: "the %s path parameter", absent: "is empty", deflt: 1},
	{fiber, "Ctx", "FormValue"}:                   {via: "Ctx.FormValue", subject: "the %s form value", absent: "is absent", deflt: 1},
	{"github.com/gofiber/fiber/v3", "Ctx", "Get"}: {via: "Ctx.Get", subject: "the %s header", absent: "is absent", deflt: 1},
}

// generators always return a usable key (never nil, never "").
var generators = map[fnID]bool{}

func init() {
	add := func(pkg, recv string, names ...string) {
		for _, n := range names {
			generators[fnID{pkg, recv, n}] = true
		}
	}
	add("github.com/google/uuid", "", "New", "NewString", "NewRandom", "NewV7", "NewV6", "NewMD5", "NewSHA1", "Must", "NewRandomFromReader")
	add("github.com/google/uuid", "UUID", "String", "URN")
	for _, p := range []string{"github.com/gofrs/uuid", "github.com/gofrs/uuid/v5", "github.com/satori/go.uuid"} {
		add(p, "", "NewV1", "NewV3", "NewV4", "NewV5", "NewV6", "NewV7", "Must")
		add(p, "UUID", "String")
	}
	for _, p := range []string{"github.com/oklog/ulid", "github.com/oklog/ulid/v2"} {
		add(p, "", "Make", "MustNew", "New", "MustNewDefault")
		add(p, "ULID", "String")
	}
	add("github.com/rs/xid", "", "New", "NewWithTime")
	add("github.com/rs/xid", "ID", "String")
	add("github.com/segmentio/ksuid", "", "New", "NewRandom")
	add("github.com/segmentio/ksuid", "KSUID", "String")
	add("crypto/rand", "", "Text")
	add("strconv", "", "Itoa", "FormatInt", "FormatUint", "FormatFloat", "FormatBool", "Quote")
	add(lo, "", "ToPtr")
}

// propagators return "" when their first argument is "" (and are
// otherwise of no interest); a guard on their result guards the argument.
var propagators = map[fnID]bool{}

func init() {
	for _, n := range []string{"TrimSpace", "ToLower", "ToUpper", "ToTitle", "TrimPrefix", "TrimSuffix", "Trim", "TrimLeft", "TrimRight", "Clone", "ToValidUTF8"} {
		propagators[fnID{"strings", "", n}] = true
	}
}

// encoders return a non-empty string for a non-empty byte slice.
var encoders = map[fnID]bool{
	{"encoding/hex", "", "EncodeToString"}:            true,
	{"encoding/base64", "Encoding", "EncodeToString"}: true,
	{"encoding/base32", "Encoding", "EncodeToString"}: true,
}

func constString(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

// formatHasText reports whether a fmt format string prints some constant
// text of its own, so the result is never "".
func formatHasText(f string) bool {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			return true
		}
		i++
		// Skip flags, width, precision, argument indexes up to the verb.
		for i < len(f) && strings.IndexByte("+-# 0123456789.*[]", f[i]) >= 0 {
			i++
		}
		if i < len(f) && f[i] == '%' {
			return true // "%%" prints a percent sign
		}
	}
	return false
}

// nonEmptyBytes reports whether b is a slice of a non-empty array with no
// bounds, such as sum[:] of a hash.
func nonEmptyBytes(b ssa.Value) bool {
	sl, ok := b.(*ssa.Slice)
	if !ok || sl.Low != nil || sl.High != nil {
		return false
	}
	p, ok := sl.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	a, ok := p.Elem().Underlying().(*types.Array)
	return ok && a.Len() > 0
}

// refineSource names url.Values.Get better when the values are the
// request URL's query: r.URL.Query().Get("key").
func refineSource(call *ssa.Call, s emptySource) emptySource {
	if s.via != "Values.Get" || len(call.Call.Args) == 0 {
		return s
	}
	if recv, ok := call.Call.Args[0].(*ssa.Call); ok {
		if f := calleeOf(&recv.Call); f != nil && idOf(f) == (fnID{"net/url", "URL", "Query"}) {
			s.via, s.subject = "Query().Get", "the %s query parameter"
		}
	}
	return s
}

// IsGenerator reports whether f is a known key generator (google/uuid,
// gofrs/uuid, ulid, xid, ksuid, crypto/rand.Text, …): its result is never
// nil or empty. The analyzer uses it to vouch for wrappers around them.
func IsGenerator(f *types.Func) bool { return f != nil && generators[idOf(f)] }
