package keyflow

import (
	"fmt"
	"go/types"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
)

type tcase struct {
	name string
	q    string // "null" or "empty"
	src  string // declares func f, which calls insert once
	want Kind   // 0: no report
	// reason, if set, must be a substring of Verdict.Reason. A line
	// marked "// origin" in src must hold Verdict.Origin.
	reason    string
	alwaysKey string // name of a function the AlwaysKey option vouches for
	// mayReturnEmpty names a function that Options.MayReturnBad says can
	// return "" (as a fact from another package would).
	mayReturnEmpty string
	// written, if set ("yes" or "no"), is what Verdict.Written must be.
	written string
	// zero is what Verdict.Zero must be: the zero of a fixed-size ID
	// (ids_test.go), "" for every other key.
	zero string
}

var cases = []tcase{
	// ---- nil sources ----
	{name: "nil literal", q: "null", want: Nil, reason: "nil", src: `
func f() { insert(nil) }`},
	{name: "var decl without value, set only when header present", q: "null", want: Nil,
		reason: "nil when the Idempotency-Key header is absent (var key, line", src: `
func f(r *http.Request) {
	var key *string // origin
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	insert(key)
}`},
	{name: "var decl without value, nil guard returns", q: "null", src: `
func f(r *http.Request) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if key == nil {
		return errors.New("missing key")
	}
	insert(key)
	return nil
}`},
	{name: "address of local is not nil", q: "null", src: `
func f() { s := "x"; insert(&s) }`},
	{name: "new is not nil", q: "null", src: `
func f() { p := new(string); insert(p) }`},
	{name: "lo.EmptyableToPtr of header", q: "null", want: Nil, reason: "EmptyableToPtr", src: `
func f(r *http.Request) { insert(lo.EmptyableToPtr(r.Header.Get("Idempotency-Key"))) }`},
	{name: "lo.ToPtr is never nil", q: "null", src: `
func f(r *http.Request) { insert(lo.ToPtr(r.Header.Get("Idempotency-Key"))) }`},
	{name: "unknown pointer parameter", q: "null", src: `
func f(key *string) { insert(key) }`},
	{name: "SA5011: nil-checked but inserted anyway", q: "null", want: Nil,
		reason: "compared with nil at line", src: `
func f(key *string) {
	if key == nil { // origin
		log.Print("no key")
	}
	insert(key)
}`},
	{name: "SA5011 negative: the nil check panics", q: "null", src: `
func f(key *string) {
	if key == nil {
		panic("no key")
	}
	insert(key)
}`},
	{name: "access path: guard on one load of in.Key covers another", q: "null", src: `
func f(in *In) error {
	if in.Key == nil {
		return errors.New("no key")
	}
	insert(in.Key)
	return nil
}`},
	{name: "access path: SA5011 on in.Key", q: "null", want: Nil, reason: "compared with nil", src: `
func f(in *In) {
	if in.Key == nil { // origin
		log.Print("no key")
	}
	insert(in.Key)
}`},
	{name: "access path: struct value parameter", q: "null", src: `
func f(in In) {
	if in.Key == nil {
		return
	}
	insert(in.Key)
}`},
	{name: "phi: nil replaced by a generated key", q: "null", src: `
func f(key *string) {
	if key == nil {
		s := uuid.NewString()
		key = &s
	}
	insert(key)
}`},
	{name: "&& guard", q: "null", src: `
func f(key *string, ok bool) {
	if key != nil && ok {
		insert(key)
	}
}`},
	{name: "|| guard", q: "null", src: `
func f(key *string, ok bool) {
	if key == nil || !ok {
		return
	}
	insert(key)
}`},
	{name: "store to in.Key on the nil path", q: "null", src: `
func f(in *In) {
	if in.Key == nil {
		s := uuid.NewString()
		in.Key = &s
	}
	insert(in.Key)
}`},
	{name: "composite literal leaves pointer field unset", q: "null", want: Nil,
		reason: "KeyPtr is not set in the Msg literal", src: `
func f(b string) {
	m := Msg{Body: b} // origin
	insert(m.KeyPtr)
}`},
	{name: "composite literal sets pointer field", q: "null", src: `
func f(b string) {
	m := Msg{Body: b, KeyPtr: &b}
	insert(m.KeyPtr)
}`},
	{name: "nil from one branch of a switch", q: "null", want: Nil, reason: "nil", src: `
func f(kind int) {
	var key *string
	switch kind {
	case 1:
		s := uuid.NewString()
		key = &s
	}
	insert(key)
}`},

	// ---- comma-ok type assertions: the zero value when x holds no T ----
	{name: "context value asserted with ok ignored", q: "empty", want: Empty,
		reason: "empty when the context holds no string for ctxKey{} (type assertion", src: `
type ctxKey struct{}
func f(ctx context.Context) {
	k, _ := ctx.Value(ctxKey{}).(string) // origin
	insert(k)
}`},
	{name: "context value asserted, ok checked", q: "empty", src: `
type ctxKey struct{}
func f(ctx context.Context) error {
	k, ok := ctx.Value(ctxKey{}).(string)
	if !ok {
		return errors.New("no key")
	}
	insert(k)
	return nil
}`},
	{name: "any asserted with ok ignored, pointer", q: "null", want: Nil, reason: "nil when v is not a *string", src: `
func f(v any) {
	k, _ := v.(*string)
	insert(k)
}`},
	{name: "assertion without comma-ok panics instead", q: "empty", src: `
type ctxKey struct{}
func f(ctx context.Context) {
	insert(ctx.Value(ctxKey{}).(string))
}`},

	// ---- Invalid (NULL) structs ----
	{name: "sql.NullString with Valid unset", q: "null", want: Invalid,
		reason: "Valid is not set in the sql.NullString literal", src: `
func f(s string) {
	k := sql.NullString{String: s} // origin
	insert(k)
}`},
	{name: "a row literal leaves its sql.NullString key out", q: "null", want: Invalid,
		reason: "Key is not set in the row literal", src: `
type row struct{ ID int; Key sql.NullString }
func f() {
	r := &row{ID: 1}
	insert(r.Key)
}`},
	{name: "a row literal sets its sql.NullString key without Valid", q: "null", want: Invalid,
		reason: "Valid is not set in the", src: `
type row struct{ ID int; Key sql.NullString }
func f(s string) {
	r := &row{ID: 1, Key: sql.NullString{String: s}}
	insert(r.Key)
}`},
	{name: "sql.NullString with Valid: true", q: "null", src: `
func f(s string) { insert(sql.NullString{String: s, Valid: true}) }`},
	{name: "sql.NullString with Valid: false", q: "null", want: Invalid, reason: "Valid is false", src: `
func f(s string) { insert(sql.NullString{String: s, Valid: false}) }`},
	{name: "Valid: s != \"\" with s from a header", q: "null", want: Invalid,
		reason: "Valid is false when the Idempotency-Key header is absent (Header.Get, line", src: `
func f(r *http.Request) {
	s := r.Header.Get("Idempotency-Key") // origin
	insert(sql.NullString{String: s, Valid: s != ""})
}`},
	{name: "Valid: s != \"\" with s unknown", q: "null", src: `
func f(s string) { insert(sql.NullString{String: s, Valid: s != ""}) }`},
	{name: "Valid: s != \"\" after an empty guard", q: "null", src: `
func f(r *http.Request) {
	s := r.Header.Get("Idempotency-Key")
	if s == "" {
		return
	}
	insert(sql.NullString{String: s, Valid: s != ""})
}`},
	{name: "zero sql.NullString var", q: "null", want: Invalid, reason: "zero sql.NullString", src: `
func f() {
	var k sql.NullString
	insert(k)
}`},
	{name: "fields assigned one by one, Valid set", q: "null", src: `
func f(s string) {
	var k sql.NullString
	k.String = s
	k.Valid = true
	insert(k)
}`},
	{name: "fields assigned one by one, Valid never set", q: "null", want: Invalid, reason: "k.Valid may be left unset", src: `
func f(s string) {
	var k sql.NullString
	k.String = s
	insert(k)
}`},
	{name: "Valid set on one branch only", q: "null", want: Invalid, src: `
func f(s string) {
	var k sql.NullString
	k.String = s
	if cond() {
		k.Valid = true
	}
	insert(k)
}`},
	{name: "!k.Valid guard", q: "null", src: `
func f(k sql.NullString) {
	if !k.Valid {
		return
	}
	insert(k)
}`},
	{name: "SA5011: Valid checked but inserted anyway", q: "null", want: Invalid, reason: "Valid checked at line", src: `
func f(k sql.NullString) {
	if !k.Valid { // origin
		log.Print("no key")
	}
	insert(k)
}`},
	{name: "sql.Null[string] without Valid", q: "null", want: Invalid, reason: "sql.Null[string] literal", src: `
func f(s string) { insert(sql.Null[string]{V: s}) }`},
	{name: "pgtype.Text without Valid", q: "null", want: Invalid, reason: "pgtype.Text", src: `
func f(s string) { insert(pgtype.Text{String: s}) }`},
	{name: "pgtype.Text with Valid", q: "null", src: `
func f(s string) { insert(pgtype.Text{String: s, Valid: true}) }`},
	{name: "pgtype.UUID without Valid", q: "null", want: Invalid, src: `
func f(b [16]byte) { insert(pgtype.UUID{Bytes: b}) }`},
	{name: "uuid.NullUUID without Valid", q: "null", want: Invalid, reason: "uuid.NullUUID", src: `
func f() { insert(uuid.NullUUID{UUID: uuid.New()}) }`},
	{name: "uuid.NullUUID with Valid", q: "null", src: `
func f() { insert(uuid.NullUUID{UUID: uuid.New(), Valid: true}) }`},
	{name: "uuid.NullUUID, Valid is the parse of a header", q: "null", want: Invalid,
		reason: "Valid is false when uuid.Parse fails, as it does when the Idempotency-Key header is absent", src: `
func f(r *http.Request) {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	insert(uuid.NullUUID{UUID: id, Valid: err == nil})
}`},
	{name: "uuid.NullUUID, Valid is the parse of a header whose error was handled", q: "null", src: `
func f(r *http.Request) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	if err != nil {
		return err
	}
	insert(uuid.NullUUID{UUID: id, Valid: err == nil})
	return nil
}`},
	{name: "uuid.NullUUID, Valid is the parse of a parameter", q: "null", src: `
func f(s string) {
	id, err := uuid.Parse(s)
	insert(uuid.NullUUID{UUID: id, Valid: err == nil})
}`},
	{name: "pointer to NullString literal, Valid unset", q: "null", want: Invalid, src: `
func f(s string) {
	k := &sql.NullString{String: s}
	insert(*k)
}`},

	// ---- empty sources ----
	{name: "Header.Get", q: "empty", want: Empty,
		reason: "empty when the Idempotency-Key header is absent (Header.Get, line", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // origin
	insert(key)
}`},
	{name: "Header.Get, == \"\" guard returns", q: "empty", src: `
func f(r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing")
	}
	insert(key)
	return nil
}`},
	{name: "Header.Get, len == 0 guard", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) == 0 {
		return
	}
	insert(key)
}`},
	{name: "Header.Get, len < 1 guard", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) < 1 {
		return
	}
	insert(key)
}`},
	{name: "Header.Get, panic guard", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		panic("no key")
	}
	insert(key)
}`},
	{name: "Header.Get, insert inside != \"\"", q: "empty", src: `
func f(r *http.Request) {
	if key := r.Header.Get("Idempotency-Key"); key != "" {
		insert(key)
	}
}`},
	{name: "Header.Get, insert inside len > 0", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 0 {
		insert(key)
	}
}`},
	{name: "Header.Get, switch case \"\" returns", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	switch key {
	case "":
		return
	}
	insert(key)
}`},
	{name: "phi: empty header replaced by uuid", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		key = uuid.NewString()
	}
	insert(key)
}`},
	{name: "phi: empty header replaced by uuid.New().String()", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		key = uuid.New().String()
	}
	insert(key)
}`},
	{name: "phi: empty header replaced only sometimes", q: "empty", want: Empty, reason: "Header.Get", src: `
func f(r *http.Request, gen bool) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" && gen {
		key = uuid.NewString()
	}
	insert(key)
}`},
	{name: "empty literal unless cond", q: "empty", want: Empty, reason: "empty unless cond()", src: `
func f() {
	key := ""
	if cond() {
		key = uuid.NewString()
	}
	insert(key)
}`},
	{name: "URL query", q: "empty", want: Empty, reason: `empty when the "key" query parameter is absent (Query().Get, line`, src: `
func f(r *http.Request) { insert(r.URL.Query().Get("key")) }`},
	{name: "FormValue", q: "empty", want: Empty, reason: "form value", src: `
func f(r *http.Request) { insert(r.FormValue("idempotency_key")) }`},
	{name: "PostFormValue guarded", q: "empty", src: `
func f(r *http.Request) {
	k := r.PostFormValue("k")
	if k == "" {
		return
	}
	insert(k)
}`},
	{name: "os.Getenv", q: "empty", want: Empty, reason: "$IDEM_KEY is unset (os.Getenv", src: `
func f() { insert(os.Getenv("IDEM_KEY")) }`},
	{name: "gin GetHeader", q: "empty", want: Empty, reason: "Idempotency-Key header is absent (GetHeader", src: `
func f(c *gin.Context) { insert(c.GetHeader("Idempotency-Key")) }`},
	{name: "gin Query", q: "empty", want: Empty, reason: "query parameter", src: `
func f(c *gin.Context) { insert(c.Query("key")) }`},
	{name: "gin PostForm", q: "empty", want: Empty, src: `
func f(c *gin.Context) { insert(c.PostForm("key")) }`},
	{name: "gin Param", q: "empty", want: Empty, src: `
func f(c *gin.Context) { insert(c.Param("id")) }`},
	{name: "gin DefaultQuery with empty default", q: "empty", want: Empty, src: `
func f(c *gin.Context) { insert(c.DefaultQuery("key", "")) }`},
	{name: "gin DefaultQuery with a default", q: "empty", src: `
func f(c *gin.Context) { insert(c.DefaultQuery("key", "none")) }`},
	{name: "echo QueryParam (interface method)", q: "empty", want: Empty, reason: "QueryParam", src: `
func f(c echo.Context) { insert(c.QueryParam("key")) }`},
	{name: "echo FormValue guarded", q: "empty", src: `
func f(c echo.Context) error {
	k := c.FormValue("key")
	if k == "" {
		return errors.New("no key")
	}
	insert(k)
	return nil
}`},
	{name: "echo Request().Header.Get", q: "empty", want: Empty, reason: "Header.Get", src: `
func f(c echo.Context) { insert(c.Request().Header.Get("Idempotency-Key")) }`},
	{name: "chi URLParam", q: "empty", want: Empty, reason: `"id" URL parameter is empty (chi.URLParam`, src: `
func f(r *http.Request) { insert(chi.URLParam(r, "id")) }`},
	{name: "fiber Get", q: "empty", want: Empty, reason: "Ctx.Get", src: `
func f(c *fiber.Ctx) { insert(c.Get("Idempotency-Key")) }`},
	{name: "fiber Query with a default", q: "empty", src: `
func f(c *fiber.Ctx) { insert(c.Query("key", "x")) }`},
	{name: "lo.FromPtr of a maybe-nil pointer", q: "empty", want: Empty, reason: "lo.FromPtr", src: `
func f() {
	var p *string
	if cond() {
		s := uuid.NewString()
		p = &s
	}
	insert(lo.FromPtr(p))
}`},
	{name: "TrimSpace propagates", q: "empty", want: Empty, reason: "Header.Get", src: `
func f(r *http.Request) { insert(strings.ToLower(strings.TrimSpace(r.Header.Get("K")))) }`},
	{name: "guard on TrimSpace covers the value", q: "empty", src: `
func f(r *http.Request) {
	key := r.Header.Get("K")
	if strings.TrimSpace(key) == "" {
		return
	}
	insert(key)
}`},
	{name: "composite literal leaves string field unset", q: "empty", want: Empty,
		reason: "IdempotencyKey is not set in the Msg literal", src: `
func f(b string) {
	m := Msg{Body: b} // origin
	insert(m.IdempotencyKey)
}`},
	{name: "pointer composite literal leaves field unset", q: "empty", want: Empty, src: `
func f(b string) {
	m := &Msg{Body: b}
	insert(m.IdempotencyKey)
}`},
	{name: "composite literal field set later", q: "empty", src: `
func f(b string) {
	m := &Msg{Body: b}
	m.IdempotencyKey = uuid.NewString()
	insert(m.IdempotencyKey)
}`},
	{name: "pointer field of a literal points at a generated key", q: "empty", src: `
func f() {
	s := uuid.NewString()
	m := &Msg{KeyPtr: &s}
	insert(m.KeyPtr)
}`},
	{name: "pointer field of a literal points at a header value", q: "empty", want: Empty, reason: "Header.Get", src: `
func f(r *http.Request) {
	s := r.Header.Get("K")
	m := &Msg{KeyPtr: &s}
	insert(m.KeyPtr)
}`},
	{name: "composite literal escapes to an unknown call", q: "empty", src: `
func fill(m *Msg)
func f(b string) {
	m := &Msg{Body: b}
	fill(m)
	insert(m.IdempotencyKey)
}`},

	// ---- generators ----
	{name: "uuid.NewString", q: "empty", src: `
func f() { insert(uuid.NewString()) }`},
	{name: "uuid.Must(uuid.NewRandom()).String()", q: "empty", src: `
func f() { insert(uuid.Must(uuid.NewRandom()).String()) }`},
	{name: "gofrs NewV4 String", q: "empty", src: `
func f() { insert(gofrs.Must(gofrs.NewV4()).String()) }`},
	{name: "ulid, xid, ksuid", q: "empty", src: `
func f() { insert(ulid.Make().String() + xid.New().String() + ksuid.New().String()) }`},
	{name: "hex of a hash", q: "empty", src: `
func f(body []byte) {
	sum := sha256.Sum256(body)
	insert(hex.EncodeToString(sum[:]))
}`},
	{name: "Sprintf with constant text", q: "empty", src: `
func f(id int) { insert(fmt.Sprintf("order-%d", id)) }`},
	{name: "Sprintf of a tenant and a key that can be empty", q: "empty", want: Empty, zero: "the same value for every request without a key",
		reason: `fmt.Sprintf("%s:%s", …) is its other parts alone when r.Header.Get("Idempotency-Key") is empty: empty when the Idempotency-Key header is absent`, src: `
func f(r *http.Request, tenant string) {
	key := r.Header.Get("Idempotency-Key")
	insert(fmt.Sprintf("%s:%s", tenant, key))
}`},
	{name: "Sprintf of a key and a generated part", q: "empty", src: `
func f(r *http.Request) {
	insert(fmt.Sprintf("%s:%s", r.Header.Get("Idempotency-Key"), uuid.NewString()))
}`},
	{name: "Sprintf of an id and an optional part not named as a key", q: "empty", src: `
func f(r *http.Request, eventID string) {
	insert(fmt.Sprintf("%s:%s", eventID, r.URL.Query().Get("variant")))
}`},
	{name: "Sprintf of a tenant and a checked key", q: "empty", src: `
func f(r *http.Request, tenant string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("key required")
	}
	insert(fmt.Sprintf("%s:%s", tenant, key))
	return nil
}`},
	{name: "concatenation with a constant", q: "empty", src: `
func f(r *http.Request) { insert("k-" + r.Header.Get("K")) }`},
	{name: "concatenation of two maybe-empty headers", q: "empty", want: Empty, src: `
func f(r *http.Request) { insert(r.Header.Get("A") + r.Header.Get("B")) }`},
	{name: "strconv.Itoa", q: "empty", src: `
func f(n int) { insert(strconv.Itoa(n)) }`},

	// ---- unknowns and SA5011 for strings ----
	{name: "unknown string parameter", q: "empty", src: `
func f(key string) { insert(key) }`},
	{name: "unknown call result", q: "empty", src: `
func f() { insert(makeKey()) }`},
	{name: "SA5011: compared with \"\" but inserted anyway", q: "empty", want: Empty,
		reason: `compared with "" at line`, src: `
func f(key string) {
	if key == "" { // origin
		log.Print("no key")
	}
	insert(key)
}`},
	{name: "SA5011: generated key compared is not reported", q: "empty", src: `
func f() {
	key := uuid.NewString()
	if key == "" {
		log.Print("impossible")
	}
	insert(key)
}`},
	{name: "SA5011 with AlwaysKey unset: reported", q: "empty", want: Empty, src: `
func f() {
	key := makeKey()
	if key == "" {
		log.Print("impossible")
	}
	insert(key)
}`},
	{name: "SA5011 with AlwaysKey vouching for makeKey", q: "empty", alwaysKey: "makeKey", src: `
func f() {
	key := makeKey()
	if key == "" {
		log.Print("impossible")
	}
	insert(key)
}`},
	{name: "access path: in.SKey guard on another load", q: "empty", src: `
func f(in *In) error {
	if in.SKey == "" {
		return errors.New("no key")
	}
	insert(in.SKey)
	return nil
}`},
	{name: "access path: in.SKey SA5011", q: "empty", want: Empty, src: `
func f(in *In) {
	if len(in.SKey) == 0 { // origin
		log.Print("no key")
	}
	insert(in.SKey)
}`},
	{name: "access path: in.SKey replaced when empty", q: "empty", src: `
func f(in *In) {
	if in.SKey == "" {
		in.SKey = uuid.NewString()
	}
	insert(in.SKey)
}`},
	{name: "address-taken struct param, guard", q: "empty", src: `
func f(in In) {
	p := &in
	_ = p
	if in.SKey == "" {
		return
	}
	insert(in.SKey)
}`},
	{name: "guard in the other branch does not cover", q: "empty", want: Empty, src: `
func f(r *http.Request, strict bool) {
	key := r.Header.Get("K")
	if strict {
		if key == "" {
			return
		}
	}
	insert(key)
}`},
	{name: "guard on both branches covers", q: "empty", src: `
func f(r *http.Request, strict bool) {
	key := r.Header.Get("K")
	if strict {
		if key == "" {
			return
		}
	} else {
		if key == "" {
			panic("x")
		}
	}
	insert(key)
}`},
	{name: "*string deref: pointer to a header value", q: "empty", want: Empty, reason: "Header.Get", src: `
func f(r *http.Request) {
	h := r.Header.Get("K")
	insert(&h)
}`},
	{name: "*string deref: set only when non-empty", q: "empty", src: `
func f(r *http.Request) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	insert(key)
}`},
	{name: "NullString String from a header", q: "empty", want: Empty, src: `
func f(r *http.Request) {
	insert(sql.NullString{String: r.Header.Get("K"), Valid: true})
}`},
	{name: "loop: concatenation starting from empty", q: "empty", want: Empty, src: `
func f(parts []string) {
	key := ""
	for _, p := range parts {
		key += p
	}
	insert(key)
}`},
	{name: "loop: guard inside the loop before insert", q: "empty", src: `
func f(r *http.Request, n int) {
	for i := 0; i < n; i++ {
		key := r.Header.Get("K")
		if key == "" {
			continue
		}
		insert(key)
	}
}`},
	{name: "closure: insert inside a func literal", q: "empty", want: Empty, src: `
func f(r *http.Request) {
	key := r.Header.Get("K")
	func() {
		insert(key)
	}()
}`},
	{name: "SA5011 negative: check only after the insert", q: "empty", src: `
func f(key string) {
	insert(key)
	if key == "" {
		log.Print("inserted an empty key")
	}
}`},
	{name: "SA5011 negative: check belongs to the previous iteration", q: "empty", src: `
func f(n int) {
	for i := 0; i < n; i++ {
		key := makeKey()
		insert(key)
		if key == "" {
			log.Print("empty")
		}
	}
}`},
	{name: "non-variadic insert helper argument", q: "empty", want: Empty, src: `
func insertOne(q string, key string)
func f(r *http.Request) {
	insertOne("INSERT", r.Header.Get("K"))
	insert(r.Header.Get("K"))
}`},
	{name: "NullString replaced by a valid one only when the header is present", q: "null", want: Invalid,
		reason: "the zero sql.NullString when the K header is absent", src: `
func f(r *http.Request) {
	k := sql.NullString{}
	if h := r.Header.Get("K"); h != "" {
		k = sql.NullString{String: h, Valid: true}
	}
	insert(k)
}`},
	{name: "named string type with an empty guard", q: "empty", src: `
type Key string
func f(r *http.Request) {
	k := Key(r.Header.Get("K"))
	if k == "" {
		return
	}
	insert(k)
}`},
	{name: "string kind asked for NULL: never", q: "null", src: `
func f() { insert("") }`},
	{name: "empty literal", q: "empty", want: Empty, src: `
func f() { insert("") }`},
}

