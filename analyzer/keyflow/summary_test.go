package keyflow

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// Results of functions (summary.go): a call of a helper that can return
// nil or "" is a source; the reason names the path inside the helper.
var summaryCases = []tcase{
	{name: "helper returns Header.Get", q: "empty", want: Empty,
		reason: `keyOf returns r.Header.Get("Idempotency-Key"), empty when the Idempotency-Key header is absent (Header.Get, p.go:`, src: `
func keyOf(r *http.Request) string { return r.Header.Get("Idempotency-Key") }
func f(r *http.Request) {
	k := keyOf(r) // origin
	insert(k)
}`},
	{name: "helper falls back to a uuid", q: "empty", src: `
func keyOf(r *http.Request) string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return k
	}
	return uuid.NewString()
}
func f(r *http.Request) { insert(keyOf(r)) }`},
	{name: "caller checks the helper's result", q: "empty", src: `
func keyOf(r *http.Request) string { return r.Header.Get("Idempotency-Key") }
func f(r *http.Request) {
	k := keyOf(r)
	if k == "" {
		return
	}
	insert(k)
}`},
	{name: "helper through a helper", q: "empty", want: Empty, reason: "p.outer returns keyOf(r), p.keyOf returns", src: `
func keyOf(r *http.Request) string { return r.Header.Get("Idempotency-Key") }
func outer(r *http.Request) string { return keyOf(r) }
func f(r *http.Request) { insert(outer(r)) }`},
	{name: `helper returns "" only beside an error`, q: "empty", src: `
func keyOf(r *http.Request) (string, error) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return "", errors.New("no key")
	}
	return k, nil
}
func f(r *http.Request) error {
	k, err := keyOf(r)
	if err != nil {
		return err
	}
	insert(k)
	return nil
}`},
	{name: `helper returns "" with a nil error`, q: "empty", want: Empty, reason: "keyOf can return an empty string literal", src: `
func keyOf(r *http.Request) (string, error) {
	if cond() {
		return "", nil
	}
	return uuid.NewString(), nil
}
func f(r *http.Request) {
	k, _ := keyOf(r)
	insert(k)
}`},
	{name: "helper returns a nil pointer", q: "null", want: Nil, reason: "keyPtr returns p, nil when the K header is absent (var p, p.go:", src: `
func keyPtr(r *http.Request) *string {
	var p *string
	if h := r.Header.Get("K"); h != "" {
		p = &h
	}
	return p
}
func f(r *http.Request) { insert(keyPtr(r)) }`},
	{name: "helper returns an invalid NullString", q: "null", want: Invalid, reason: "nullKey", src: `
func nullKey(r *http.Request) sql.NullString {
	s := r.Header.Get("K")
	return sql.NullString{String: s, Valid: s != ""}
}
func f(r *http.Request) { insert(nullKey(r)) }`},
	{name: "a parameter passed through a helper stays unknown", q: "null", src: `
func nullKey(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
func f(s string) { insert(nullKey(s)) }`},
	{name: "nil-receiver branch of a method is not a result", q: "empty", src: `
type Req struct{ key string }
func (r *Req) Key() string {
	if r == nil {
		return ""
	}
	return r.key
}
func f(r *Req) { insert(r.Key()) }`},
	{name: "helper nil only for an empty argument (return)", q: "null", src: `
func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
func f() { insert(ptr(uuid.NewString())) }`},
	{name: "helper nil only for an empty argument (phi)", q: "null", src: `
func ptr(s string) *string {
	var p *string
	if s != "" {
		p = &s
	}
	return p
}
func f() { insert(ptr(uuid.NewString())) }`},
	{name: "helper checks its parameter, then reads a header", q: "empty", want: Empty, reason: "keyOf returns r.Header.Get", src: `
func keyOf(r *http.Request) string {
	if r == nil {
		return uuid.NewString()
	}
	return r.Header.Get("K")
}
func f(r *http.Request) { insert(keyOf(r)) }`},
	{name: "recursive helpers do not loop", q: "empty", src: `
func a(n int) string {
	if n > 0 {
		return b(n - 1)
	}
	return uuid.NewString()
}
func b(n int) string { return a(n) }
func f() { insert(a(3)) }`},
	{name: "MayReturnBad: a fact says the imported helper can return empty", q: "empty", want: Empty,
		mayReturnEmpty: "makeKey", reason: "makeKey returns h.Get(k), empty when the header is absent (keys.go:9)", src: `
func f() { insert(makeKey()) }`},
	{name: "MayReturnBad: no fact for the helper", q: "empty", mayReturnEmpty: "otherKey", src: `
func f() { insert(makeKey()) }`},
	{name: "map lookup of a map[string]string", q: "empty", want: Empty,
		reason: "empty when keys has no entry for id (map lookup, line", src: `
func f(keys map[string]string, id string) { insert(keys[id]) }`},
	{name: "comma-ok map lookup, ok checked", q: "empty", src: `
func f(keys map[string]string, id string) {
	k, ok := keys[id]
	if !ok {
		return
	}
	insert(k)
}`},
	{name: "comma-ok map lookup, ok ignored", q: "empty", want: Empty, reason: "map lookup", src: `
func f(keys map[string]string, id string) {
	k, _ := keys[id]
	insert(k)
}`},
	{name: "map lookup of a map[string]*string", q: "null", want: Nil, reason: "nil when keys has no entry for id", src: `
func f(keys map[string]*string, id string) { insert(keys[id]) }`},
	{name: "map built here is left alone", q: "empty", src: `
func f(id string) {
	m := map[string]string{"a": uuid.NewString()}
	insert(m["a"])
}`},
	{name: "helper returning a map lookup", q: "empty", want: Empty, reason: "lookup returns cache[id], empty when cache has no entry for id", src: `
var cache map[string]string
func lookup(id string) string { return cache[id] }
func f(id string) { insert(lookup(id)) }`},
}

