package prisma

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/idemlint/idemlint/schema"
)

// The syntax tree is kept small: just what the model builder and the fixes
// need, with byte offsets into the file.

type block struct {
	file      *schema.File
	src       string // file.Src as a string
	kind      string // datasource, generator, model, view, enum, type
	name      string
	nameStart int
	nameEnd   int
	start     int
	end       int // after the closing "}", or where reading stopped

	fields []field     // model, view, type: fields; enum: values
	attrs  []attribute // @@ attributes
	fattrs []attribute // the fields' attributes (see field.attrLo)
	props  []prop      // datasource, generator: key = value
	// The arguments and array elements of the block's attributes and
	// properties: an attribute or a value holds a range of these.
	argPool  []arg
	elemPool []expr

	// maybeRepeats says that some field's maybeRepeat is set.
	maybeRepeats bool
}

// A field holds offsets rather than strings and slices: with no pointer
// it costs the garbage collector nothing, and 32-bit offsets (files are
// smaller than 2 GiB, see read) keep it at 40 bytes.
type field struct {
	nameStart  int32
	nameEnd    int32
	typStart   int32
	typNameEnd int32 // the type without "?" or "[]"
	typEnd     int32 // after "?" or "[]"
	end        int32 // after the last attribute, or the type
	// Its attributes are its block's fattrs[attrLo:attrHi].
	attrLo, attrHi int32
	optional       bool
	list           bool
	// codes has bit 1<<c set when an attribute of code c is among them:
	// the builder skips the attributes of a field that has none it reads.
	codes uint8
	// maybeRepeat says that an earlier field of the block may have the
	// same name (see parser.seen); false when none has.
	maybeRepeat bool
	// hash is nameHash8 of its name: names are compared only when their
	// hashes are equal.
	hash uint8
}

func (f *field) name(src string) string { return src[f.nameStart:f.nameEnd] }

// typ is the type as written, without "?" or "[]".
func (f *field) typ(src string) string { return src[f.typStart:f.typNameEnd] }

// attrsOf returns the attributes of f, one of b's fields.
func (b *block) attrsOf(f *field) []attribute { return b.fattrs[f.attrLo:f.attrHi:f.attrHi] }

// The syntax tree holds no pointer: names and values are offsets into
// the source, lists are ranges of the block's pools. A pointer (a string,
// a slice) stored while the collector marks costs a write barrier, and
// the parser stores thousands of them a schema: with the collector on, the
// barriers cost more than the stores.

type attribute struct {
	start              int32 // at "@" or "@@"
	end                int32
	nameStart, nameEnd int32    // "id", "db.VarChar", "unique"
	argLo, argHi       int32    // its arguments: block.argPool[argLo:argHi]
	code               attrCode // name, as the builder tells attributes apart
}

func (a *attribute) name(src string) string { return src[a.nameStart:a.nameEnd] }

// An attrCode names an attribute the builder reads: the parser decides it
// once, and the builder's passes over a field's attributes compare bytes,
// not strings.
type attrCode uint8

const (
	aOther attrCode = iota
	aID
	aUnique
	aDefault
	aMap
	aSchema
	aRelation
	aDB // db.VarChar and the other native types
)

func attrCodeOf(name string) attrCode {
	switch name {
	case "id":
		return aID
	case "unique":
		return aUnique
	case "default":
		return aDefault
	case "map":
		return aMap
	case "schema":
		return aSchema
	case "relation":
		return aRelation
	}
	if strings.HasPrefix(name, "db.") {
		return aDB
	}
	return aOther
}

type prop struct {
	key        string
	start, end int
	value      expr
}

type arg struct {
	// The name, as written; nameStart == nameEnd for a positional
	// argument. quoted says it is a string literal (an object's key).
	nameStart, nameEnd int32
	quoted             bool
	value              expr
}

// name returns the argument's name, "" for a positional argument.
func (a *arg) name(src string) string {
	if a.quoted {
		return unquote(src[a.nameStart:a.nameEnd])
	}
	return src[a.nameStart:a.nameEnd]
}

type exprKind uint8

const (
	eString exprKind = iota
	eNumber
	ePath // an identifier or dotted path: Desc, true, null, address.street
	eCall
	eArray
	eObject
)

