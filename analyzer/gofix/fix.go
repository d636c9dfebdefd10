package gofix

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/internal/goimport"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// A Key is the key value of one insert that a fix gives a value: Arg, an
// argument of Site's call (or an expression feeding it), into a column of
// MaxLen characters (0: unbounded).
type Key struct {
	Pass   *analysis.Pass
	Site   rowwrite.Site
	Arg    ast.Expr
	MaxLen int
	// Table is the key's table, when known: a field of the row whose
	// column the database fills (an auto-increment id) is no input of a
	// derived key.
	Table *schema.Table
	// Column names the key column ("messages.idempotency_key") for the
	// messages of fixes placed away from the insert (AtTopOf), where the
	// reader does not see which column the key they give fills.
	Column string
	// Call says Site is a call of a function that writes the key (the
	// service a handler passes it to), not the insert itself: the fix's
	// message says it goes before the call.
	Call bool
}

// A keyFixer writes the Go fixes for one insert argument: code inserted
// right before the statement that runs the INSERT, which gives the key a
// value when it has none. Two variants: a random key (every row gets one;
// a client's keyless retry still gets a new one) and a key derived from the
// request's other values (a retry of the same request gets the same key, so
// the unique index rejects it).
type keyFixer struct {
	pass *analysis.Pass
	site rowwrite.Site
	arg  ast.Expr

	file  *ast.File
	stmt  ast.Stmt // the statement the fix goes before
	where string   // where the fix goes, for its message; "" means before the insert
	// typ and inputs, when set, stand for the argument's type and the
	// request values a derived key reads: a fix for a field of the
	// argument (field.go).
	typ    types.Type
	inputs []string
	// params, when set, limits the values a derived key reads to those
	// rooted at its parameters: the fix goes at the top of that function.
	params *ast.FuncDecl
	// minted lists the inputs a derived key leaves out because the server
	// mints them per request, each with why: "webhook.ID is a fresh UUID
	// (uuid.New at api/webhooks.go:41)".
	minted []string
	// headers lists the inputs a derived key leaves out because the code
	// fills them from a request header, each with where: a sender may set a
	// new value on every delivery (a proxy's request id, a provider's
	// per-attempt delivery id), and a key derived from one would then
	// never match a retry.
	headers []string
	indent  string
	target  string // the argument's source text: key, in.IdempotencyKey
	// loop, when set, is a loop around stmt that the argument's variable
	// is declared outside of (loop.go): the fix works on a copy made per
	// row, declared by copyDecl, which replaces the argument (copyEdit).
	loop     ast.Node
	copyDecl string
	copyEdit []analysis.TextEdit
	// hoisted says the argument was a getter call written inline, now read
	// into the variable copyDecl declares.
	hoisted bool
	call    bool   // site is a call of the function that inserts (Key.Call)
	column  string // table.column of the key, when known (Key.Column)
	perRow  bool   // some input of the derived key differs from row to row
	// scope, when set, names the columns of the derived key's inputs,
	// all of them the unique rule's own scope (Key.scopeOnly, siteScope):
	// no derived fix then.
	scope string
	// table is the key's table, when known (Key.Table): the insert's
	// columns are looked up in it to tell the scope (siteScope).
	table  *schema.Table
	maxLen int // the key column's declared length; 0 when unbounded
	imports
}

// newKeyFixer prepares a fix for arg, or returns nil when none can be
// written safely: the argument must be a variable or a field path that can
// be assigned, and the insert must sit in a statement list.
func newKeyFixer(pass *analysis.Pass, site rowwrite.Site, arg ast.Expr, maxLen int) *keyFixer {
	arg = astutil.Unparen(arg)
	getter := hoistable(pass.TypesInfo, arg)
	if getter == nil && !vocab.AssignablePath(pass.TypesInfo, arg) {
		return nil
	}
	file := FileOf(pass, site.Call.Pos())
	if file == nil {
		return nil
	}
	// The statement holding the argument: the call's own, or an earlier
	// one that hands the value to a builder (b.SetNillableKey(key)).
	path, _ := astutil.PathEnclosingInterval(file, arg.Pos(), arg.End())
	var stmt ast.Stmt
	for i := 0; i+1 < len(path); i++ {
		s, ok := path[i].(ast.Stmt)
		if !ok {
			continue
		}
		switch path[i+1].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			stmt = s
		}
		if stmt != nil {
			break
		}
	}
	if stmt == nil {
		return nil
	}
	if getter != nil {
		return newHoistFixer(pass, site, getter, maxLen, stmt, path)
	}
	return newKeyFixerAt(pass, site, arg, maxLen, stmt)
}