func init() { cases = append(cases, summaryCases...) }

func TestSummarize(t *testing.T) {
	pkg, _, _ := build(t, `
func keyOf(r *http.Request) string { return r.Header.Get("Idempotency-Key") }
func both(r *http.Request) (*string, string) {
	if cond() {
		return nil, "x"
	}
	s := uuid.NewString()
	return &s, r.URL.Query().Get("k")
}
func safeKey() string { return uuid.NewString() }
func f() {}`)
	c := New(Options{})
	got := c.Summarize(pkg.Func("keyOf"))
	if len(got) != 1 || got[0].Index != 0 || got[0].Nil != "" || got[0].Invalid != "" ||
		!strings.HasPrefix(got[0].Empty, `p.keyOf returns r.Header.Get("Idempotency-Key"), empty when the Idempotency-Key header is absent (Header.Get, p.go:`) {
		t.Errorf("keyOf: %+v", got)
	}
	got = c.Summarize(pkg.Func("both"))
	if len(got) != 2 || got[0].Index != 0 || got[0].Nil == "" || got[1].Index != 1 || got[1].Empty == "" {
		t.Errorf("both: %+v", got)
	}
	if got := c.Summarize(pkg.Func("safeKey")); got != nil {
		t.Errorf("safeKey: %+v", got)
	}
	if got := c.Summarize(pkg.Func("f")); got != nil {
		t.Errorf("f: %+v", got)
	}
}

// BenchmarkHelpersAndInputs measures one query through n helper calls
// (each summarised on first use, with a fresh Checker per iteration) and
// one on a decoded, validated body.
func BenchmarkHelpersAndInputs(b *testing.B) {
	for _, n := range []int{50, 400} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var src strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&src, "\nfunc h%d(r *http.Request) string {\n\tk := r.Header.Get(\"K%d\")\n\tif k == \"\" {\n\t\treturn uuid.NewString()\n\t}\n\treturn strings.TrimSpace(k)\n}\n", i, i)
			}
			src.WriteString("\nfunc f(r *http.Request, c []bool) error {\n\tvar in Checked\n\tif err := json.NewDecoder(r.Body).Decode(&in); err != nil {\n\t\treturn err\n\t}\n\tkey := h0(r)\n")
			for i := 1; i < n; i++ {
				fmt.Fprintf(&src, "\tif c[%d] {\n\t\tkey = h%d(r)\n\t}\n", i, i)
			}
			src.WriteString("\tif err := validate.Struct(in); err != nil {\n\t\treturn err\n\t}\n\tinsert(key, in.Key)\n\treturn nil\n}\n")
			pkg, _, _ := build(b, src.String())
			fn := pkg.Func("f")
			call := insertCalls(fn)[0]
			ce := callExpr(fn, call)
			k1, k2 := ArgValue(fn, call, ce.Args[0]), ArgValue(fn, call, ce.Args[1])
			b.ResetTimer()
			for b.Loop() {
				c := New(Options{})
				if _, bad := c.MayBeEmpty(fn, k1, call); bad {
					b.Fatal("helpers fall back to a uuid")
				}
				if _, bad := c.MayBeEmpty(fn, k2, call); bad {
					b.Fatal("the key is validated")
				}
			}
		})
	}
}
