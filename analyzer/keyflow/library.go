package keyflow

import (
	"go/types"
	"sync"
)

// Everything keyflow knows about particular libraries lives in this file,
// as tables keyed by function (fnID) or type; the handlers that apply an
// entry are in libcalls.go. Adding a library is adding rows here.

// The tables are built on first use, each on its own: go vet starts
// idemlint for every package, the standard library included, and most
// never reach keyflow; those that do without a database write (their key
// generators, keyfacts.KeyFuncs) need the generators alone.
// They are set in init because the result handlers read the tables too.
var (
	libGetters     func() map[fnID]getter
	libGenerators  func() map[fnID]bool
	libPassesEmpty func() map[fnID]bool
	libResults     func() map[fnID]resultRules
	libDecoders    func() map[fnID]decoder
	libRunners     func() map[fnID]int
	libIDs         func() idTables
	libNoWrites    func() map[fnID]bool
)

func init() {
	libGetters = sync.OnceValue(buildGetters)
	libGenerators = sync.OnceValue(buildGenerators)
	libPassesEmpty = sync.OnceValue(buildPassesEmpty)
	libResults = sync.OnceValue(buildLibResults)
	libDecoders = sync.OnceValue(buildDecoders)
	libRunners = sync.OnceValue(buildRunners)
	libIDs = sync.OnceValue(buildIDTables)
	libNoWrites = sync.OnceValue(buildNoWrites)
}

// buildNoWrites lists library calls that write through none of their
// arguments: GORM's and bun's query-building methods hold a condition
// struct or the model
// (Where(Order{Key: &k})) to read when the query runs, and never write
// through the pointers in it, so a cell whose address went into one is
// still what the code stored there at the FirstOrCreate or Create that
// follows.
func buildNoWrites() map[fnID]bool {
	m := map[fnID]bool{}
	for _, name := range []string{"Where", "Not", "Or", "Attrs", "Assign", "Select", "Omit", "Order",
		"Joins", "InnerJoins", "Preload", "Clauses", "Model", "Table", "WithContext", "Session", "Debug",
		"Limit", "Offset", "Group", "Having", "Distinct", "Unscoped"} {
		m[fnID{"gorm.io/gorm", "DB", name}] = true
	}
	// bun's insert query holds the model (Model(&Row{Key: &k})) and
	// writes it only when it runs (a hook, RETURNING): its building
	// methods write through nothing.
	for _, name := range []string{"Model", "Column", "ColumnExpr", "ExcludeColumn", "Table", "TableExpr", "ModelTableExpr",
		"Value", "Where", "WhereOr", "Returning", "Ignore", "Replace", "On", "Set", "SetColumn", "With", "Comment", "Conn"} {
		m[fnID{"github.com/uptrace/bun", "InsertQuery", name}] = true
	}
	return m
}

const (
	echo  = "github.com/labstack/echo/v4"
	gin   = "github.com/gin-gonic/gin"
	fiber = "github.com/gofiber/fiber/v2"
	chi5  = "github.com/go-chi/chi/v5"
	chi   = "github.com/go-chi/chi"
	lo    = "github.com/samber/lo"
)

// A getter returns "" when the request (or the environment) lacks the
// item its key argument names: r.Header.Get("Idempotency-Key").
type getter struct {
	via     string // short name of the call for the message
	subject string // "the %s header"; %s is the key argument
	absent  string // "is absent"
	arg     int    // index of the key among the user arguments
	deflt   int    // index of a default-value argument, or -1
}

func get(via, subject, absent string, arg int) getter {
	return getter{via: via, subject: subject, absent: absent, arg: arg, deflt: -1}
}

// getWithDefault is a getter whose argument deflt is returned instead of
// "" (fiber's variadic default, gin's DefaultQuery).
func getWithDefault(via, subject, absent string, deflt int) getter {
	return getter{via: via, subject: subject, absent: absent, deflt: deflt}
}