func TestCases(t *testing.T) {
	for _, tc := range append(cases, idCases...) {
		t.Run(tc.name, func(t *testing.T) {
			pkg, fset, preludeLines := build(t, tc.src)
			fn := pkg.Func("f")
			if fn == nil {
				t.Fatal("no func f")
			}
			fns := append([]*ssa.Function{fn}, fn.AnonFuncs...)
			var call *ssa.Call
			var owner *ssa.Function
			for _, g := range fns {
				if cs := insertCalls(g); len(cs) > 0 {
					call, owner = cs[0], g
					break
				}
			}
			if call == nil {
				t.Fatal("no call to insert")
			}
			ce := callExpr(owner, call)
			if ce == nil || len(ce.Args) == 0 {
				t.Fatal("no call syntax")
			}
			v := ArgValue(owner, call, ce.Args[0])
			if v == nil {
				t.Fatalf("ArgValue found nothing for %T", ce.Args[0])
			}
			opts := Options{}
			if tc.alwaysKey != "" {
				opts.AlwaysKey = func(f *types.Func) bool { return f.Name() == tc.alwaysKey }
			}
			if tc.mayReturnEmpty != "" {
				opts.MayReturnBad = func(f *types.Func) []ResultSummary {
					if f.Name() != tc.mayReturnEmpty {
						return nil
					}
					return []ResultSummary{{Index: 0, Empty: f.Name() + " returns h.Get(k), empty when the header is absent (keys.go:9)"}}
				}
			}
			c := New(opts)
			var got Verdict
			var ok bool
			switch tc.q {
			case "null":
				got, ok = c.MayBeNull(owner, v, call)
			case "empty":
				got, ok = c.MayBeEmpty(owner, v, call)
			default:
				t.Fatalf("bad query %q", tc.q)
			}
			if !ok {
				if tc.want != 0 {
					t.Fatalf("want %v, got no report\n%s", tc.want, dump(owner))
				}
				return
			}
			if tc.want == 0 {
				t.Fatalf("want no report, got %v: %s\n%s", got.Kind, got.Reason, dump(owner))
			}
			if got.Kind != tc.want {
				t.Errorf("kind = %v, want %v (%s)", got.Kind, tc.want, got.Reason)
			}
			if !strings.Contains(got.Reason, tc.reason) {
				t.Errorf("reason = %q, want it to contain %q", got.Reason, tc.reason)
			}
			if got.Zero != tc.zero {
				t.Errorf("Zero = %q, want %q (%s)", got.Zero, tc.zero, got.Reason)
			}
			if tc.written != "" && got.Written != (tc.written == "yes") {
				t.Errorf("Written = %v, want %s (%s)", got.Written, tc.written, got.Reason)
			}
			if strings.Contains(got.Reason, "line 0") || strings.Contains(got.Reason, "  ") {
				t.Errorf("badly formed reason %q", got.Reason)
			}
			for i, l := range strings.Split(tc.src, "\n") {
				if strings.Contains(l, "// origin") {
					if gl := fset.Position(got.Origin).Line; gl != preludeLines+i+1 {
						t.Errorf("origin on src line %d, want %d (%s)", gl-preludeLines, i+1, got.Reason)
					}
				}
			}
			t.Logf("%v: %s", got.Kind, got.Reason)
		})
	}
}

