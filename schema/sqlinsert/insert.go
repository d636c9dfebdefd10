package sqlinsert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// An Insert is one INSERT statement.
type Insert struct {
	Table     string // as written, unquoted; folded to lower case if unquoted on PostgreSQL
	Namespace string
	// Columns lists the target columns; nil when the statement names none
	// (then values go to the table's columns in order).
	Columns []Column
	// Rows holds the VALUES rows, or the select list of INSERT ... SELECT
	// as a single row. Each row has one Value per target column.
	Rows         [][]Value
	FromSelect   bool // INSERT ... SELECT: rows may be many or none
	DefaultValue bool // INSERT ... DEFAULT VALUES
	OnConflict   bool // ON CONFLICT / ON DUPLICATE KEY UPDATE / INSERT OR IGNORE / INSERT IGNORE
	// ConflictColumns are the plain columns of ON CONFLICT (a, b): the code
	// says a row is the same row when they agree. ConflictConstraint is the
	// name in ON CONFLICT ON CONSTRAINT name. Both empty without a target.
	ConflictColumns    []string
	ConflictConstraint string
	Start, End         int // byte range of the statement in the query text
}

// TableIn returns the table of m the INSERT writes: the same name (and
// namespace, when both say one), exactly or else ignoring case; nil when
// m declares none.
func (ins *Insert) TableIn(m *schema.Model) *schema.Table {
	var fold *schema.Table
	for _, t := range m.Tables {
		if ins.Namespace != "" && t.Namespace != "" && !strings.EqualFold(ins.Namespace, t.Namespace) {
			continue
		}
		if t.Name == ins.Table {
			return t
		}
		if fold == nil && strings.EqualFold(t.Name, ins.Table) {
			fold = t
		}
	}
	return fold
}

// A Column is a target column of an INSERT.
type Column struct {
	Name       string
	Start, End int // where the name is written in the query
}

// A ValueKind classifies what feeds a column.
type ValueKind int

const (
	Expr    ValueKind = iota // any other expression
	Param                    // a bind parameter, possibly cast ($1::text)
	Null                     // the NULL literal
	Default                  // the DEFAULT keyword
	Literal                  // a constant other than NULL
)

// A Value is what one row writes into one column.
type Value struct {
	Kind ValueKind
	// Param identifies the bind parameter (Kind Param, or the one inside an
	// expression such as NULLIF($3, '')): Index is 1-based for positional
	// parameters ($3 → 3; the n-th ? → n); Name is set for named ones
	// (:name, @name, sqlc.arg(name)).
	Index int
	Name  string
	// EmptyLiteral: the constant is the empty string.
	EmptyLiteral bool
	// NullIfEmpty: NULLIF(p, '') turns an empty parameter into NULL.
	NullIfEmpty bool
	// NeverNull: COALESCE(p, <non-null constant>) and similar cannot be NULL.
	NeverNull bool
	// MaybeNull: sqlc.narg(name) declares a nullable parameter.
	MaybeNull  bool
	Text       string
	Start, End int
}

// Parse reads the first INSERT statement in query. It returns (nil, nil)
// when query is not an INSERT (a SELECT, an UPDATE, a DDL statement).
func Parse(query string, d schema.Dialect) (*Insert, error) {
	f := schema.NewFile("query", []byte(query))
	toks, _, errs := sqlddl.Tokenize(f, d)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	p := &parser{src: query, toks: toks, d: d, qmarkAt: map[int]int{}}
	return p.parse()
}

type parser struct {
	src     string
	toks    []sqlddl.Token
	i       int
	d       schema.Dialect
	qmarks  int         // ? parameters seen so far, for their ordinal
	qmarkAt map[int]int // offset of each ? → its ordinal
}

func (p *parser) tok() sqlddl.Token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return sqlddl.Token{Kind: sqlddl.EOF, Start: len(p.src), End: len(p.src)}
}

func (p *parser) text(t sqlddl.Token) string { return p.src[t.Start:t.End] }

func (p *parser) isKw(kw string) bool {
	t := p.tok()
	return t.Kind == sqlddl.Ident && strings.EqualFold(p.text(t), kw)
}

func (p *parser) acceptKw(kws ...string) bool {
	for _, kw := range kws {
		if p.isKw(kw) {
			p.i++
			return true
		}
	}
	return false
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", p.tok().Start, fmt.Sprintf(format, args...))
}

