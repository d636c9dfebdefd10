package keyflow

import (
	"testing"

	"golang.org/x/tools/go/ssa"
)

// Request inputs (decode.go): fields of decoded values and protobuf
// messages are optional unless a checked `required` rule says otherwise.
var inputCases = []tcase{
	{name: "decoded by the package's helper", q: "null", want: Nil,
		reason: "nil when the JSON body has no idempotencyKey, decoded at p.go:", src: `
func decode(r *http.Request, dst any) error {
	return json.NewDecoder(r.Body).Decode(dst)
}

func f(r *http.Request) error {
	var in Body
	if err := decode(r, &in); err != nil { // origin
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "decoded by a helper with a decoder variable", q: "empty", want: Empty,
		reason: "empty when the JSON body has no key, decoded at p.go:", src: `
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("invalid body: %w", err)
	}
	return nil
}

func f(w http.ResponseWriter, r *http.Request) error {
	var in Body
	if err := decodeJSON(w, r, &in); err != nil { // origin
		return err
	}
	insert(in.Key)
	return nil
}`},
	{name: "decoded by a helper, then checked", q: "null", src: `
func decode(r *http.Request, dst any) error {
	return json.NewDecoder(r.Body).Decode(dst)
}

func f(r *http.Request) error {
	var in Body
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.IdempotencyKey == nil {
		return errors.New("idempotencyKey is required")
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "a helper that validates what it decodes is no plain decoder", q: "null", src: `
func decodeValid(r *http.Request, dst any) error {
	if err := json.NewDecoder(r.Body).Decode(dst); err != nil {
		return err
	}
	return validate.Struct(dst)
}

func f(r *http.Request) error {
	var in Checked
	if err := decodeValid(r, &in); err != nil {
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode then inserted", q: "null", want: Nil,
		reason: "nil when the JSON body has no idempotencyKey, decoded at p.go:", src: `
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil { // origin
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, nil guard returns", q: "null", src: `
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if in.IdempotencyKey == nil {
		return errors.New("idempotencyKey is required")
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, validator required, Struct error checked", q: "null", src: `
func f(r *http.Request) error {
	var in Checked
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := validate.Struct(in); err != nil {
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, validator required, Struct error ignored", q: "null", want: Nil,
		reason: "nil when the JSON body has no idempotencyKey", src: `
func f(r *http.Request) error {
	var in Checked
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := validate.Struct(&in); err != nil {
		log.Print(err)
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, validator required but the tag is missing", q: "null", want: Nil, src: `
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := validate.Struct(in); err != nil {
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, validate.Var required checked", q: "null", src: `
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := validate.Var(in.IdempotencyKey, "required"); err != nil {
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, hand-written Validate method checked", q: "null", src: `
func (b Body) Validate() error {
	if b.IdempotencyKey == nil {
		return errors.New("idempotencyKey is required")
	}
	return nil
}
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, hand-written Validate method ignored", q: "null", want: Nil, reason: "the JSON body has no idempotencyKey", src: `
func (b *Body) Validate() error { return nil }
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		log.Print(err)
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Decode, key generated when absent", q: "null", src: `
func f(r *http.Request) error {
	var in Body
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if in.IdempotencyKey == nil {
		k := uuid.NewString()
		in.IdempotencyKey = &k
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "json Unmarshal into new(T), string field", q: "empty", want: Empty,
		reason: "empty when the JSON body has no key, decoded at p.go:", src: `
func f(b []byte) {
	in := new(Body)
	_ = json.Unmarshal(b, in)
	insert(in.Key)
}`},
	{name: "json Unmarshal, string field replaced when empty", q: "empty", src: `
func f(b []byte) {
	in := new(Body)
	_ = json.Unmarshal(b, in)
	if in.Key == "" {
		in.Key = uuid.NewString()
	}
	insert(in.Key)
}`},
	{name: "json: a pointer field's target is the client's, not reported as empty", q: "empty", src: `
func f(b []byte) {
	var in Body
	_ = json.Unmarshal(b, &in)
	insert(in.IdempotencyKey)
}`},
	{name: "json: sql.NullString field", q: "null", want: Invalid,
		reason: "invalid (NULL) when the JSON body has no nkey", src: `
func f(b []byte) {
	var in Body
	_ = json.Unmarshal(b, &in)
	insert(in.NKey)
}`},
	// The decoder never writes a json:"-" field: it is no request source,
	// and it keeps what it held before the decode (the zero of var in).
	{name: `json:"-" field is not decoded: it keeps its zero`, q: "null", want: Nil,
		reason: "in.Internal may be left unset", src: `
func f(b []byte) {
	var in Body
	_ = json.Unmarshal(b, &in)
	insert(in.Internal)
}`},
	{name: `json:"-" field set before the decode keeps that value`, q: "null", src: `
func f(b []byte, k string) {
	var in Body
	in.Internal = &k
	_ = json.Unmarshal(b, &in)
	insert(in.Internal)
}`},
	{name: "xml Unmarshal", q: "empty", want: Empty, reason: "the XML body has no key", src: `
func f(b []byte) {
	var in Body
	_ = xml.Unmarshal(b, &in)
	insert(in.Key)
}`},
	{name: "gin ShouldBindJSON without a required tag", q: "null", want: Nil,
		reason: "nil when the JSON body has no idempotencyKey", src: `
func f(c *gin.Context) {
	var in Body
	if err := c.ShouldBindJSON(&in); err != nil {
		return
	}
	insert(in.IdempotencyKey)
}`},
	{name: `gin ShouldBindJSON with binding:"required", error checked`, q: "null", src: `
func f(c *gin.Context) {
	var in Checked
	if err := c.ShouldBindJSON(&in); err != nil {
		return
	}
	insert(in.IdempotencyKey)
}`},
	{name: `gin ShouldBind with binding:"required", error ignored`, q: "null", want: Nil, reason: "the request has no idempotencyKey", src: `
func f(c *gin.Context) {
	var in Checked
	_ = c.ShouldBind(&in)
	insert(in.IdempotencyKey)
}`},
	{name: "echo Bind", q: "empty", want: Empty, reason: "the request has no key", src: `
func f(c echo.Context) error {
	in := new(Body)
	if err := c.Bind(in); err != nil {
		return err
	}
	insert(in.Key)
	return nil
}`},
	{name: "echo Bind then Validate checked", q: "empty", src: `
func f(c echo.Context) error {
	in := new(Checked)
	if err := c.Bind(in); err != nil {
		return err
	}
	if err := c.Validate(in); err != nil {
		return err
	}
	insert(in.Key)
	return nil
}`},
	{name: "fiber BodyParser", q: "null", want: Nil, reason: "the request body has no idempotencyKey", src: `
func f(c *fiber.Ctx) error {
	var in Body
	if err := c.BodyParser(&in); err != nil {
		return err
	}
	insert(in.IdempotencyKey)
	return nil
}`},
	{name: "gorilla/schema Decode", q: "empty", want: Empty, reason: "the form has no key", src: `
func f(r *http.Request) {
	var in Body
	_ = schema.NewDecoder().Decode(&in, r.PostForm)
	insert(in.Key)
}`},
	{name: `gorilla/schema "key,required", error checked`, q: "empty", src: `
func f(r *http.Request) error {
	var in Checked
	if err := schema.NewDecoder().Decode(&in, r.PostForm); err != nil {
		return err
	}
	insert(in.Key)
	return nil
}`},
	{name: "go-chi/render DecodeJSON", q: "null", want: Nil, reason: "the JSON body has no idempotencyKey", src: `
func f(r *http.Request) {
	var in Body
	if err := render.DecodeJSON(r.Body, &in); err != nil {
		return
	}
	insert(in.IdempotencyKey)
}`},
	{name: "go-playground/form Decode", q: "empty", want: Empty, reason: "the form has no key", src: `
func f(r *http.Request) {
	var in Body
	_ = form.NewDecoder().Decode(&in, r.Form)
	insert(in.Key)
}`},
	{name: "decoded field overwritten after decode", q: "null", src: `
func f(b []byte) {
	var in Body
	_ = json.Unmarshal(b, &in)
	k := uuid.NewString()
	in.IdempotencyKey = &k
	insert(in.IdempotencyKey)
}`},
	{name: "protobuf getter", q: "empty", want: Empty,
		reason: "empty when the CreateReq message has no idempotency_key (GetIdempotencyKey, line", src: `
func f(req *pb.CreateReq) {
	insert(req.GetIdempotencyKey()) // origin
}`},
	{name: "protobuf getter, checked", q: "empty", src: `
func f(req *pb.CreateReq) error {
	k := req.GetIdempotencyKey()
	if k == "" {
		return errors.New("idempotency_key is required")
	}
	insert(k)
	return nil
}`},
	{name: "Get method of a non-protobuf type is not a source", q: "empty", src: `
func f(x *pb.Plain) { insert(x.GetKey()) }`},
	{name: "protobuf string field read directly", q: "empty", want: Empty,
		reason: "empty when the CreateReq message has no idempotency_key", src: `
func f(req *pb.CreateReq) { insert(req.IdempotencyKey) }`},
	{name: "protobuf optional field", q: "null", want: Nil,
		reason: "nil when the CreateReq message has no request_id", src: `
func f(req *pb.CreateReq) { insert(req.RequestId) }`},
	{name: "protobuf getter after req.Validate() checked", q: "empty", src: `
func f(req *pb.CreateReq) error {
	if err := req.Validate(); err != nil {
		return err
	}
	insert(req.GetIdempotencyKey())
	return nil
}`},
	{name: "protobuf field after req.Validate() ignored", q: "empty", want: Empty, reason: "CreateReq message has no idempotency_key", src: `
func f(req *pb.CreateReq) error {
	_ = req.Validate()
	insert(req.IdempotencyKey)
	return nil
}`},
	{name: "protobuf field after req.Validate() checked", q: "empty", src: `
func f(req *pb.CreateReq) error {
	if err := req.Validate(); err != nil {
		return err
	}
	insert(req.IdempotencyKey)
	return nil
}`},
	{name: "protobuf getter checked, the field inserted", q: "empty", src: `
func f(req *pb.CreateReq) error {
	if req.GetIdempotencyKey() == "" {
		return errors.New("idempotency_key is required")
	}
	insert(req.IdempotencyKey)
	return nil
}`},
	{name: "protobuf field checked, the getter inserted", q: "empty", src: `
func f(req *pb.CreateReq) error {
	if req.IdempotencyKey == "" {
		return errors.New("idempotency_key is required")
	}
	insert(req.GetIdempotencyKey())
	return nil
}`},
	{name: "protobuf getter checked, the getter called again", q: "empty", src: `
func f(req *pb.CreateReq) error {
	if req.GetIdempotencyKey() == "" {
		return errors.New("idempotency_key is required")
	}
	insert(req.GetIdempotencyKey())
	return nil
}`},
	{name: "protobuf getter of another message checked", q: "empty", want: Empty,
		reason: "empty when the CreateReq message has no idempotency_key", src: `
func f(req, other *pb.CreateReq) error {
	if other.GetIdempotencyKey() == "" {
		return errors.New("idempotency_key is required")
	}
	insert(req.IdempotencyKey)
	return nil
}`},
	{name: "protobuf optional field, checked", q: "null", src: `
func f(req *pb.CreateReq) {
	if req.RequestId == nil {
		return
	}
	insert(req.RequestId)
}`},
}

func init() { cases = append(cases, inputCases...) }

// TestFieldQueries asks about a field of an argument, as the analyzer
// does for a call of a function that writes that field into a key.
func TestFieldQueries(t *testing.T) {
	for _, tc := range []struct {
		name, src, q, field string
		want                Kind
	}{
		{"decoded struct passed by value", `
func store(in Body)
func f(r *http.Request) {
	var in Body
	_ = json.NewDecoder(r.Body).Decode(&in)
	store(in)
}`, "null", "IdempotencyKey", Nil},
		{"decoded struct passed by pointer", `
func store(in *Body)
func f(r *http.Request) {
	in := &Body{}
	_ = json.NewDecoder(r.Body).Decode(in)
	store(in)
}`, "empty", "Key", Empty},
		{"decoded, checked, passed", `
func store(in Body)
func f(r *http.Request) {
	var in Body
	_ = json.NewDecoder(r.Body).Decode(&in)
	if in.IdempotencyKey == nil {
		return
	}
	store(in)
}`, "null", "IdempotencyKey", 0},
		{"literal leaving the field out", `
func store(in Body)
func f() { store(Body{SessionID: "s"}) }`, "null", "IdempotencyKey", Nil},
		{"*string field pointing at a header", `
func store(in Body)
func f(r *http.Request) {
	h := r.Header.Get("K")
	store(Body{IdempotencyKey: &h})
}`, "empty", "IdempotencyKey", Empty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkg, _, _ := build(t, tc.src)
			fn := pkg.Func("f")
			call := callTo(fn, "store")
			if call == nil {
				t.Fatal("no call to store")
			}
			v := ArgValue(fn, call, callExpr(fn, call).Args[0])
			c := New(Options{})
			var got Verdict
			var ok bool
			if tc.q == "null" {
				got, ok = c.MayBeNullField(fn, v, []string{tc.field}, call)
			} else {
				got, ok = c.MayBeEmptyField(fn, v, []string{tc.field}, call)
			}
			if ok != (tc.want != 0) || ok && got.Kind != tc.want {
				t.Fatalf("got %v %v (%s), want %v\n%s", ok, got.Kind, got.Reason, tc.want, dump(fn))
			}
			t.Logf("%v: %s", got.Kind, got.Reason)
		})
	}
}

func callTo(fn *ssa.Function, name string) *ssa.Call {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if c, ok := in.(*ssa.Call); ok {
				if callee := c.Call.StaticCallee(); callee != nil && callee.Name() == name {
					return c
				}
			}
		}
	}
	return nil
}