type expr struct {
	kind       exprKind
	start, end int32
	textEnd    int32 // a path or call: the end of its name
	// A call's arguments and an object's members (name = key) are
	// block.argPool[lo:hi]; an array's elements block.elemPool[lo:hi].
	lo, hi int32
}

// text returns a path's or a call's name, a number as written, or a
// string's decoded value; "" for an array or an object.
func (bl *block) text(e *expr) string {
	switch e.kind {
	case eString:
		return unquote(bl.src[e.start:e.end])
	case eNumber:
		return bl.src[e.start:e.end]
	case ePath, eCall:
		return bl.src[e.start:e.textEnd]
	}
	return ""
}

// args returns the arguments of a call or the members of an object.
func (bl *block) args(e *expr) []arg {
	if e.kind != eCall && e.kind != eObject {
		return nil
	}
	return bl.argPool[e.lo:e.hi:e.hi]
}

// elems returns the elements of an array.
func (bl *block) elems(e *expr) []expr {
	if e.kind != eArray {
		return nil
	}
	return bl.elemPool[e.lo:e.hi:e.hi]
}

// arg returns the argument of e called name, or for name "" the first
// positional argument.
func (bl *block) arg(e *expr, name string) *expr { return bl.findArg(bl.args(e), name) }

func (bl *block) findArg(args []arg, name string) *expr {
	for i := range args {
		if args[i].name(bl.src) == name {
			return &args[i].value
		}
	}
	return nil
}

// attrArg is arg for an attribute's arguments.
func (bl *block) attrArg(a *attribute, name string) *expr {
	return bl.findArg(bl.argPool[a.argLo:a.argHi:a.argHi], name)
}

// maxDepth bounds the nesting of arrays, objects and calls so that hostile
// input cannot exhaust the stack.
const maxDepth = 200

// parser reads blocks. After a syntax error it sets failed, unwinds to the
// top level and skips to the next line that opens a block.
//
// It hands each block to emit as soon as the block is read, and then
// reuses the block's memory (its fields, attributes and arguments) for the
// next one: the syntax tree of a whole schema is never held at once, which
// kept the reader's memory at about three times the model's.
type parser struct {
	lexer
	prevEnd int // end of the previous token
	emit    func(*block)
	cur     block
	// Fields and attributes do not nest: each block's (and field's) list
	// is a slice of these.
	fields []field
	fattrs []attribute // of fields
	battrs []attribute // of blocks
	// Nested lists are built on a stack and moved to their pool, which
	// the block's values index, once complete; all are reused from block
	// to block.
	argStack, argPool   []arg
	elemStack, elemPool []expr
	depth               int
	// seen is a 256-bit filter of the hashes of the current block's field
	// names: a field whose bit is already set may repeat an earlier name,
	// and only such fields are compared with the others (duplicateFields).
	seen   [4]uint64
	keep   bool // store arguments and elements, or only check them
	failed bool // the current block hit a syntax error
	nl     bool // the current token is the first on its line
}

// parseFile reads every block of f, handing each to emit (which may be
// nil) once it is read. A block and its lists are valid only during the
// call.
func parseFile(f *schema.File, emit func(*block)) *parser {
	p := &parser{}
	p.read(f, emit)
	return p
}

// read is parseFile for a parser that may have read another file: the
// lists it keeps for blocks are reused (a schema folder has many small
// files), its comments and errors are f's alone.
func (p *parser) read(f *schema.File, emit func(*block)) {
	p.lexer = lexer{errs: p.errs[:0]}
	if len(f.Src) > math.MaxInt32 {
		// Offsets in fields are 32-bit. No schema comes near this.
		p.f = f
		p.errorf(0, "file of %d bytes is larger than 2 GiB: not read", len(f.Src))
		return
	}
	p.init(f)
	p.emit = emit
	p.prevEnd, p.depth, p.failed = 0, 0, false
	p.nl = true
	p.keep = true
	if p.fields == nil {
		// Enough for most blocks; a larger one grows them once.
		p.fields = make([]field, 0, 128)
		p.fattrs = make([]attribute, 0, 64)
		p.battrs = make([]attribute, 0, 32)
	}
	p.lexer.next()
	for p.tok != tEOF {
		p.skipNewlines()
		if p.tok == tEOF {
			break
		}
		before := p.start
		p.failed = false
		p.topLevel()
		if p.failed {
			p.recover()
			if p.start <= before && p.tok != tEOF {
				// Never loop on a line recovery cannot get past.
				p.pos = before + 1
				p.recover()
			}
		}
	}
}