func buildGetters() map[fnID]getter {
	return map[fnID]getter{
		{"net/http", "Header", "Get"}:                 get("Header.Get", "the %s header", "is absent", 0),
		{"net/http", "Request", "FormValue"}:          get("FormValue", "the %s form value", "is absent", 0),
		{"net/http", "Request", "PostFormValue"}:      get("PostFormValue", "the %s form value", "is absent", 0),
		{"net/http", "Request", "PathValue"}:          get("PathValue", "the %s path value", "is empty", 0),
		{"net/url", "Values", "Get"}:                  get("Values.Get", "the %s parameter", "is absent", 0),
		{"os", "", "Getenv"}:                          get("os.Getenv", "$%s", "is unset", 0),
		{gin, "Context", "GetHeader"}:                 get("GetHeader", "the %s header", "is absent", 0),
		{gin, "Context", "GetString"}:                 get("GetString", "the %s context value", "was not set", 0),
		{gin, "Context", "Query"}:                     get("Query", "the %s query parameter", "is absent", 0),
		{gin, "Context", "PostForm"}:                  get("PostForm", "the %s form value", "is absent", 0),
		{gin, "Context", "Param"}:                     get("Param", "the %s path parameter", "is empty", 0),
		{gin, "Context", "DefaultQuery"}:              getWithDefault("DefaultQuery", "the %s query parameter", "is absent", 1),
		{gin, "Context", "DefaultPostForm"}:           getWithDefault("DefaultPostForm", "the %s form value", "is absent", 1),
		{echo, "Context", "QueryParam"}:               get("QueryParam", "the %s query parameter", "is absent", 0),
		{echo, "Context", "FormValue"}:                get("FormValue", "the %s form value", "is absent", 0),
		{echo, "Context", "Param"}:                    get("Param", "the %s path parameter", "is empty", 0),
		{chi5, "", "URLParam"}:                        get("chi.URLParam", "the %s URL parameter", "is empty", 1),
		{chi, "", "URLParam"}:                         get("chi.URLParam", "the %s URL parameter", "is empty", 1),
		{chi5, "", "URLParamFromCtx"}:                 get("chi.URLParamFromCtx", "the %s URL parameter", "is empty", 1),
		{fiber, "Ctx", "Get"}:                         getWithDefault("Ctx.Get", "the %s header", "is absent", 1),
		{fiber, "Ctx", "Query"}:                       getWithDefault("Ctx.Query", "the %s query parameter", "is absent", 1),
		{fiber, "Ctx", "Params"}:                      getWithDefault("Ctx.Params", "the %s path parameter", "is empty", 1),
		{fiber, "Ctx", "FormValue"}:                   getWithDefault("Ctx.FormValue", "the %s form value", "is absent", 1),
		{"github.com/gofiber/fiber/v3", "Ctx", "Get"}: getWithDefault("Ctx.Get", "the %s header", "is absent", 1),
	}
}

// A resultField is a field of a library call's result that the library
// leaves empty (a nil []byte) when the sender did: the key of a message
// read from Kafka, which producers may send without one.
type resultField struct {
	index int    // the result
	field string // the field of it
	what  string // "the message has no key", for "empty when …"
	via   string // "Message.Key"
}

const kafkaGo = "github.com/segmentio/kafka-go"

var libResultFields = map[fnID]resultField{
	{kafkaGo, "Reader", "FetchMessage"}: {0, "Key", "the message has no key", "Message.Key"},
	{kafkaGo, "Reader", "ReadMessage"}:  {0, "Key", "the message has no key", "Message.Key"},
}

// buildGenerators lists the functions that always return a usable key
// (never nil, never "").
func buildGenerators() map[fnID]bool {
	generators := map[fnID]bool{}
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
	return generators
}

// passesEmpty lists functions whose result is "" when their first
// argument is "" (and are otherwise of no interest); a check of their
// result checks the argument.
func buildPassesEmpty() map[fnID]bool {
	passesEmpty := map[fnID]bool{}
	for _, n := range []string{"TrimSpace", "ToLower", "ToUpper", "ToTitle", "TrimPrefix", "TrimSuffix", "Trim", "TrimLeft", "TrimRight", "Clone", "ToValidUTF8"} {
		passesEmpty[fnID{"strings", "", n}] = true
	}
	return passesEmpty
}

// A resultRule answers one question about the result of a call to one
// library function. final false leaves the answer to the general rules
// (the SA5011 shape on the call's result).
type resultRule func(q *query, c libCall) (r result, final bool)