func (p *parser) parse() (*Insert, error) {
	// Skip a WITH clause: find the INSERT keyword at parenthesis depth 0.
	depth := 0
	for ; p.i < len(p.toks); p.i++ {
		t := p.tok()
		switch t.Kind {
		case sqlddl.LParen:
			depth++
			continue
		case sqlddl.RParen:
			depth--
			continue
		case sqlddl.Semi:
			if depth == 0 {
				return nil, nil // the first statement is not an INSERT
			}
		}
		p.countParam(t)
		if depth != 0 || t.Kind != sqlddl.Ident {
			continue
		}
		w := strings.ToUpper(p.text(t))
		if w == "INSERT" || w == "REPLACE" && p.i == 0 {
			break
		}
		if p.i == 0 && w != "WITH" {
			return nil, nil
		}
	}
	if p.i >= len(p.toks) {
		return nil, nil
	}
	ins := &Insert{Start: p.tok().Start}
	if p.isKw("REPLACE") {
		ins.OnConflict = true
	}
	p.i++
	// INSERT OR IGNORE / OR REPLACE (SQLite), INSERT IGNORE (MySQL),
	// priority modifiers (MySQL).
	for {
		switch {
		case p.acceptKw("OR"):
			p.acceptKw("IGNORE", "REPLACE", "ABORT", "FAIL", "ROLLBACK")
			ins.OnConflict = true
			continue
		case p.acceptKw("IGNORE"):
			ins.OnConflict = true
			continue
		case p.acceptKw("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY"):
			continue
		}
		break
	}
	p.acceptKw("INTO")
	name, ns, ok := p.qualName()
	if !ok {
		return nil, p.errorf("expected a table name after INSERT INTO")
	}
	ins.Table, ins.Namespace = name, ns
	if p.acceptKw("AS") {
		p.i++ // alias
	}
	if p.tok().Kind == sqlddl.LParen && !p.startsSelect(p.i+1) {
		p.i++
		for {
			t := p.tok()
			if t.Kind != sqlddl.Ident && t.Kind != sqlddl.QuotedIdent {
				return nil, p.errorf("expected a column name")
			}
			ins.Columns = append(ins.Columns, Column{Name: p.identName(t), Start: t.Start, End: t.End})
			p.i++
			// Skip subscripts and field selectors (col[1], col.field).
			for p.tok().Kind != sqlddl.Comma && p.tok().Kind != sqlddl.RParen && p.tok().Kind != sqlddl.EOF {
				p.i++
			}
			if p.tok().Kind == sqlddl.Comma {
				p.i++
				continue
			}
			break
		}
		if p.tok().Kind != sqlddl.RParen {
			return nil, p.errorf("expected ) after the column list")
		}
		p.i++
	}
	p.acceptKw("OVERRIDING")
	if p.isKw("SYSTEM") || p.isKw("USER") {
		p.i += 2 // OVERRIDING SYSTEM VALUE
	}
	switch {
	case p.acceptKw("DEFAULT"):
		p.acceptKw("VALUES")
		ins.DefaultValue = true
	case p.acceptKw("VALUES", "VALUE"):
		for {
			if p.tok().Kind != sqlddl.LParen {
				return nil, p.errorf("expected ( to start a VALUES row")
			}
			p.i++
			row, err := p.valueList()
			if err != nil {
				return nil, err
			}
			ins.Rows = append(ins.Rows, row)
			if p.tok().Kind != sqlddl.Comma {
				break
			}
			p.i++
		}
	case ins.Columns == nil && p.acceptKw("SET"):
		// MySQL's and MariaDB's INSERT INTO t SET a = x, b = y: one row,
		// whose columns are the assignments' targets.
		row, err := p.setList(ins)
		if err != nil {
			return nil, err
		}
		ins.Rows = append(ins.Rows, row)
	case p.isKw("SELECT") || p.tok().Kind == sqlddl.LParen:
		if p.tok().Kind == sqlddl.LParen {
			p.i++
		}
		p.i++ // SELECT
		p.acceptKw("DISTINCT", "ALL")
		row, err := p.selectList()
		if err != nil {
			return nil, err
		}
		ins.FromSelect = true
		ins.Rows = append(ins.Rows, row)
	default:
		return nil, p.errorf("expected VALUES, SELECT, SET or DEFAULT VALUES")
	}
	// The rest: ON CONFLICT, ON DUPLICATE KEY UPDATE, RETURNING.
	for ; p.i < len(p.toks) && p.tok().Kind != sqlddl.Semi; p.i++ {
		if p.isKw("ON") && p.i+1 < len(p.toks) {
			next := strings.ToUpper(p.text(p.toks[p.i+1]))
			if next == "CONFLICT" || next == "DUPLICATE" {
				ins.OnConflict = true
			}
			if next == "CONFLICT" && ins.ConflictColumns == nil && ins.ConflictConstraint == "" {
				ins.ConflictColumns, ins.ConflictConstraint = p.conflictTarget(p.i + 2)
			}
		}
		p.countParam(p.tok())
	}
	ins.End = p.tok().Start
	if p.i >= len(p.toks) {
		ins.End = len(p.src)
	}
	return ins, nil
}