func (p *parser) next() {
	p.nl = p.tok == tNewline
	p.prevEnd = p.end
	p.lexer.next()
}

func (p *parser) skipNewlines() {
	for p.tok == tNewline {
		p.next()
	}
}

// fail records a syntax error at off; the block being read is abandoned.
func (p *parser) fail(off int, format string, args ...any) {
	if !p.failed {
		p.errorf(off, format, args...)
	}
	p.failed = true
}

// unexpected reports the current token as out of place.
func (p *parser) unexpected(context string) {
	if p.tok == tIllegal {
		p.fail(p.start, "%s", p.illegal)
		return
	}
	p.fail(p.start, "unexpected %s %s", p.describe(), context)
}

func (p *parser) describe() string {
	switch p.tok {
	case tIdent, tNumber, tString:
		t := p.text()
		if len(t) > 32 {
			n := 32
			for n > 0 && !utf8.RuneStart(t[n]) {
				n-- // cut on a character boundary
			}
			t = t[:n] + "…"
		}
		return tokNames[p.tok] + " " + quoteText(t)
	}
	return tokNames[p.tok]
}

// quoteText quotes a token or name for a message: as written when it is
// printable UTF-8, Go-quoted otherwise (see schema.QuoteText).
func quoteText(t string) string {
	if q := schema.QuoteText(t); q != t {
		return q
	}
	if strings.HasPrefix(t, `"`) {
		return t
	}
	return `"` + t + `"`
}

func isBlockKeyword(s string) bool {
	switch s {
	case "model", "enum", "datasource", "generator", "type", "view":
		return true
	}
	return false
}

// headerAt reports whether the line starting at i opens a block:
// a block keyword, a name and "{". Recovery resumes at such lines.
func (p *parser) headerAt(i int) bool {
	src := p.src
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	j := i
	for j < len(src) && isIdentPart(src[j]) {
		j++
	}
	if !isBlockKeyword(src[i:j]) {
		return false
	}
	k := j
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if k == j || k >= len(src) || !isIdentStart(src[k]) {
		return false
	}
	for k < len(src) && isIdentPart(src[k]) {
		k++
	}
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	return k < len(src) && src[k] == '{'
}

// recover skips to the next line that opens a block.
func (p *parser) recover() {
	if p.tok != tNewline && p.nl && p.headerAt(p.lineStart(p.start)) {
		p.failed = false
		return // already at a block
	}
	i := p.start
	if p.tok == tNewline {
		i = p.end
	} else if i < p.pos {
		i = p.pos
	}
	if i > 0 && p.src[i-1] != '\n' {
		i = p.nextLine(i)
	}
	for i < len(p.src) && !p.headerAt(i) {
		i = p.nextLine(i)
	}
	p.pos = i
	p.tok = tNewline
	p.next()
	p.failed = false
}

// nextLine returns the start of the line after the one holding i, or the
// end of the source.
func (p *parser) nextLine(i int) int {
	nl := strings.IndexByte(p.src[i:], '\n')
	if nl < 0 {
		return len(p.src)
	}
	return i + nl + 1
}

func (p *parser) lineStart(off int) int {
	return strings.LastIndexByte(p.src[:off], '\n') + 1
}

