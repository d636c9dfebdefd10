package keyflow

import (
	"go/types"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Helpers whose result is NULL or empty exactly when an argument is
// (conditional summaries, summary.go), and Valid flags computed from a
// parameter: the caller's argument decides.
var condCases = []tcase{
	{name: "toNullText with a maybe-nil key", q: "null", want: Invalid, reason: "toNullText", src: `
func toNullText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}
func f(r *http.Request) {
	var key *string
	if h := r.Header.Get("K"); h != "" {
		key = &h
	}
	insert(toNullText(key))
}`},
	{name: "toNullText with a key that is never nil", q: "null", src: `
func toNullText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}
func f(r *http.Request) {
	h := uuid.NewString()
	insert(toNullText(&h))
}`},
	{name: "converting helper, var then set", q: "null", want: Invalid, reason: "nil", src: `
func toNull(p *string) sql.NullString {
	var t sql.NullString
	if p != nil {
		t = sql.NullString{String: *p, Valid: true}
	}
	return t
}
func f() {
	var b Body
	_ = json.Unmarshal(nil, &b)
	insert(toNull(b.IdempotencyKey))
}`},
	{name: "conversion at the insert, of a parameter: reported here, and the callers decide too", q: "null", want: Invalid, reason: "when in.Key is nil", src: `
func f(in *In) {
	var t pgtype.Text
	if in.Key != nil {
		t = pgtype.Text{String: *in.Key, Valid: true}
	}
	insert(t)
}`},
	{name: "Valid: s != empty in a helper, fed a header", q: "null", want: Invalid, reason: "empty when the K header is absent", src: `
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
func f(r *http.Request) {
	insert(nullString(r.Header.Get("K")))
}`},
	{name: "Valid: s != empty in a helper, fed a generated key", q: "null", src: `
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
func f(r *http.Request) {
	insert(nullString(uuid.NewString()))
}`},
	{name: "Valid: s != empty in a helper, fed a checked header", q: "null", src: `
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
func f(r *http.Request) {
	k := r.Header.Get("K")
	if k == "" {
		return
	}
	insert(nullString(k))
}`},
	{name: "Valid: field != empty of a struct parameter", q: "null", want: Invalid, src: `
func row(m Msg) sql.NullString { return sql.NullString{String: m.IdempotencyKey, Valid: m.IdempotencyKey != ""} }
func f(r *http.Request) {
	insert(row(Msg{Body: "x", IdempotencyKey: r.Header.Get("K")}))
}`},
	{name: "Valid: field != empty of a struct parameter, key set", q: "null", src: `
func row(m Msg) sql.NullString { return sql.NullString{String: m.IdempotencyKey, Valid: m.IdempotencyKey != ""} }
func f(r *http.Request) {
	insert(row(Msg{Body: "x", IdempotencyKey: "fixed"}))
}`},
	{name: "helper that passes its argument through", q: "empty", want: Empty, reason: "Header.Get", src: `
func clean(s string) string { return strings.ToLower(s) }
func id(s string) string { return s }
func f(r *http.Request) {
	insert(id(r.Header.Get("K")))
}`},
	{name: "helper that rejects its argument", q: "empty", src: `
func must(s string) (string, error) {
	if s == "" {
		return "", errors.New("key required")
	}
	return s, nil
}
func f(r *http.Request) {
	k, err := must(r.Header.Get("K"))
	if err != nil {
		return
	}
	insert(k)
}`},
	{name: "helper that replaces a missing argument", q: "empty", src: `
func orNew(s string) string {
	if s == "" {
		return uuid.NewString()
	}
	return s
}
func f(r *http.Request) {
	insert(orNew(r.Header.Get("K")))
}`},
	{name: "pointer helper through a struct-pointer parameter", q: "null", want: Nil, src: `
func keyOf(in *In) *string { return in.Key }
func f() {
	in := &In{}
	insert(keyOf(in))
}`},
	{name: "pointer helper through a struct-pointer parameter, key set", q: "null", src: `
func keyOf(in *In) *string { return in.Key }
func f() {
	k := uuid.NewString()
	in := &In{Key: &k}
	insert(keyOf(in))
}`},
	{name: "any helper nil when its argument is empty, fed a header", q: "null", want: Nil, reason: "empty when the K header is absent", src: `
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
func f(r *http.Request) { insert(nullIfEmpty(r.Header.Get("K"))) }`},
	{name: "any helper nil when its argument is empty, fed a uuid", q: "null", src: `
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
func f() { insert(nullIfEmpty(uuid.NewString())) }`},
}

func init() { cases = append(cases, condCases...) }

// TestDependence: a key that is NULL or empty exactly when a parameter (a
// field of one) is gives the analyzer that parameter, so that the callers
// are judged; a converting check says so beside its verdict.
func TestDependence(t *testing.T) {
	tests := []struct {
		name, q, src string
		want         *Dependence // nil: none
		verdict      bool        // the verdict itself is a report
	}{
		{name: "helper fed a field of a pointer parameter", q: "null", src: `
func toNullText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}
func f(in *In) { insert(toNullText(in.Key)) }`, want: &Dependence{Kind: Invalid, Param: 0, Fields: []string{"Key"}, Arg: Nil}},
		{name: "Valid from a string parameter", q: "null", src: `
func f(ctx int, s string) { insert(sql.NullString{String: s, Valid: s != ""}) }`, want: &Dependence{Kind: Invalid, Param: 1, Arg: Empty}},
		{name: "string field of a struct parameter", q: "empty", src: `
func f(m Msg) { insert(m.IdempotencyKey) }`, want: &Dependence{Kind: Empty, Param: 0, Fields: []string{"IdempotencyKey"}, Arg: Empty}},
		{name: "target of a *string parameter", q: "empty", src: `
func f(p *string) { insert(*p) }`, want: &Dependence{Kind: Empty, Param: 0, Arg: Empty}},
		{name: "unknown call result", q: "null", src: `
func keyFrom(any) *string
func f(in *In) { insert(keyFrom(in)) }`},
		{name: "parameter checked and rejected", q: "null", src: `
func f(in *In) {
	if in.Key == nil {
		return
	}
	insert(in.Key)
}`},
		{name: "parameter replaced when missing", q: "empty", src: `
func f(s string) {
	if s == "" {
		s = uuid.NewString()
	}
	insert(s)
}`},
		{name: "a field of a row set only when a parameter's key is non-empty", q: "null", verdict: true, src: `
type row struct{ ID int; Key *string }
func f(in Msg) {
	p := &row{ID: 1}
	if in.IdempotencyKey != "" {
		p.Key = &in.IdempotencyKey
	}
	insert(p.Key)
}`, want: &Dependence{Kind: Nil, Param: 0, Fields: []string{"IdempotencyKey"}, Arg: Empty}},
		{name: "conversion, not a guard", q: "null", verdict: true, src: `
func f(in *In) {
	var t pgtype.Text
	if in.Key != nil {
		t = pgtype.Text{String: *in.Key, Valid: true}
	}
	insert(t)
}`, want: &Dependence{Kind: Invalid, Param: 0, Fields: []string{"Key"}, Arg: Nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkg, _, _ := build(t, tt.src)
			fn := pkg.Func("f")
			call := insertCalls(fn)[0]
			v := ArgValue(fn, call, callExpr(fn, call).Args[0])
			c := New(Options{})
			var got *Dependence
			var vd Verdict
			var reported bool
			if tt.q == "null" {
				vd, reported = c.MayBeNull(fn, v, call)
				if d, ok := c.NullDependence(fn, v, call); ok {
					got = &d
				}
			} else {
				vd, reported = c.MayBeEmpty(fn, v, call)
				if d, ok := c.EmptyDependence(fn, v, call); ok {
					got = &d
				}
			}
			if reported != tt.verdict {
				t.Fatalf("reported %v (%s), want %v", reported, vd.Reason, tt.verdict)
			}
			if reported {
				got = vd.Dependence
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Dependence{}, "Reason", "Func"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("dependence (-want +got):\n%s", diff)
			}
			if got != nil {
				if got.Func != fn {
					t.Errorf("dependence on a parameter of %v, want %v", got.Func, fn)
				}
				t.Logf("%s", got.Reason)
			}
		})
	}
}

// TestCapturedDependence: a key a function literal writes from a
// parameter of the function around it that it captured (a transaction
// helper's closure) depends on that parameter, named as the outer
// function's (Dependence.Func), with the outer function's checks before
// the literal counted; RunsInParent says when the literal runs before the
// outer function returns.
func TestCapturedDependence(t *testing.T) {
	const helpers = `
func run(fn func() error) error { return fn() }
func toNullText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}
var kept func() error
func other() {}
`
	tests := []struct {
		name, q, src string
		want         *Dependence
		runs         bool
	}{
		{name: "pointer parameter's field through a helper", q: "null", runs: true, src: `
func f(in *In) error { return run(func() error { insert(toNullText(in.Key)); return nil }) }`,
			want: &Dependence{Kind: Invalid, Param: 0, Fields: []string{"Key"}, Arg: Nil}},
		{name: "struct parameter's string field", q: "empty", runs: true, src: `
func f(m Msg) error { return run(func() error { insert(m.IdempotencyKey); return nil }) }`,
			want: &Dependence{Kind: Empty, Param: 0, Fields: []string{"IdempotencyKey"}, Arg: Empty}},
		{name: "struct parameter captured after a call", q: "empty", runs: true, src: `
func f(m Msg) error { other(); return run(func() error { insert(m.IdempotencyKey); return nil }) }`,
			want: &Dependence{Kind: Empty, Param: 0, Fields: []string{"IdempotencyKey"}, Arg: Empty}},
		{name: "called where it is made", q: "null", runs: true, src: `
func f(in *In) { func() { insert(toNullText(in.Key)) }() }`,
			want: &Dependence{Kind: Invalid, Param: 0, Fields: []string{"Key"}, Arg: Nil}},
		{name: "checked before the closure", q: "null", runs: true, src: `
func f(in *In) error {
	if in.Key == nil {
		return errors.New("key required")
	}
	return run(func() error { insert(toNullText(in.Key)); return nil })
}`},
		{name: "kept for later", q: "null", runs: false, src: `
func f(in *In) { kept = func() error { insert(toNullText(in.Key)); return nil } }`,
			want: &Dependence{Kind: Invalid, Param: 0, Fields: []string{"Key"}, Arg: Nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkg, _, _ := build(t, helpers+tt.src)
			outer := pkg.Func("f")
			if len(outer.AnonFuncs) != 1 {
				t.Fatalf("%d function literals in f", len(outer.AnonFuncs))
			}
			fn := outer.AnonFuncs[0]
			call := insertCalls(fn)[0]
			v := ArgValue(fn, call, callExpr(fn, call).Args[0])
			c := New(Options{RunsFunc: func(f *types.Func, i int) bool { return f.Name() == "run" && i == 0 }})
			var got *Dependence
			if tt.q == "null" {
				if d, ok := c.NullDependence(fn, v, call); ok {
					got = &d
				}
			} else if d, ok := c.EmptyDependence(fn, v, call); ok {
				got = &d
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Dependence{}, "Reason", "Func"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("dependence (-want +got):\n%s\n%s", diff, dump(outer))
			}
			if got != nil && got.Func != outer {
				t.Errorf("dependence on a parameter of %v, want %v", got.Func, outer)
			}
			if r := c.RunsInParent(fn); r != tt.runs {
				t.Errorf("RunsInParent = %v, want %v", r, tt.runs)
			}
		})
	}
}

// Rows a converter builds in a variable and returns (fields stored after
// construction): the insert reads a field of the call's result, which is
// followed into the converter's returns.
var convertedRowCases = []tcase{
	{name: "converter fills a variable only when the key is set", q: "null", want: Nil, reason: "toRow", src: `
type row struct{ Key *string }
func toRow(m *Msg) (*row, error) {
	var r row
	if m.IdempotencyKey != "" {
		r.Key = &m.IdempotencyKey
	}
	return &r, nil
}
func f(req *http.Request) {
	r, err := toRow(&Msg{IdempotencyKey: req.Header.Get("K")})
	if err != nil {
		return
	}
	insert(r.Key)
}`},
	{name: "converter fills a variable, the key is generated", q: "null", src: `
type row struct{ Key *string }
func toRow(m *Msg) (*row, error) {
	var r row
	if m.IdempotencyKey != "" {
		r.Key = &m.IdempotencyKey
	}
	return &r, nil
}
func f(req *http.Request) {
	r, err := toRow(&Msg{IdempotencyKey: uuid.NewString()})
	if err != nil {
		return
	}
	insert(r.Key)
}`},
	{name: "converter sets the key explicitly to nil", q: "null", want: Nil, src: `
type row struct{ Key *string }
func toRow(m *Msg) *row {
	return &row{Key: nil}
}
func f() {
	r := toRow(&Msg{})
	insert(r.Key)
}`},
	{name: "converter always sets the key", q: "null", src: `
type row struct{ Key *string }
func toRow(m *Msg) *row {
	k := m.IdempotencyKey
	if k == "" {
		k = uuid.NewString()
	}
	return &row{Key: &k}
}
func f(req *http.Request) {
	r := toRow(&Msg{IdempotencyKey: req.Header.Get("K")})
	insert(r.Key)
}`},
	{name: "a row's key set only on one side of a check: when is said", q: "null", want: Nil,
		reason: "Key is not set in the row literal when in.IdempotencyKey is empty", src: `
type row struct{ ID int; Key *string }
func f(in Msg) {
	p := &row{ID: 1}
	if in.IdempotencyKey != "" { // origin
		p.Key = &in.IdempotencyKey
	}
	insert(p.Key)
}`},
	{name: "a row value from a literal, its NULL wrapper stored only under a check", q: "null", want: Invalid,
		reason: "Key is not set in the row literal when in.IdempotencyKey is empty", src: `
type row struct{ ID int; Key sql.NullString }
func f(in Msg) {
	rec := row{ID: 1}
	if in.IdempotencyKey != "" {
		rec.Key = sql.NullString{String: in.IdempotencyKey, Valid: true}
	}
	insert(rec.Key)
}`},
	{name: "a row's key set on both sides of a check", q: "null", src: `
type row struct{ ID int; Key *string }
func f(in Msg) {
	p := &row{ID: 1}
	if in.IdempotencyKey != "" {
		p.Key = &in.IdempotencyKey
	} else {
		k := uuid.NewString()
		p.Key = &k
	}
	insert(p.Key)
}`},
	{name: "an unrelated check before the conditional store does not decide", q: "null", want: Nil,
		reason: "when in.IdempotencyKey is empty", src: `
type row struct{ ID int; Key *string }
func f(in Msg) {
	p := &row{ID: 1}
	if in.Body == "" {
		return
	}
	if in.IdempotencyKey != "" {
		p.Key = &in.IdempotencyKey
	}
	insert(p.Key)
}`},
	{name: "converter returns a struct value", q: "empty", want: Empty, src: `
type row struct{ Key string }
func toRow(m Msg) row {
	var r row
	r.Key = m.IdempotencyKey
	return r
}
func f(req *http.Request) {
	r := toRow(Msg{IdempotencyKey: req.Header.Get("K")})
	insert(r.Key)
}`},
	// The failing edge of `if target != nil` leads to the join, which the
	// passing side reaches too: the check decides Target, not Key.
	{name: "converter leaves the key out; a check of another parameter does not decide it", q: "null", want: Nil, reason: "toRow", src: `
type row struct{ Key, Target *string }
func toRow(m *Msg, target *string) row {
	r := row{}
	if target != nil {
		r.Target = target
	}
	return r
}
func f() {
	t := "x"
	r := toRow(&Msg{}, &t)
	insert(r.Key)
}`},
	{name: "converter sets a field only when its parameter is non-nil; the caller passes one", q: "null", src: `
type row struct{ Key, Target *string }
func toRow(m *Msg, target *string) row {
	r := row{}
	if target != nil {
		r.Target = target
	}
	return r
}
func f() {
	t := "x"
	r := toRow(&Msg{}, &t)
	insert(r.Target)
}`},
	{name: "converter sets a field only when its parameter is non-nil; the caller passes nil", q: "null", want: Nil, src: `
type row struct{ Key, Target *string }
func toRow(m *Msg, target *string) row {
	r := row{}
	if target != nil {
		r.Target = target
	}
	return r
}
func f() {
	r := toRow(&Msg{}, nil)
	insert(r.Target)
}`},
}

// Verdict.Written: a NULL the code writes itself on every path, as against
// one that comes from input or only on some paths.
var writtenCases = []tcase{
	{name: "written: nil literal", q: "null", want: Nil, written: "yes", src: `
func f() { insert(nil) }`},
	{name: "written: a converter leaves the key out of its literal", q: "null", want: Nil, written: "yes", src: `
type row struct{ Key, Target *string }
func toRow(target *string) row {
	r := row{}
	if target != nil {
		r.Target = target
	}
	return r
}
func f() {
	t := "x"
	r := toRow(&t)
	insert(r.Key)
}`},
	{name: "written: no, the key is nil only when a header is absent", q: "null", want: Nil, written: "no", src: `
func f(r *http.Request) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	insert(key)
}`},
	{name: "written: no, Valid follows a header", q: "null", want: Invalid, written: "no", src: `
func f(r *http.Request) {
	s := r.Header.Get("Idempotency-Key")
	insert(sql.NullString{String: s, Valid: s != ""})
}`},
}

func init() { cases = append(cases, convertedRowCases...); cases = append(cases, writtenCases...) }

// TestSelText: a cell's selector reads as Go code in messages, without
// the analysis' own marks for dereferences.
func TestSelText(t *testing.T) {
	for _, tc := range []struct{ name, sel, want string }{
		{"in", ".Key", "in.Key"},
		{"b", ".s*.IdempotencyKey", "b.s.IdempotencyKey"},
		{"b", ".s*.IdempotencyKey*", "*b.s.IdempotencyKey"},
		{"p", "", "p"},
	} {
		if got := selText(tc.name, tc.sel); got != tc.want {
			t.Errorf("selText(%q, %q) = %q, want %q", tc.name, tc.sel, got, tc.want)
		}
	}
}