func dump(fn *ssa.Function) string {
	var b strings.Builder
	fn.WriteTo(&b)
	return b.String()
}

func TestArgValueNonVariadic(t *testing.T) {
	pkg, _, _ := build(t, `
func store(q string, key *string)
func f(r *http.Request) {
	var key *string
	if h := r.Header.Get("K"); h != "" {
		key = &h
	}
	store("INSERT", key)
}`)
	fn := pkg.Func("f")
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			c, ok := in.(*ssa.Call)
			if !ok || c.Call.StaticCallee() == nil || c.Call.StaticCallee().Name() != "store" {
				continue
			}
			ce := callExpr(fn, c)
			v := ArgValue(fn, c, ce.Args[1])
			if v == nil {
				t.Fatal("no value for key")
			}
			got, ok := MayBeNull(fn, v, c)
			if !ok || got.Kind != Nil {
				t.Fatalf("MayBeNull = %v, %v", got, ok)
			}
			if _, ok := MayBeEmpty(fn, v, c); ok {
				t.Fatalf("MayBeEmpty reported a pointer set only when non-empty")
			}
			return
		}
	}
	t.Fatal("no call to store")
}

// BenchmarkManyBranches measures one query on a function with n
// branches that each may replace, trim or check the key, with a fresh
// Checker each time (no caching across queries).
func BenchmarkManyBranches(b *testing.B) {
	for _, n := range []int{50, 400} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString("\nfunc f(r *http.Request, c []bool, in *In) {\n\tkey := r.Header.Get(\"K\")\n")
			for i := 0; i < n; i++ {
				switch i % 4 {
				case 0:
					fmt.Fprintf(&src, "\tif c[%d] {\n\t\tkey = strings.TrimSpace(key)\n\t}\n", i)
				case 1:
					fmt.Fprintf(&src, "\tif c[%d] && key == \"\" {\n\t\tkey = uuid.NewString()\n\t}\n", i)
				case 2:
					fmt.Fprintf(&src, "\tif c[%d] {\n\t\tin.SKey = key\n\t} else if in.SKey == \"\" {\n\t\tlog.Print(%d)\n\t}\n", i, i)
				case 3:
					fmt.Fprintf(&src, "\tfor j := 0; j < %d && c[j]; j++ {\n\t\tkey = key + in.SKey\n\t}\n", i)
				}
			}
			src.WriteString("\tif key == \"\" {\n\t\tkey = makeKey()\n\t}\n\tinsert(key, in.SKey)\n}\n")
			pkg, _, _ := build(b, src.String())
			fn := pkg.Func("f")
			call := insertCalls(fn)[0]
			ce := callExpr(fn, call)
			k1, k2 := ArgValue(fn, call, ce.Args[0]), ArgValue(fn, call, ce.Args[1])
			b.ResetTimer()
			for b.Loop() {
				c := New(Options{})
				c.MayBeEmpty(fn, k1, call)
				c.MayBeEmpty(fn, k2, call)
			}
		})
	}
}