func (p *parser) topLevel() {
	if p.tok != tIdent {
		p.unexpected("at top level; expected a block such as model or enum")
		return
	}
	kind := p.text()
	if !isBlockKeyword(kind) {
		p.fail(p.start, "unknown block type %q; expected datasource, generator, model, view, enum or type", kind)
		return
	}
	b := &p.cur
	// Field by field: a composite literal would be copied in with a write
	// barrier over every pointer of the old block.
	b.file, b.src, b.kind, b.start, b.end = p.f, p.src, kind, p.start, 0
	b.fields, b.attrs, b.fattrs, b.maybeRepeats = nil, nil, nil, false
	if b.props != nil {
		b.props = nil
	}
	b.name, b.nameStart, b.nameEnd = "", 0, 0
	p.next()
	if p.tok != tIdent {
		p.unexpected("after " + kind + "; expected its name")
		return
	}
	b.name, b.nameStart, b.nameEnd = p.text(), p.start, p.end
	p.next()
	if p.tok != tLBrace {
		p.unexpected("after " + kind + " " + quoteText(b.name) + `; expected "{"`)
		return
	}
	p.next()
	switch kind {
	case "datasource", "generator":
		p.propsBody(b)
	default:
		fm, am := len(p.fields), len(p.battrs)
		p.seen = [4]uint64{}
		p.fieldsBody(b)
		b.fields, b.attrs = p.fields[fm:len(p.fields):len(p.fields)], p.battrs[am:len(p.battrs):len(p.battrs)]
		b.fattrs = p.fattrs
	}
	if b.end == 0 {
		// Cut short: the block ends with the last content before the
		// token that stopped it.
		b.end = max(p.lastEnd(p.start), b.nameEnd)
	}
	b.argPool, b.elemPool = p.argPool, p.elemPool
	if p.emit != nil {
		p.emit(b)
	}
	p.fields, p.fattrs, p.battrs = p.fields[:0], p.fattrs[:0], p.battrs[:0]
	p.argStack, p.argPool = p.argStack[:0], p.argPool[:0]
	p.elemStack, p.elemPool = p.elemStack[:0], p.elemPool[:0]
}

// lastEnd backs off from off over white space, so a block cut short ends
// at its last byte of content.
func (p *parser) lastEnd(off int) int {
	for off > 0 {
		switch p.src[off-1] {
		case ' ', '\t', '\r', '\n':
			off--
			continue
		}
		break
	}
	return off
}

// closeBlock handles what may end a block body. It reports whether the
// body is over (closed, cut short by the next block or by the file's end).
func (p *parser) closeBlock(b *block) bool {
	switch {
	case p.tok == tRBrace:
		b.end = p.end
		p.next()
		return true
	case p.tok == tEOF:
		p.fail(p.start, "expected \"}\" to close %s %q", b.kind, b.name)
		return true
	case p.nl && p.tok == tIdent && isBlockKeyword(p.text()) && p.headerAt(p.lineStart(p.start)):
		p.fail(p.start, "expected \"}\" to close %s %q before the next block", b.kind, b.name)
		return true
	}
	return false
}

// endOfLine expects the end of a field or property. what ends in a space,
// or in "@@" for a block attribute, whose name follows it. (Small enough
// to be inlined: it is called once a line.)
func (p *parser) endOfLine(what, name string) {
	if p.tok != tNewline && p.tok != tEOF && p.tok != tRBrace {
		p.notEndOfLine(what, name)
	}
}

func (p *parser) notEndOfLine(what, name string) {
	if strings.HasSuffix(what, "@@") {
		// Quoted as one name, as before: no concatenation on the way.
		p.unexpected("after " + what[:len(what)-2] + quoteText("@@"+name))
		return
	}
	p.unexpected("after " + what + quoteText(name))
}

func (p *parser) propsBody(b *block) {
	for {
		p.skipNewlines()
		if p.closeBlock(b) || p.failed {
			return
		}
		if p.tok != tIdent {
			p.unexpected("in " + b.kind + " " + quoteText(b.name) + "; expected a property name")
			return
		}
		pr := prop{key: p.text(), start: p.start}
		p.next()
		if p.tok != tEquals {
			p.unexpected("after property " + quoteText(pr.key) + `; expected "="`)
			return
		}
		p.next()
		pr.value = p.expr()
		if p.failed {
			return
		}
		pr.end = int(pr.value.end)
		b.props = append(b.props, pr)
		p.endOfLine("property ", pr.key)
		if p.failed {
			return
		}
	}
}

func (p *parser) fieldsBody(b *block) {
	for {
		p.skipNewlines()
		if p.closeBlock(b) || p.failed {
			return
		}
		switch p.tok {
		case tAtAt:
			a := p.attribute()
			if p.failed {
				return
			}
			p.battrs = append(p.battrs, a)
			p.endOfLine("attribute @@", a.name(p.src))
		case tIdent:
			p.field(b)
		default:
			p.unexpected("in " + b.kind + " " + quoteText(b.name) + "; expected a field or @@attribute")
		}
		if p.failed {
			return
		}
	}
}