// conflictTarget reads the target of ON CONFLICT starting at token i:
// (a, "b") gives its columns, ON CONSTRAINT name the constraint. A target
// with an expression ((lower(email))) gives neither: no plain column list
// says what the code treats as a key.
func (p *parser) conflictTarget(i int) (cols []string, constraint string) {
	if i+2 < len(p.toks) && strings.EqualFold(p.text(p.toks[i]), "ON") && strings.EqualFold(p.text(p.toks[i+1]), "CONSTRAINT") {
		if t := p.toks[i+2]; t.Kind == sqlddl.Ident || t.Kind == sqlddl.QuotedIdent {
			return nil, p.identName(t)
		}
		return nil, ""
	}
	if i >= len(p.toks) || p.toks[i].Kind != sqlddl.LParen {
		return nil, ""
	}
	for i++; i < len(p.toks); i += 2 {
		t := p.toks[i]
		if t.Kind != sqlddl.Ident && t.Kind != sqlddl.QuotedIdent || i+1 >= len(p.toks) {
			return nil, ""
		}
		cols = append(cols, p.identName(t))
		switch p.toks[i+1].Kind {
		case sqlddl.Comma:
			continue
		case sqlddl.RParen:
			return cols, ""
		}
		return nil, ""
	}
	return nil, ""
}

func (p *parser) startsSelect(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	t := p.toks[i]
	return t.Kind == sqlddl.Ident && (strings.EqualFold(p.text(t), "SELECT") || strings.EqualFold(p.text(t), "WITH"))
}

// qualName reads [namespace.]name.
func (p *parser) qualName() (name, ns string, ok bool) {
	t := p.tok()
	if t.Kind != sqlddl.Ident && t.Kind != sqlddl.QuotedIdent && t.Kind != sqlddl.Template {
		return "", "", false
	}
	name = p.identName(t)
	p.i++
	for p.tok().Kind == sqlddl.Dot {
		p.i++
		t = p.tok()
		if t.Kind != sqlddl.Ident && t.Kind != sqlddl.QuotedIdent && t.Kind != sqlddl.Template {
			return "", "", false
		}
		ns, name = name, p.identName(t)
		p.i++
	}
	return name, ns, true
}

// identName unquotes an identifier and folds unquoted ones the way
// PostgreSQL does; other dialects compare names case-insensitively anyway.
func (p *parser) identName(t sqlddl.Token) string {
	s := p.text(t)
	if t.Kind == sqlddl.QuotedIdent && len(s) >= 2 {
		q := s[0]
		inner := s[1 : len(s)-1]
		switch q {
		case '"':
			return strings.ReplaceAll(inner, `""`, `"`)
		case '`':
			return strings.ReplaceAll(inner, "``", "`")
		}
		return inner
	}
	switch p.d {
	case schema.PostgreSQL, schema.CockroachDB, schema.DialectUnknown:
		return strings.ToLower(s)
	}
	return s
}

// valueList reads comma-separated expressions up to the closing ')'.
func (p *parser) valueList() ([]Value, error) {
	var row []Value
	for {
		v, err := p.value(func(t sqlddl.Token) bool { return t.Kind == sqlddl.Comma || t.Kind == sqlddl.RParen })
		if err != nil {
			return nil, err
		}
		row = append(row, v)
		switch p.tok().Kind {
		case sqlddl.Comma:
			p.i++
			continue
		case sqlddl.RParen:
			p.i++
			return row, nil
		}
		return nil, p.errorf("unterminated VALUES row")
	}
}