// resultRules are what a library function's result needs beyond the
// tables above, by question: is it empty, is it nil, and (for a pointer
// result) is what it points to empty; for a NULL wrapper, is it valid,
// and is its payload empty while it is (payload: an invalid wrapper is
// NULL whatever its payload holds).
type resultRules struct{ empty, null, deref, valid, payload resultRule }

// lo's FromPtr and FromPtrOr are generic functions of another package:
// the package's SSA holds no body for them to be followed into, so their
// code (lo v1.53 type_manipulation.go: `if x == nil { return Empty[T]() }
// return *x`, and the fallback instead of Empty for FromPtrOr) is
// summarised here: "" when the pointer is nil (with an empty fallback),
// else what it points to.
func buildLibResults() map[fnID]resultRules {
	rules := map[fnID]resultRules{
		{lo, "", "FromPtr"}:                               {empty: fromPtrEmpty},
		{lo, "", "FromPtrOr"}:                             {empty: fromPtrOrEmpty},
		{lo, "", "EmptyableToPtr"}:                        {null: emptyableToPtrNull, deref: alwaysSafe},
		{lo, "", "ToPtr"}:                                 {deref: toPtrDeref},
		{"encoding/hex", "", "EncodeToString"}:            {empty: encodeEmpty},
		{"encoding/base64", "Encoding", "EncodeToString"}: {empty: encodeEmpty},
		{"encoding/base32", "Encoding", "EncodeToString"}: {empty: encodeEmpty},
		{"fmt", "", "Sprintf"}:                            {empty: sprintfEmpty},
		{"bufio", "Scanner", "Text"}:                      {empty: scannedEmpty},
		{"os", "", "ReadFile"}:                            {empty: readEmpty("when the file is empty", "os.ReadFile")},
		{"io", "", "ReadAll"}:                             {empty: readEmpty("when what it reads is empty (a request without a body)", "io.ReadAll")},
		{pflagPkg, "FlagSet", "GetString"}:                {empty: pflagGetEmpty},
	}
	// guregu's null and zero constructors: null.StringFrom is always
	// valid, zero.StringFrom is invalid (NULL) for "".
	for _, p := range []string{"gopkg.in/guregu/null.v4", "gopkg.in/guregu/null.v3", "github.com/guregu/null/v5", "github.com/guregu/null/v6"} {
		rules[fnID{p, "", "StringFrom"}] = resultRules{valid: alwaysSafe, payload: payloadFromArg}
		rules[fnID{p, "", "StringFromPtr"}] = resultRules{valid: validUnlessNil, payload: payloadFromPtr}
		rules[fnID{p, "", "NewString"}] = resultRules{valid: validFromArg, payload: payloadUnlessFlagged}
		rules[fnID{p + "/zero", "", "StringFrom"}] = resultRules{valid: validUnlessEmpty, payload: alwaysSafe}
		rules[fnID{p + "/zero", "", "StringFromPtr"}] = resultRules{valid: validUnlessNilOrEmpty, payload: alwaysSafe}
		rules[fnID{p + "/zero", "", "NewString"}] = resultRules{valid: validFromArg, payload: payloadUnlessFlagged}
	}
	return rules
}

// A decoder fills the value its target argument points to from the
// request: a field the request leaves out keeps its zero value, so a
// pointer field may be nil, a string field "", a sql.Null* field invalid.
type decoder struct {
	target int      // index of the filled value among the user arguments
	from   string   // "the JSON body", for messages
	tags   []string // struct tags that name a field for this decoder, in order
	// checks is a struct tag whose "required" the decoder's own error
	// enforces (gin's binding, gorilla/schema's schema), or "".
	checks string
	// unbound is a struct tag the decoder does not read although the
	// code may expect it to: echo's Bind binds no headers, so a field
	// tagged header:"Idempotency-Key" (and none of tags) never gets the
	// header.
	unbound string
}

const (
	gorillaSchema = "github.com/gorilla/schema"
	playForm      = "github.com/go-playground/form/v4"
	chiRender     = "github.com/go-chi/render"
)