func (p *parser) field(b *block) {
	f := field{nameStart: int32(p.start), nameEnd: int32(p.end)}
	f.attrLo = int32(len(p.fattrs))
	p.fieldRest(b, &f)
	f.attrHi = int32(len(p.fattrs))
	if !p.failed {
		h := nameHash8(f.name(p.src))
		f.hash = h
		w, bit := h>>6, uint64(1)<<(h&63)
		if p.seen[w]&bit != 0 {
			f.maybeRepeat = true
			b.maybeRepeats = true
		}
		p.seen[w] |= bit
		p.fields = append(p.fields, f)
		p.endOfLine("field ", f.name(p.src))
	}
}

// fieldRest reads the type and attributes of field f.
func (p *parser) fieldRest(b *block, f *field) {
	p.next()
	if b.kind != "enum" {
		if p.tok != tIdent {
			p.unexpected("after field " + quoteText(f.name(p.src)) + "; expected its type")
			return
		}
		f.typStart = int32(p.start)
		unsupported := p.text() == "Unsupported"
		p.next()
		if unsupported && p.tok == tLParen {
			p.args()
			if p.failed {
				return
			}
		}
		f.typNameEnd = int32(p.lastTokEnd())
		f.typEnd = f.typNameEnd
		switch p.tok {
		case tQuestion:
			f.optional = true
			f.typEnd = int32(p.end)
			p.next()
		case tLBrack:
			p.next()
			if p.tok != tRBrack {
				p.unexpected(`in list type; expected "]"`)
				return
			}
			f.list = true
			f.typEnd = int32(p.end)
			p.next()
		}
	}
	f.end = f.typEnd
	if b.kind == "enum" {
		f.end = f.nameEnd
	}
	for p.tok == tAt {
		a := p.attribute()
		if p.failed {
			return
		}
		p.fattrs = append(p.fattrs, a)
		f.end = a.end
		f.codes |= 1 << a.code
	}
}

// lastTokEnd is the end of the token before the current one.
func (p *parser) lastTokEnd() int { return p.prevEnd }

// attribute reads @name(args) or @@name(args).
func (p *parser) attribute() attribute {
	a := attribute{start: int32(p.start)}
	p.next()
	if p.tok != tIdent {
		p.unexpected("after " + p.src[a.start:p.start] + "; expected an attribute name")
		return a
	}
	a.nameStart = int32(p.start)
	p.next()
	// The lexer has no notion of "db.VarChar": join the dotted path here,
	// allowing no spaces inside it.
	for p.tok == tDot && p.start == p.prevEnd {
		p.next()
		if p.tok != tIdent || p.start != p.prevEnd {
			p.unexpected("in attribute name")
			return a
		}
		p.next()
	}
	a.nameEnd = int32(p.prevEnd)
	a.code = attrCodeOf(a.name(p.src))
	a.end = a.nameEnd
	if p.tok == tLParen {
		// Arguments of attributes the model ignores (@relation, @@index,
		// @db.VarChar…) are checked but not kept: that saves most of the
		// allocations. Most such lists are simple enough to be checked by
		// their bytes, without a token or a value.
		if skipSimpleArgs && !keepArgs(a.code) && p.skipArgs() {
			a.end = int32(p.prevEnd)
			return a
		}
		keep := p.keep
		p.keep = keepArgs(a.code)
		a.argLo, a.argHi = p.args()
		p.keep = keep
		a.end = int32(p.prevEnd)
	}
	return a
}

// skipSimpleArgs lets the parser pass over simple argument lists it does
// not keep by their bytes (see skipArgs); tests turn it off to compare.
var skipSimpleArgs = true

// skipArgs passes over the argument list starting at the current token,
// "(", when it is simple enough to be checked by its bytes: names, dotted
// paths, calls, lists, named arguments, plain digits and strings of
// printable ASCII without escapes, on one line, with no comment, nested at
// most skipDepth deep. Such a list reads the same token by token, with no
// error, comment or value to record, so passing over it changes nothing
// but the time. It returns false, having read nothing, for any other list,
// which is then read token by token (and its errors reported).
func (p *parser) skipArgs() bool {
	end, ok := skipList(p.src, p.start, ')', 1)
	if !ok {
		return false
	}
	// As if the closing ")" were the current token.
	p.tok, p.start, p.end, p.pos = tRParen, end-1, end, end
	p.next()
	return true
}