// setList reads the assignments of MySQL's INSERT … SET a = x, b = y into
// ins's columns and returns their values as one row. It stops at the end
// of the statement, at ON DUPLICATE KEY UPDATE, and at a row alias (AS
// new).
func (p *parser) setList(ins *Insert) ([]Value, error) {
	var row []Value
	stop := func(t sqlddl.Token) bool {
		switch t.Kind {
		case sqlddl.Comma, sqlddl.Semi, sqlddl.EOF:
			return true
		case sqlddl.Ident:
			w := strings.ToUpper(p.text(t))
			return w == "ON" || w == "AS"
		}
		return false
	}
	for {
		t := p.tok()
		if t.Kind != sqlddl.Ident && t.Kind != sqlddl.QuotedIdent {
			return nil, p.errorf("expected a column name after SET")
		}
		p.i++
		for p.tok().Kind == sqlddl.Dot && p.i+1 < len(p.toks) {
			p.i++ // t.col: the column is the last part
			t = p.tok()
			p.i++
		}
		if p.tok().Kind != sqlddl.Op || p.text(p.tok()) != "=" {
			return nil, p.errorf("expected = after a column of SET")
		}
		p.i++
		v, err := p.value(stop)
		if err != nil {
			return nil, err
		}
		ins.Columns = append(ins.Columns, Column{Name: p.identName(t), Start: t.Start, End: t.End})
		row = append(row, v)
		if p.tok().Kind != sqlddl.Comma {
			return row, nil
		}
		p.i++
	}
}

// selectList reads the select list of INSERT ... SELECT, up to FROM,
// WHERE or the end.
func (p *parser) selectList() ([]Value, error) {
	var row []Value
	stop := func(t sqlddl.Token) bool {
		if t.Kind == sqlddl.Comma || t.Kind == sqlddl.Semi || t.Kind == sqlddl.RParen || t.Kind == sqlddl.EOF {
			return true
		}
		if t.Kind != sqlddl.Ident {
			return false
		}
		switch strings.ToUpper(p.text(t)) {
		case "FROM", "WHERE", "ON", "RETURNING", "UNION", "GROUP", "ORDER", "LIMIT", "AS":
			return true
		}
		return false
	}
	for {
		v, err := p.value(stop)
		if err != nil {
			return nil, err
		}
		if p.acceptKw("AS") {
			p.i++ // column alias
		}
		row = append(row, v)
		if p.tok().Kind == sqlddl.Comma {
			p.i++
			continue
		}
		return row, nil
	}
}

// value reads one expression up to a token stop accepts at depth 0 and
// classifies it.
func (p *parser) value(stop func(sqlddl.Token) bool) (Value, error) {
	start := p.i
	depth := 0
	for ; p.i < len(p.toks); p.i++ {
		t := p.tok()
		if depth == 0 && stop(t) {
			break
		}
		switch t.Kind {
		case sqlddl.LParen:
			depth++
		case sqlddl.RParen:
			depth--
		}
		p.countParam(t)
	}
	if p.i == start {
		return Value{}, p.errorf("expected a value")
	}
	toks := p.toks[start:p.i]
	v := p.classify(toks)
	v.Start, v.End = toks[0].Start, toks[len(toks)-1].End
	v.Text = p.src[v.Start:v.End]
	return v, nil
}

// countParam numbers ? parameters in the order they appear in the text,
// which is the order their arguments are passed.
func (p *parser) countParam(t sqlddl.Token) {
	if t.Kind == sqlddl.Param && p.text(t) == "?" {
		p.qmarks++
		p.qmarkAt[t.Start] = p.qmarks
	}
}