// hoistable returns arg when it is a call of a request getter written
// inline (svc.Join(ctx, r.URL.Query().Get("dedupe"))): it has no effect
// but its value, so a fix may read it into a variable before the
// statement, give the variable a value when empty, and pass the variable.
// nil otherwise.
func hoistable(info *types.Info, arg ast.Expr) *ast.CallExpr {
	call, ok := arg.(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if !keyflow.IsRequestGetter(fn) {
		return nil
	}
	// Its receiver and arguments must be free of calls with effects too:
	// r.URL.Query() and echo's c.Request() are accessors; anything else
	// stays in place.
	for _, a := range call.Args {
		if hasCall(a) {
			return nil
		}
	}
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok && !accessorsOnly(info, sel.X) {
		return nil
	}
	return call
}

// requestAccessors are methods without arguments or effects that only hand
// back a part of the request a getter reads: url.URL's Query (a fresh map
// parsed from the URL) and echo's Context.Request.
var requestAccessors = map[string]bool{
	"(*net/url.URL).Query":                          true,
	"(github.com/labstack/echo/v4.Context).Request": true,
}

// accessorsOnly reports whether every call in e is a requestAccessors
// method (c.Request().URL.Query()): moving e before the statement changes
// nothing but when its value is read.
func accessorsOnly(info *types.Info, e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if c, isCall := n.(*ast.CallExpr); isCall {
			fn, _ := typeutil.Callee(info, c).(*types.Func)
			if fn == nil || len(c.Args) > 0 || !requestAccessors[fn.FullName()] {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// newHoistFixer is newKeyFixer for an inline getter call: the fix reads
// it into a new variable, named after the item it gets (dedupe,
// idempotencyKey), right before stmt, tests and fills that variable, and
// passes it in the call's place. Not offered when the call sits in a
// function literal inside stmt (it would run at another time, or not at
// all).
func newHoistFixer(pass *analysis.Pass, site rowwrite.Site, call *ast.CallExpr, maxLen int, stmt ast.Stmt, path []ast.Node) *keyFixer {
	for _, n := range path {
		if n == ast.Node(stmt) {
			break
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return nil
		}
	}
	f := newKeyFixerAtStmt(pass, site, call, maxLen, stmt)
	if f == nil {
		return nil
	}
	base := getterVarName(call)
	// Another getter of the same name in this function gets a fix of its
	// own, declaring the same variable: -fix applies both, and the second
	// declaration would not compile. Neither is hoisted then.
	if body := f.enclosingBody(); body != nil {
		same := 0
		ast.Inspect(body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && hoistable(pass.TypesInfo, c) != nil && getterVarName(c) == base {
				same++
			}
			return true
		})
		if same > 1 {
			return nil
		}
	}
	name := f.fresh(base)
	f.copyDecl = name + " := " + f.target
	f.copyEdit = []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(name)}}
	f.target = name
	f.hoisted = true
	return f
}

// initialisms are the words Go names spell in capitals after the first
// (Effective Go's and golint's usual list, the ones a request item's name
// holds).
var initialisms = map[string]bool{"id": true, "url": true, "uri": true, "uuid": true, "api": true, "http": true, "json": true, "ip": true, "sql": true}

// getterVarName names the variable a hoisted getter's value goes into
// after the item it gets: "Idempotency-Key" gives idempotencyKey,
// "X-Client-Token" clientToken, "X-Event-Id" eventID, "dedupe" dedupe;
// else key.
func getterVarName(call *ast.CallExpr) string {
	for _, a := range call.Args {
		lit, ok := astutil.Unparen(a).(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			continue
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			continue
		}
		s = strings.TrimPrefix(strings.TrimPrefix(s, "X-"), "x-")
		words := nameWords(s)
		var b strings.Builder
		for i, w := range words {
			if w == "" {
				continue
			}
			if i > 0 {
				if initialisms[strings.ToLower(w)] {
					w = strings.ToUpper(w) // eventID, callbackURL: Go's spelling
				} else {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
			}
			b.WriteString(w)
		}
		name := b.String()
		if token.IsIdentifier(name) && !token.IsKeyword(name) && name != "_" {
			return name
		}
	}
	return "key"
}

// newKeyFixerAt is newKeyFixer for a fix that goes before stmt.
func newKeyFixerAt(pass *analysis.Pass, site rowwrite.Site, arg ast.Expr, maxLen int, stmt ast.Stmt) *keyFixer {
	arg = astutil.Unparen(arg)
	if !vocab.AssignablePath(pass.TypesInfo, arg) {
		return nil
	}
	if vp, ok := vocab.PathOf(pass.TypesInfo, arg); ok && vp.Root != nil && stmt.Pos() <= vp.Root.Pos() && vp.Root.Pos() < stmt.End() {
		return nil // declared by the statement itself (if h := …; h != ""): not in scope before it
	}
	return newKeyFixerAtStmt(pass, site, arg, maxLen, stmt)
}

// newKeyFixerAtStmt is newKeyFixerAt without the checks of arg.
func newKeyFixerAtStmt(pass *analysis.Pass, site rowwrite.Site, arg ast.Expr, maxLen int, stmt ast.Stmt) *keyFixer {
	file := FileOf(pass, site.Call.Pos())
	if file == nil {
		return nil
	}
	src, err := ReadGoFile(pass, file)
	if err != nil {
		return nil
	}
	tf := pass.Fset.File(file.Pos())
	off := tf.Offset(stmt.Pos())
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	indent := string(src[lineStart:off])
	if strings.TrimSpace(indent) != "" {
		return nil // the statement shares its line with other code
	}
	target := string(src[tf.Offset(arg.Pos()):tf.Offset(arg.End())])
	return &keyFixer{pass: pass, site: site, arg: arg, file: file, stmt: stmt, indent: indent, target: target, maxLen: maxLen,
		loop:    sharedLoop(pass.TypesInfo, file, stmt, arg),
		imports: imports{pass: pass, file: file, src: src}}
}

// perRowCopy prepares the copy a fix inside a loop works on (loop.go),
// or returns false when the fix must not be offered: the value tested is
// not the argument itself but a field of a struct passed whole.
func (f *keyFixer) perRowCopy() bool {
	if f.loop == nil {
		return true
	}
	if f.typ != nil {
		return false
	}
	name := f.fresh("rowKey")
	f.copyDecl = name + " := " + f.target
	f.copyEdit = []analysis.TextEdit{{Pos: f.arg.Pos(), End: f.arg.End(), NewText: []byte(name)}}
	f.target = name
	f.where = "for each row"
	return true
}

// fixes returns the random and the derived fix for a key whose missing
// value is tested by cond ("key == nil") and filled by assign, a function
// of the expression that yields a new string key.
func (f *keyFixer) fixes(cond string, assign func(newKey string) []string) []analysis.SuggestedFix {
	var out []analysis.SuggestedFix
	inputs := f.requestValues()
	money := f.moneyInput(inputs)
	if pre, gen, n, edits, ok := f.randomKey(); ok {
		gen, fits := f.fit(gen, n)
		if fits {
			msg := "Generate a random key " + f.place() + " when none was sent: every row gets a key, but a client's retry without one still gets a new key and is inserted again"
			switch {
			case len(inputs) == 0 && len(f.minted)+len(f.headers) > 0:
				// No derived fix: say why, and what would dedupe retries.
				msg += "; only a key the client sends dedupes its retries, and nothing here identifies a retry (" + f.unstable() + ")"
			case len(inputs) > 0 && money != "":
				msg += "; no key is derived from " + strings.Join(inputs, ", ") + ": " + money + ", and two payments with the same values are two requests, not a retry of one, so a key derived from them would reject the second; only a key the client sends dedupes a payment's retries"
			case len(inputs) > 0 && f.loop != nil && !f.perRow:
				msg += "; no key is derived: nothing it would read differs from one row to the next, so every row would get the same key"
			case len(inputs) > 0 && f.scope != "":
				msg += "; no key is derived: all it would read (" + f.scope + ") is the unique rule's own scope, so every keyless request there would get the same key and all but the first would be rejected"
			}
			out = append(out, f.fix(msg, cond, pre, assign(gen), edits))
		}
	}
	derived, fits := f.fit("", sha256HexLen)
	if len(inputs) > 0 && fits && (f.loop == nil || f.perRow) && f.scope == "" && money == "" {
		sha := f.name("crypto/sha256", "sha256")
		hexName := f.name("encoding/hex", "hex")
		fmtName := f.name("fmt", "fmt")
		sum := f.fresh("sum")
		format := strings.TrimSuffix(strings.Repeat(`%v\x00`, len(inputs)), `\x00`)
		pre := []string{fmt.Sprintf("%s := %s.Sum256(%s.Appendf(nil, %q, %s))", sum, sha.name, fmtName.name, format, strings.Join(inputs, ", "))}
		pre[0] = strings.Replace(pre[0], `\\x00`, `\x00`, -1)
		body := assign(fmt.Sprintf("%s.EncodeToString(%s[:])", hexName.name, sum) + derived)
		var edits []analysis.TextEdit
		edits = append(edits, f.importEdits(sha, hexName, fmtName)...)
		other := "request"
		if f.loop != nil {
			other = "row"
		}
		msg := fmt.Sprintf("Derive the key from the request (SHA-256 of %s)%s when none was sent: a retry of the same request gets the same key and is rejected as a duplicate, and so is any other %s with the same %s, so use it only where those values identify one request", strings.Join(inputs, ", "), f.placeSuffix(), other, strings.Join(inputs, ", "))
		if len(f.minted)+len(f.headers) > 0 {
			msg += "; left out: " + f.leftOut()
		}
		out = append(out, f.fix(msg, cond, pre, body, edits))
	}
	return out
}

// leaveOut records an input a derived key leaves out, with why: set from
// a request header (header), or minted per request.
func (f *keyFixer) leaveOut(why string, header bool) {
	if header {
		f.headers = append(f.headers, why)
	} else {
		f.minted = append(f.minted, why)
	}
}

// leftOut says which inputs a derived key leaves out, and why.
func (f *keyFixer) leftOut() string {
	return f.listLeftOut(", minted per request, so no retry would repeat it",
		", which a sender may set anew on each delivery, so a retry need not repeat it")
}

// unstable lists the inputs left out, briefly: the random fix's message
// says why no key is derived when nothing else is left.
func (f *keyFixer) unstable() string {
	return f.listLeftOut(", minted per request", ", which a sender may set anew on each delivery")
}

// listLeftOut joins the minted and the header-filled inputs left out,
// each group followed by its reason.
func (f *keyFixer) listLeftOut(mintedWhy, headerWhy string) string {
	var parts []string
	if len(f.minted) > 0 {
		parts = append(parts, strings.Join(f.minted, "; ")+mintedWhy)
	}
	if len(f.headers) > 0 {
		parts = append(parts, strings.Join(f.headers, "; ")+headerWhy)
	}
	return strings.Join(parts, "; ")
}

// moneyInput says why the inputs of a derived key cannot identify a
// request, when they describe a payment and nothing among them names one
// request (a ClientRequestID, a reference, an event or delivery id): they
// include an amount of money (p.AmountCents, amount, price).
// The other values of a payment (who pays whom, how much) repeat in two
// distinct payments, so a key derived from them would reject the second
// as a retry of the first. "" otherwise.
func (f *keyFixer) moneyInput(inputs []string) string {
	var money []string
	for _, in := range inputs {
		words := nameWords(in[strings.LastIndexByte(in, '.')+1:])
		joined := strings.Join(words, "")
		for _, w := range []string{"requestid", "reqid", "reference", "externalid", "nonce", "clientid", "correlationid", "eventid", "messageid", "deliveryid", "txid", "transactionid"} {
			if strings.Contains(joined, w) {
				return ""
			}
		}
		if slices.Contains(words, "ref") {
			return ""
		}
		if slices.ContainsFunc(words, func(w string) bool {
			switch w {
			case "amount", "amounts", "amt", "cents", "price", "fee", "fees", "balance", "total", "cost", "money":
				return true
			}
			return false
		}) {
			money = append(money, in)
		}
	}
	if len(money) > 0 {
		return "they include an amount (" + strings.Join(money, ", ") + ")"
	}
	return ""
}

// nameWords splits a Go or SQL name into its lower-cased words:
// AmountCents and amount_cents give amount, cents; ClientRequestID gives
// client, request, id.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	rs := []rune(name)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = nil
		}
	}
	for i, r := range rs {
		switch {
		case r == '_' || r == '-':
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0:
			// A new word starts at an upper-case letter after a lower-case
			// one, or before a lower-case one in a run of capitals (IDKey).
			prevLower := unicode.IsLower(cur[len(cur)-1]) || unicode.IsDigit(cur[len(cur)-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || nextLower {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// argType is the type of the value the fix tests and assigns.
func (f *keyFixer) argType() types.Type {
	if f.typ != nil {
		return f.typ
	}
	return f.pass.TypesInfo.TypeOf(f.arg)
}

// place says where the fix goes, for its message.
func (f *keyFixer) place() string {
	if f.where == "" {
		return "before the insert"
	}
	return f.where
}

// placeSuffix is place for the derived fix, whose message names no place
// when the fix goes before the insert.
func (f *keyFixer) placeSuffix() string {
	if f.where == "" {
		return ""
	}
	return " " + f.where
}

// sha256HexLen is the length of a hex-encoded SHA-256 sum.
const sha256HexLen = 64

// minKeyLen is the shortest key a fix will cut a generated key down to:
// 16 hex or base32 characters still carry 64 or 80 bits.
const minKeyLen = 16

// fit makes a generated key of length n fit the column: unchanged when it
// fits, cut with a slice expression when the column is shorter (but not
// below minKeyLen), else not at all. With expr empty it returns just the
// slice suffix to append.
func (f *keyFixer) fit(expr string, n int) (string, bool) {
	if f.maxLen == 0 || n <= f.maxLen {
		return expr, true
	}
	if f.maxLen < minKeyLen {
		return "", false
	}
	return expr + "[:" + strconv.Itoa(f.maxLen) + "]", true
}

// fix assembles the inserted if-statement.
func (f *keyFixer) fix(msg, cond string, pre, body []string, edits []analysis.TextEdit) analysis.SuggestedFix {
	var b strings.Builder
	if f.copyDecl != "" {
		fmt.Fprintf(&b, "%s\n%s", f.copyDecl, f.indent)
	}
	fmt.Fprintf(&b, "if %s {\n", cond)
	for _, l := range append(pre, body...) {
		fmt.Fprintf(&b, "%s\t%s\n", f.indent, l)
	}
	fmt.Fprintf(&b, "%s}\n%s", f.indent, f.indent)
	edits = append(edits, analysis.TextEdit{Pos: f.stmt.Pos(), End: f.stmt.Pos(), NewText: []byte(b.String())})
	edits = append(edits, f.copyEdit...)
	return analysis.SuggestedFix{Message: msg, TextEdits: edits}
}

// randomKey returns statements and an expression that make a random string
// key, with the import edits they need: google/uuid where the module already
// uses it, crypto/rand.Text on Go 1.24 and later, else hex of 16 bytes from
// crypto/rand.Read.
func (f *keyFixer) randomKey() (pre []string, expr string, n int, edits []analysis.TextEdit, ok bool) {
	if f.moduleRequires("github.com/google/uuid") {
		u := f.name("github.com/google/uuid", "uuid")
		return nil, u.name + ".NewString()", 36, f.importEdits(u), true
	}
	v := f.pass.TypesInfo.FileVersions[f.file]
	if v == "" {
		v = f.pass.Pkg.GoVersion()
	}
	r := f.name("crypto/rand", "rand")
	if v == "" || version.Compare(v, "go1.24") >= 0 {
		return nil, r.name + ".Text()", 26, f.importEdits(r), true
	}
	// Before Go 1.24 rand.Read could fail; without randomness there is no
	// safe key to write, so the fix stops rather than insert a weak one.
	h := f.name("encoding/hex", "hex")
	buf := f.fresh("buf")
	pre = []string{
		"var " + buf + " [16]byte",
		"if _, err := " + r.name + ".Read(" + buf + "[:]); err != nil {",
		"\tpanic(err)",
		"}",
	}
	return pre, h.name + ".EncodeToString(" + buf + "[:])", 32, f.importEdits(r, h), true
}

// requestValues returns the source text of the insert's other arguments:
// what identifies the request, to derive a key from. Arguments with calls
// are left out, since the fix would evaluate them twice.
func (f *keyFixer) requestValues() []string {
	if f.inputs != nil {
		return f.inputs
	}
	var out []string
	var kept []ast.Expr
	tf := f.pass.Fset.File(f.file.Pos())
	inputs := f.site.Inputs()
	if f.call && len(inputs) == 0 {
		// A call of the function that inserts: its other arguments, those
		// of plain values (not the context, a connection, a struct).
		// Variables and field paths only: a literal may hold the key itself
		// (In{Body: b, Key: k}).
		for _, a := range f.site.Call.Args {
			if _, isPath := vocab.PathOf(f.pass.TypesInfo, astutil.Unparen(a)); !isPath {
				continue
			}
			if t := f.pass.TypesInfo.TypeOf(a); t != nil && requestValueType(t) {
				inputs = append(inputs, a)
			}
		}
	}
	for _, a := range inputs {
		if a == f.arg || astutil.Unparen(a) == f.arg || hasCall(a) {
			continue
		}
		if a.Pos() <= f.arg.Pos() && f.arg.End() <= a.End() {
			continue // the key made into a value (sql.NullString{String: key, …}): not what identifies the request
		}
		if tv, ok := f.pass.TypesInfo.Types[a]; ok && tv.Value != nil {
			continue // a constant says nothing about the request
		}
		if f.params != nil && !vocab.RootedAtParam(f.pass.TypesInfo, f.params, a) {
			continue // not yet computed at the top of the function
		}
		if why, header, minted := f.mintedInput(a); minted {
			f.leaveOut(why, header)
			continue
		}
		if f.loop != nil && perRow(f.pass.TypesInfo, f.loop, a) {
			f.perRow = true
		}
		out = append(out, string(f.src[tf.Offset(a.Pos()):tf.Offset(a.End())]))
		kept = append(kept, a)
	}
	f.siteScope(kept)
	f.inputs = out // computed once: fixes asks for both variants
	if out == nil {
		f.inputs = []string{}
	}
	return out
}

// siteScope sets f.scope when every input a derived key would read goes
// into a column of a unique rule on the key's own column: a key of
// session_id alone under UNIQUE (session_id, idempotency_key) is the same
// for every keyless request of the session, so its retries and its
// distinct requests alike would all be rejected but the first. Inputs
// whose column is not known keep the derived fix.
func (f *keyFixer) siteScope(inputs []ast.Expr) {
	if f.scope != "" || f.table == nil || len(inputs) == 0 {
		return
	}
	key := f.site.ColumnOf(f.arg, f.table)
	if key == "" && f.column != "" {
		// The argument fixed is not itself a value of the write (the
		// parameter ref of toNullString(ref), fixed at the top of the
		// function): the key column is the finding's own.
		key = f.column[strings.LastIndexByte(f.column, '.')+1:]
	}
	if key == "" {
		return
	}
	cols := make([]string, len(inputs))
	for i, a := range inputs {
		if cols[i] = f.site.ColumnOf(a, f.table); cols[i] == "" {
			return
		}
	}
	f.scope = scopeColumns(f.table, key, cols)
}

func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

// fresh returns name, or name with a number, unused at the statement.
func (f *keyFixer) fresh(name string) string {
	scope := f.pass.Pkg.Scope().Innermost(f.stmt.Pos())
	for i := 0; ; i++ {
		n := name
		if i > 0 {
			n = name + strconv.Itoa(i+1)
		}
		if scope == nil {
			return n
		}
		if _, obj := scope.LookupParent(n, f.stmt.Pos()); obj == nil && !f.usesName(n) {
			return n
		}
	}
}

// Null returns the fixes for an argument that can be NULL.
func (k Key) Null() []analysis.SuggestedFix {
	f := newKeyFixer(k.Pass, k.Site, k.Arg, k.MaxLen)
	if f == nil {
		return nil
	}
	f.table, f.column = k.Table, k.Column
	if k.Call {
		f.where, f.call = "before the call", true
	}
	return f.nullFixes()
}

// nullFixes returns f's fixes for an argument that can be NULL: a
// *string or a sql.NullString.
func (f *keyFixer) nullFixes() []analysis.SuggestedFix {
	t := f.argType()
	if !f.perRowCopy() {
		return nil
	}
	switch {
	case vocab.IsPointerToString(t):
		k := f.fresh("newKey")
		return f.fixes(f.target+" == nil", func(gen string) []string {
			return []string{k + " := " + gen, f.target + " = &" + k}
		})
	case vocab.IsNamed(t, "database/sql", "NullString"):
		sqlName, ok := f.existingName("database/sql")
		if !ok {
			return nil
		}
		return f.fixes("!"+f.target+".Valid", func(gen string) []string {
			return []string{fmt.Sprintf("%s = %s.NullString{String: %s, Valid: true}", f.target, sqlName, gen)}
		})
	}
	return nil
}

// Empty returns the fixes for a string argument that can be empty.
func (k Key) Empty() []analysis.SuggestedFix {
	f := newKeyFixer(k.Pass, k.Site, k.Arg, k.MaxLen)
	if f == nil {
		return nil
	}
	f.table, f.column = k.Table, k.Column
	if k.Call {
		f.where, f.call = "before the call", true
	}
	return f.emptyFixes()
}

// Zero returns the fix for a fixed-size ID argument (uuid.UUID) that can
// be its zero value, the nil UUID: reject the request. No key is made up
// for it: a random one would fill the column and dedupe nothing, and a
// derived one would have to be an ID of the same kind.
func (k Key) Zero() []analysis.SuggestedFix {
	f := newKeyFixer(k.Pass, k.Site, k.Arg, k.MaxLen)
	if f == nil || !vocab.IsFixedID(f.argType()) {
		return nil
	}
	f.table, f.column = k.Table, k.Column
	if k.Call {
		f.where, f.call = "before the call", true
	}
	spelt, ok := f.spellType(f.argType())
	if !ok {
		return nil
	}
	r, ok := f.rejectFix(f.target+" == ("+spelt+"{})", vocab.ZeroIDName(f.argType()))
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{r}
}

// emptyFixes returns f's fixes for a string argument that can be empty.
func (f *keyFixer) emptyFixes() []analysis.SuggestedFix {
	if b, ok := f.argType().Underlying().(*types.Basic); !ok || b.Kind() != types.String {
		return nil
	}
	if !f.perRowCopy() {
		return nil
	}
	conv := ""
	if _, named := types.Unalias(f.argType()).(*types.Named); named {
		// A key of a named string type (domain.IdempotencyKey): the
		// generated string is converted to it.
		spelt, ok := f.spellType(f.argType())
		if !ok {
			return nil
		}
		conv = spelt
	}
	out := f.fixes(f.target+` == ""`, func(gen string) []string {
		if conv != "" {
			gen = conv + "(" + gen + ")"
		}
		return []string{f.target + " = " + gen}
	})
	if r, ok := f.rejectFix(f.target+` == ""`, "an empty key"); ok {
		out = append(out, r)
	}
	return out
}

// rejectFix returns the fix that rejects a write without a key: an error
// returned before it when the key is missing (cond), in a function whose
// last result is an error, with the zero value of each other result. It
// is offered beside the fixes that give the key a value: those keep
// accepting requests without a key, this one makes the key required, so
// a sender that sends none gets the error. Not inside a loop over rows
// (rows written before the one without a key stay written).
func (f *keyFixer) rejectFix(cond, missing string) (analysis.SuggestedFix, bool) {
	if f.loop != nil || f.inLoop() {
		return analysis.SuggestedFix{}, false
	}
	sig := f.enclosingSignature()
	if sig == nil || sig.Results().Len() == 0 {
		return analysis.SuggestedFix{}, false
	}
	res := sig.Results()
	if !types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type()) {
		return analysis.SuggestedFix{}, false
	}
	var vals []string
	for i := range res.Len() - 1 {
		z, ok := f.zeroValue(res.At(i).Type())
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		vals = append(vals, z)
	}
	errs := f.name("errors", "errors")
	text := "idempotency key required"
	if f.column != "" {
		text = f.column + ": " + text
	}
	vals = append(vals, fmt.Sprintf("%s.New(%q)", errs.name, text))
	msg := "Reject the request when no key was sent: return an error " + f.place() + " instead of writing " + missing + ", so nothing is written without a key; a sender that sends none gets the error, so use it where the key is required"
	return f.fix(msg, cond, nil, []string{"return " + strings.Join(vals, ", ")}, f.importEdits(errs)), true
}

// inLoop reports whether the statement the fix goes before is inside a
// loop of the function around it.
func (f *keyFixer) inLoop() bool {
	path, _ := astutil.PathEnclosingInterval(f.file, f.stmt.Pos(), f.stmt.End())
	for _, n := range path {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// enclosingSignature returns the signature of the innermost function (a
// literal, or the declaration) around the statement the fix goes before.
func (f *keyFixer) enclosingSignature() *types.Signature {
	path, _ := astutil.PathEnclosingInterval(f.file, f.stmt.Pos(), f.stmt.End())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			sig, _ := f.pass.TypesInfo.TypeOf(n).(*types.Signature)
			return sig
		case *ast.FuncDecl:
			fn, _ := f.pass.TypesInfo.Defs[n.Name].(*types.Func)
			if fn == nil {
				return nil
			}
			return fn.Signature()
		}
	}
	return nil
}

// zeroValue spells the zero value of t for a return statement in the
// fix's file: nil, 0, "", false, T{} for a named struct or array type the
// file can name; ok is false for a type it cannot spell.
func (f *keyFixer) zeroValue(t types.Type) (string, bool) {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return "*new(" + tp.Obj().Name() + ")", true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	case *types.Struct, *types.Array:
		switch types.Unalias(t).(type) {
		case *types.Named:
		default:
			return "", false // an unnamed struct or array type: not spelt here
		}
		spelt, ok := f.spellType(t)
		if !ok {
			return "", false
		}
		return spelt + "{}", true
	}
	return "", false
}

// spellType spells t in the fix's file, its package by the name the file
// imports it under; ok is false when the file does not import it.
func (f *keyFixer) spellType(t types.Type) (string, bool) {
	ok := true
	spelt := types.TypeString(t, func(p *types.Package) string {
		if p == f.pass.Pkg {
			return ""
		}
		name, found := f.existingName(p.Path())
		ok = ok && found
		return name
	})
	return spelt, ok
}

func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func ReadGoFile(pass *analysis.Pass, file *ast.File) ([]byte, error) {
	name := pass.Fset.File(file.Pos()).Name()
	if pass.ReadFile != nil {
		if b, err := pass.ReadFile(name); err == nil {
			return b, nil
		}
	}
	return os.ReadFile(name)
}

// imports tracks the names a fix uses for packages and the import
// declarations it must add.
type imports struct {
	pass *analysis.Pass
	file *ast.File
	src  []byte
}

type importName struct {
	path, name string
	add        bool // the file does not import it yet
}

// existingName returns the name under which the file imports path.
func (im *imports) existingName(path string) (string, bool) {
	for _, spec := range im.file.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if p != path {
			continue
		}
		if spec.Name != nil {
			return spec.Name.Name, spec.Name.Name != "_" && spec.Name.Name != "."
		}
		if pkg, ok := im.pass.TypesInfo.Implicits[spec].(*types.PkgName); ok {
			return pkg.Name(), true
		}
		return filepath.Base(path), true
	}
	return "", false
}

// name returns the name to use for path, importing it under preferred (or
// a variant, when preferred is taken) if the file does not have it.
func (im *imports) name(path, preferred string) importName {
	if n, ok := im.existingName(path); ok {
		return importName{path: path, name: n}
	}
	n := preferred
	for i := 2; im.usesName(n); i++ {
		n = preferred + strconv.Itoa(i)
		if path == "crypto/rand" && i == 2 {
			n = "crand"
		}
	}
	return importName{path: path, name: n, add: true}
}

// usesName reports whether name is taken at file level: by an import or by
// a package-level declaration.
func (im *imports) usesName(name string) bool {
	for _, spec := range im.file.Imports {
		if spec.Name != nil && spec.Name.Name == name {
			return true
		}
		if spec.Name == nil {
			if pkg, ok := im.pass.TypesInfo.Implicits[spec].(*types.PkgName); ok && pkg.Name() == name {
				return true
			}
		}
	}
	return im.pass.Pkg.Scope().Lookup(name) != nil
}

// importEdits adds the imports the fix needs that the file lacks, where
// goimports puts them (internal/goimport).
func (im *imports) importEdits(names ...importName) []analysis.TextEdit {
	var add []goimport.Import
	for _, n := range names {
		if n.add {
			add = append(add, goimport.Import{Path: n.path, Name: n.name})
		}
	}
	var edits []analysis.TextEdit
	for _, e := range goimport.Edits(im.pass.Fset, im.file, add) {
		edits = append(edits, analysis.TextEdit{Pos: e.Pos, End: e.End, NewText: []byte(e.Text)})
	}
	return edits
}

// moduleRequires reports whether the package already uses module path, or
// its go.mod requires it directly (an indirect requirement is some other
// module's choice, not this one's).
func (im *imports) moduleRequires(path string) bool {
	if _, ok := im.existingName(path); ok {
		return true
	}
	for _, p := range im.pass.Pkg.Imports() {
		if p.Path() == path {
			return true
		}
	}
	root := load.ModuleRoot(filepath.Dir(im.pass.Fset.File(im.file.Pos()).Name()))
	if root == "" {
		return false
	}
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "require" {
			f = f[1:]
		}
		if len(f) >= 2 && f[0] == path && !strings.Contains(line, "// indirect") {
			return true
		}
	}
	return false
}

// AtTopOf returns the random and derived fixes that give the key a
// value at the top of decl, the repository layer, when the caller sent
// none.
func (k Key) AtTopOf(decl *ast.FuncDecl) []analysis.SuggestedFix {
	if decl.Body == nil || len(decl.Body.List) == 0 {
		return nil
	}
	f := newKeyFixerAt(k.Pass, k.Site, k.Arg, k.MaxLen, decl.Body.List[0])
	if f == nil {
		return nil
	}
	f.where = "at the top of " + decl.Name.Name
	if k.Column != "" {
		f.where += " (for " + k.Column + ")"
	}
	f.params = decl
	f.table, f.column = k.Table, k.Column
	return f.nullFixes()
}