const skipDepth = 8

func skipBlanks(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func identEnd(src string, i int) int {
	for i < len(src) && isIdentPart(src[i]) {
		i++
	}
	return i
}

// skipList passes over "(" arguments ")" (close ')') or "[" values "]"
// (close ']') starting at src[i], returning the offset after it; ok is
// false when the list is not simple (see skipArgs).
func skipList(src string, i int, close byte, depth int) (end int, ok bool) {
	if depth > skipDepth {
		return 0, false
	}
	i = skipBlanks(src, i+1)
	for {
		if i >= len(src) {
			return 0, false
		}
		if src[i] == close {
			return i + 1, true
		}
		if close == ')' && isIdentStart(src[i]) {
			// "name:" names an argument.
			if k := skipBlanks(src, identEnd(src, i)); k < len(src) && src[k] == ':' {
				i = skipBlanks(src, k+1)
			}
		}
		if i, ok = skipValue(src, i, depth); !ok {
			return 0, false
		}
		i = skipBlanks(src, i)
		if i >= len(src) {
			return 0, false
		}
		switch src[i] {
		case ',':
			i = skipBlanks(src, i+1)
		case close:
			return i + 1, true
		default:
			return 0, false
		}
	}
}

// skipValue passes over one simple value starting at src[i].
func skipValue(src string, i, depth int) (end int, ok bool) {
	if i >= len(src) {
		return 0, false
	}
	switch c := src[i]; {
	case isIdentStart(c):
		i = identEnd(src, i)
		for i < len(src) && src[i] == '.' {
			if i+1 >= len(src) || !isIdentStart(src[i+1]) {
				return 0, false
			}
			i = identEnd(src, i+1)
		}
		if j := skipBlanks(src, i); j < len(src) && src[j] == '(' {
			return skipList(src, j, ')', depth+1)
		}
		return i, true
	case isDigit(c):
		for i < len(src) && isDigit(src[i]) {
			i++
		}
		if i < len(src) && (isIdentPart(src[i]) || src[i] == '.') {
			return 0, false // a fraction, an exponent or a name glued on: the lexer decides
		}
		return i, true
	case c == '[':
		return skipList(src, i, ']', depth+1)
	case c == '"':
		for i++; i < len(src); i++ {
			switch b := src[i]; {
			case b == '"':
				return i + 1, true
			case b == '\\' || b < ' ' || b >= utf8.RuneSelf:
				return 0, false
			}
		}
	}
	return 0, false
}

// keepArgs reports whether the model builder reads the arguments of
// attribute name.
func keepArgs(code attrCode) bool {
	switch code {
	case aID, aUnique, aDefault, aMap, aSchema:
		return true
	}
	return false
}

// args reads a parenthesised argument list, the current token being
// "(", and returns its range in argPool.
func (p *parser) args() (lo, hi int32) {
	if !p.enter() {
		return 0, 0
	}
	m := len(p.argStack)
	p.argsRest()
	p.leave()
	return p.popArgs(m)
}

// popArgs moves the arguments pushed since mark to argPool.
func (p *parser) popArgs(mark int) (lo, hi int32) {
	if len(p.argStack) == mark {
		return 0, 0
	}
	lo = int32(len(p.argPool))
	p.argPool = append(p.argPool, p.argStack[mark:]...)
	p.argStack = p.argStack[:mark]
	return lo, int32(len(p.argPool))
}

// popElems moves the elements pushed since mark to elemPool.
func (p *parser) popElems(mark int) (lo, hi int32) {
	if len(p.elemStack) == mark {
		return 0, 0
	}
	lo = int32(len(p.elemPool))
	p.elemPool = append(p.elemPool, p.elemStack[mark:]...)
	p.elemStack = p.elemStack[:mark]
	return lo, int32(len(p.elemPool))
}

func (p *parser) argsRest() {
	p.nextNL() // "("
	for p.tok != tRParen {
		var a arg
		if p.tok == tIdent {
			// A name followed by ":" names the argument; otherwise the
			// identifier starts a value.
			switch p.colonNext() {
			case 1:
				a.nameStart, a.nameEnd = int32(p.start), int32(p.end)
				p.nextNL()
				p.nextNL()
			case -1:
				// A comment in between: lex ahead and come back.
				save, saveNL, savePrev := p.lexer, p.nl, p.prevEnd
				nameStart, nameEnd := int32(p.start), int32(p.end)
				p.nextNL()
				if p.tok == tColon {
					a.nameStart, a.nameEnd = nameStart, nameEnd
					p.nextNL()
				} else {
					p.lexer, p.nl, p.prevEnd = save, saveNL, savePrev
				}
			}
		}
		a.value = p.expr()
		if p.failed {
			return
		}
		if p.keep {
			p.argStack = append(p.argStack, a)
		}
		p.skipNewlines()
		if p.tok == tComma {
			p.nextNL()
			continue
		}
		if p.tok != tRParen {
			p.unexpected(`in arguments; expected "," or ")"`)
			return
		}
	}
	p.next() // ")"
}

// colonNext reports whether the next token after the current one, past
// blanks and newlines, is ":" (1) or not (0), by looking at the bytes:
// saving and restoring the lexer costs more than the argument. It returns
// -1 when a comment is in the way, which only the lexer reads.
func (p *parser) colonNext() int {
	src := p.src
	for i := p.end; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\r', '\f', '\v', '\n':
			continue
		case ':':
			return 1
		case '/':
			if i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*') {
				return -1
			}
		}
		return 0
	}
	return 0
}