// render.Bind is left out on purpose: it calls the value's own Bind
// method, which is where such code checks its fields.
func buildDecoders() map[fnID]decoder {
	decoders := map[fnID]decoder{
		{"encoding/json", "Decoder", "Decode"}: {0, "the JSON body", []string{"json"}, "", ""},
		{"encoding/json", "", "Unmarshal"}:     {1, "the JSON body", []string{"json"}, "", ""},
		{"encoding/xml", "Decoder", "Decode"}:  {0, "the XML body", []string{"xml"}, "", ""},
		{"encoding/xml", "", "Unmarshal"}:      {1, "the XML body", []string{"xml"}, "", ""},
		{echo, "Context", "Bind"}:              {0, "the request", []string{"json", "form", "query"}, "", "header"},
		{fiber, "Ctx", "BodyParser"}:           {0, "the request body", []string{"json", "form"}, "", ""},
		{fiber, "Ctx", "QueryParser"}:          {0, "the query", []string{"query"}, "", ""},
		{gorillaSchema, "Decoder", "Decode"}:   {0, "the form", []string{"schema"}, "schema", ""},
		{playForm, "Decoder", "Decode"}:        {0, "the form", []string{"form"}, "", ""},
		{chiRender, "", "DecodeJSON"}:          {1, "the JSON body", []string{"json"}, "", ""},
		{chiRender, "", "DecodeXML"}:           {1, "the XML body", []string{"xml"}, "", ""},
		{chiRender, "", "DecodeForm"}:          {1, "the form", []string{"form", "json"}, "", ""},
		{chiRender, "", "Decode"}:              {1, "the request body", []string{"json", "xml", "form"}, "", ""},
		{echo, "DefaultBinder", "Bind"}:        {0, "the request", []string{"json", "form", "query"}, "", "header"},
		// BindBody(c, &in), BindHeaders(c, &in) and their kin: the value
		// is their second argument.
		{echo, "DefaultBinder", "BindBody"}:        {1, "the request body", []string{"json", "form", "xml"}, "", "header"},
		{echo, "DefaultBinder", "BindHeaders"}:     {1, "the headers", []string{"header"}, "", ""},
		{echo, "DefaultBinder", "BindQueryParams"}: {1, "the query", []string{"query"}, "", ""},
		{echo, "DefaultBinder", "BindPathParams"}:  {1, "the path", []string{"param"}, "", ""},
	}
	// gin's Bind* and ShouldBind* all validate `binding:"required"`.
	for name, from := range map[string]string{
		"JSON": "the JSON body", "XML": "the XML body", "YAML": "the YAML body", "TOML": "the TOML body",
		"Query": "the query", "Uri": "the path", "Header": "the headers", "": "the request", "With": "the request",
		"BodyWith": "the request body", "BodyWithJSON": "the JSON body",
	} {
		tags := []string{"json", "form"}
		switch name {
		case "XML":
			tags = []string{"xml", "form"}
		case "Query":
			tags = []string{"form"}
		case "Uri":
			tags = []string{"uri"}
		case "Header":
			tags = []string{"header"}
		}
		d := decoder{0, from, tags, "binding", ""}
		decoders[fnID{gin, "Context", "ShouldBind" + name}] = d
		if name != "BodyWith" && name != "BodyWithJSON" {
			decoders[fnID{gin, "Context", "Bind" + name}] = d
		}
	}
	// mapstructure.Decode(input, &out) and its kin fill out from a map
	// (a message payload unmarshalled into map[string]any, a config
	// section): a field the map lacks keeps its zero value, as a field a
	// JSON body lacks does. Its Decoder, whose target is in its config,
	// is not listed.
	for _, p := range []string{"github.com/mitchellh/mapstructure", "github.com/go-viper/mapstructure/v2"} {
		for _, name := range []string{"Decode", "WeakDecode", "DecodeMetadata", "WeakDecodeMetadata"} {
			decoders[fnID{p, "", name}] = decoder{1, "the mapstructure input", []string{"mapstructure"}, "", ""}
		}
	}
	return decoders
}