func (p *parser) classify(toks []sqlddl.Token) Value {
	// Strip casts on parameters, positional or named: $1::text,
	// :name::text, @name::uuid. CAST($1 AS text) stays an expression.
	for i := 1; i <= 2 && i < len(toks)-1; i++ {
		if p.text(toks[i]) == "::" {
			toks = toks[:i]
			break
		}
	}
	if len(toks) == 1 {
		t := toks[0]
		switch t.Kind {
		case sqlddl.Param:
			return p.param(t)
		case sqlddl.String:
			return Value{Kind: Literal, EmptyLiteral: p.text(t) == "''"}
		case sqlddl.Number:
			return Value{Kind: Literal}
		case sqlddl.Ident:
			switch strings.ToUpper(p.text(t)) {
			case "NULL":
				return Value{Kind: Null}
			case "DEFAULT":
				return Value{Kind: Default}
			case "TRUE", "FALSE", "CURRENT_TIMESTAMP", "CURRENT_DATE", "LOCALTIMESTAMP":
				return Value{Kind: Literal}
			}
		}
	}
	// Named parameters: :name (sqlx, SQLite), @name (pgx, SQL Server).
	if len(toks) == 2 && (p.text(toks[0]) == ":" || p.text(toks[0]) == "@") && toks[1].Kind == sqlddl.Ident && toks[0].End == toks[1].Start {
		return Value{Kind: Param, Name: p.text(toks[1])}
	}
	if len(toks) >= 2 && toks[0].Kind == sqlddl.Ident && toks[1].Kind == sqlddl.LParen {
		return p.call(toks)
	}
	// sqlc.arg(name) / sqlc.narg(name)
	if len(toks) >= 5 && strings.EqualFold(p.text(toks[0]), "sqlc") && toks[1].Kind == sqlddl.Dot {
		fn := strings.ToLower(p.text(toks[2]))
		if (fn == "arg" || fn == "narg") && toks[3].Kind == sqlddl.LParen {
			v := Value{Kind: Param, Name: strings.Trim(p.text(toks[4]), `'"`)}
			v.MaybeNull = fn == "narg"
			return v
		}
	}
	v := Value{Kind: Expr}
	p.firstParam(toks, &v)
	return v
}

// call classifies a function call, understanding NULLIF(p, <empty string>)
// and COALESCE(p, x).
func (p *parser) call(toks []sqlddl.Token) Value {
	fn := strings.ToUpper(p.text(toks[0]))
	args := p.splitArgs(toks[2:])
	v := Value{Kind: Expr}
	switch fn {
	case "NULLIF":
		if len(args) == 2 {
			inner := p.classify(args[0])
			if inner.Kind == Param {
				v = inner
				v.Kind = Expr
				v.NullIfEmpty = len(args[1]) == 1 && p.text(args[1][0]) == "''"
				return v
			}
		}
	case "COALESCE", "IFNULL", "NVL":
		if len(args) >= 2 {
			inner := p.classify(args[0])
			last := p.classify(args[len(args)-1])
			v = inner
			v.Kind = Expr
			v.NeverNull = last.Kind == Literal || last.Kind == Expr && !p.mentionsParam(args[len(args)-1])
			if last.Kind == Literal {
				v.EmptyLiteral = last.EmptyLiteral
			}
			return v
		}
	}
	p.firstParam(toks, &v)
	return v
}

func (p *parser) mentionsParam(toks []sqlddl.Token) bool {
	for _, t := range toks {
		if t.Kind == sqlddl.Param {
			return true
		}
	}
	return false
}

// splitArgs splits the tokens after a call's "(" into its arguments.
func (p *parser) splitArgs(toks []sqlddl.Token) [][]sqlddl.Token {
	var args [][]sqlddl.Token
	depth, start := 0, 0
	for i, t := range toks {
		switch t.Kind {
		case sqlddl.LParen:
			depth++
		case sqlddl.RParen:
			if depth == 0 {
				if i > start {
					args = append(args, toks[start:i])
				}
				return args
			}
			depth--
		case sqlddl.Comma:
			if depth == 0 {
				args = append(args, toks[start:i])
				start = i + 1
			}
		}
	}
	return args
}

func (p *parser) firstParam(toks []sqlddl.Token, v *Value) {
	for _, t := range toks {
		if t.Kind == sqlddl.Param {
			pv := p.param(t)
			v.Index, v.Name = pv.Index, pv.Name
			return
		}
	}
}

func (p *parser) param(t sqlddl.Token) Value {
	s := p.text(t)
	if s == "?" {
		return Value{Kind: Param, Index: p.qmarkAt[t.Start]}
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(s, "$")); err == nil {
		return Value{Kind: Param, Index: n}
	}
	return Value{Kind: Param, Name: strings.TrimLeft(s, "$:@")}
}