// nextNL advances past the current token and any newlines: inside
// brackets, lines do not end anything.
func (p *parser) nextNL() {
	p.next()
	for p.tok == tNewline {
		p.next()
	}
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.start, "nesting deeper than %d levels", maxDepth)
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// expr reads one value. Newlines before it are skipped by the callers
// that allow them.
func (p *parser) expr() expr {
	e := expr{start: int32(p.start)}
	switch p.tok {
	case tString:
		e.kind = eString
		e.end = int32(p.end)
		p.next()
	case tNumber:
		e.kind = eNumber
		e.end = int32(p.end)
		p.next()
	case tIdent:
		e.kind = ePath
		p.next()
		for p.tok == tDot {
			p.next()
			if p.tok != tIdent {
				p.unexpected(`after "."; expected a name`)
				return e
			}
			p.next()
		}
		e.end = int32(p.prevEnd)
		e.textEnd = e.end
		if p.tok == tLParen {
			e.kind = eCall
			e.lo, e.hi = p.args()
			e.end = int32(p.prevEnd)
		}
	case tLBrack:
		e.kind = eArray
		if p.enter() {
			m := len(p.elemStack)
			p.array(&e)
			e.lo, e.hi = p.popElems(m)
			p.leave()
		}
	case tLBrace:
		e.kind = eObject
		if p.enter() {
			m := len(p.argStack)
			p.object(&e)
			e.lo, e.hi = p.popArgs(m)
			p.leave()
		}
	default:
		p.unexpected("where a value belongs")
	}
	return e
}

// array reads the elements of [a, b]; the current token is "[".
func (p *parser) array(e *expr) {
	p.nextNL()
	for p.tok != tRBrack {
		el := p.expr()
		if p.failed {
			return
		}
		if p.keep {
			p.elemStack = append(p.elemStack, el)
		}
		p.skipNewlines()
		if p.tok == tComma {
			p.nextNL()
			continue
		}
		if p.tok != tRBrack {
			p.unexpected(`in array; expected "," or "]"`)
			return
		}
	}
	e.end = int32(p.end)
	p.next()
}

// object reads the members of { key: value }; the current token is "{".
func (p *parser) object(e *expr) {
	p.nextNL()
	for p.tok != tRBrace {
		key := arg{nameStart: int32(p.start), nameEnd: int32(p.end)}
		switch p.tok {
		case tIdent:
		case tString:
			key.quoted = true
		default:
			p.unexpected("in object; expected a key")
			return
		}
		p.nextNL()
		if p.tok != tColon {
			p.unexpected(`after object key; expected ":"`)
			return
		}
		p.nextNL()
		v := p.expr()
		if p.failed {
			return
		}
		if p.keep {
			key.value = v
			p.argStack = append(p.argStack, key)
		}
		p.skipNewlines()
		if p.tok == tComma {
			p.nextNL()
			continue
		}
		if p.tok != tRBrace {
			p.unexpected(`in object; expected "," or "}"`)
			return
		}
	}
	e.end = int32(p.end)
	p.next()
}