// buildRunners lists the transaction helpers that call the function they
// are handed before they return (begin, call it with the transaction,
// commit or roll back), by the index of that function among their
// parameters: a closure handed to one runs while its parent does
// (Checker.RunsInParent).
func buildRunners() map[fnID]int {
	const (
		pgx5 = "github.com/jackc/pgx/v5"
		pgx4 = "github.com/jackc/pgx/v4"
		pool = "github.com/jackc/pgx/v4/pgxpool"
		bun  = "github.com/uptrace/bun"
	)
	return map[fnID]int{
		{pgx5, "", "BeginFunc"}:               2, // pgx.BeginFunc(ctx, db, fn)
		{pgx5, "", "BeginTxFunc"}:             3, // pgx.BeginTxFunc(ctx, db, opts, fn)
		{pgx4, "Conn", "BeginFunc"}:           1,
		{pgx4, "Conn", "BeginTxFunc"}:         2,
		{pgx4, "Tx", "BeginFunc"}:             1,
		{pool, "Pool", "BeginFunc"}:           1,
		{pool, "Pool", "BeginTxFunc"}:         2,
		{pool, "Conn", "BeginFunc"}:           1,
		{pool, "Conn", "BeginTxFunc"}:         2,
		{pool, "Tx", "BeginFunc"}:             1,
		{bun, "DB", "RunInTx"}:                2, // db.RunInTx(ctx, opts, fn)
		{bun, "Conn", "RunInTx"}:              2,
		{bun, "Tx", "RunInTx"}:                2,
		{bun, "IDB", "RunInTx"}:               2,
		{"gorm.io/gorm", "DB", "Transaction"}: 0,
	}
}

// idTables are what the ID libraries do with a value they cannot read:
// the parsers and constructors whose fixed-size identifier (uuid.UUID and
// its kin, vocab.IsFixedID) is the zero one. The variables that hold that
// zero (uuid.Nil) are vocab's (IsZeroIDVar): the guards of the Go rules
// read them too.
type idTables struct {
	// zeroOnError: the result is the zero ID beside a non-nil error
	// (google/uuid's Parse("") returns uuid.Nil and an error); a caller
	// that drops the error writes that zero.
	zeroOnError map[fnID]bool
	// zeroIfInvalid: no error to drop, the zero ID instead
	// (gofrs' FromStringOrNil): zero at least for an empty argument.
	zeroIfInvalid map[fnID]bool
	// zero: always the zero ID (xid.NilID()).
	zero map[fnID]bool
}

func buildIDTables() idTables {
	t := idTables{zeroOnError: map[fnID]bool{}, zeroIfInvalid: map[fnID]bool{}, zero: map[fnID]bool{}}
	const google = "github.com/google/uuid"
	for _, n := range []string{"Parse", "ParseBytes", "FromBytes"} {
		t.zeroOnError[fnID{google, "", n}] = true
	}
	for _, p := range []string{"github.com/gofrs/uuid", "github.com/gofrs/uuid/v5", "github.com/satori/go.uuid"} {
		t.zeroOnError[fnID{p, "", "FromString"}] = true
		t.zeroOnError[fnID{p, "", "FromBytes"}] = true
		t.zeroIfInvalid[fnID{p, "", "FromStringOrNil"}] = true
		t.zeroIfInvalid[fnID{p, "", "FromBytesOrNil"}] = true
	}
	for _, p := range []string{"github.com/oklog/ulid", "github.com/oklog/ulid/v2"} {
		t.zeroOnError[fnID{p, "", "Parse"}] = true
		t.zeroOnError[fnID{p, "", "ParseStrict"}] = true
	}
	const xid = "github.com/rs/xid"
	t.zeroOnError[fnID{xid, "", "FromString"}] = true
	t.zeroOnError[fnID{xid, "", "FromBytes"}] = true
	t.zero[fnID{xid, "", "NilID"}] = true
	const ksuid = "github.com/segmentio/ksuid"
	t.zeroOnError[fnID{ksuid, "", "Parse"}] = true
	t.zeroOnError[fnID{ksuid, "", "FromBytes"}] = true
	return t
}

// IsRequestGetter reports whether f is one of the getters above (a
// request's header, query, form or path value, an environment variable):
// a call with no effect but its result, which a fix may move into a
// variable before the statement that holds it.
func IsRequestGetter(f *types.Func) bool {
	if f == nil {
		return false
	}
	_, ok := libGetters()[idOf(f)]
	return ok
}
