package dbdiff

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"modernc.org/sqlite"
)

// ReadSQLite reads the tables of the main schema of an SQLite database
// opened with modernc.org/sqlite. It needs SQLite 3.37 or later (pragma
// table_list). The columns an expression or a predicate mentions are those
// SQLite's authorizer sees it read; which columns a predicate excludes when
// NULL is asked of SQLite with probe indexes on temporary tables (see the
// package documentation).
func ReadSQLite(db *sql.DB) (*Schema, error) {
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s := &Schema{}
	for _, n := range names {
		t, err := readSQLiteTable(db, n)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", n, err)
		}
		s.Tables = append(s.Tables, *t)
	}
	if err := sqliteResolve(db, s); err != nil {
		return nil, err
	}
	if err := probeSQLite(db, s); err != nil {
		return nil, err
	}
	return s, nil
}

type sqliteCol struct {
	name, typ string
	notnull   bool
	dflt      sql.NullString
	pk        int
	hidden    int
}

func readSQLiteTable(db *sql.DB, name string) (*Table, error) {
	var wr, strict bool
	if err := db.QueryRow(`SELECT wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = ?`, name).Scan(&wr, &strict); err != nil {
		return nil, fmt.Errorf("pragma table_list: %w", err)
	}
	rows, err := db.Query(`SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`, name)
	if err != nil {
		return nil, err
	}
	var cols []sqliteCol
	for rows.Next() {
		var c sqliteCol
		if err := rows.Scan(&c.name, &c.typ, &c.notnull, &c.dflt, &c.pk, &c.hidden); err != nil {
			rows.Close()
			return nil, err
		}
		if c.hidden == 1 { // a virtual table's hidden column
			continue
		}
		cols = append(cols, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var pkCols []sqliteCol
	for _, c := range cols {
		if c.pk > 0 {
			pkCols = append(pkCols, c)
		}
	}
	sort.Slice(pkCols, func(i, j int) bool { return pkCols[i].pk < pkCols[j].pk })
	rowidAlias := !wr && len(pkCols) == 1 && strings.EqualFold(pkCols[0].typ, "INTEGER")

	t := &Table{Name: name}
	for _, c := range cols {
		if c.dflt.Valid && nullDefault.MatchString(strings.ToUpper(strings.TrimSpace(c.dflt.String))) {
			c.dflt.Valid = false // DEFAULT NULL: no default
		}
		col := Column{Name: c.name, Nullable: !c.notnull, HasDefault: c.dflt.Valid || c.hidden >= 2}
		if c.dflt.Valid {
			col.Default = c.dflt.String
		}
		if c.pk > 0 && (wr || strict || rowidAlias) {
			col.Nullable = false
		}
		if c.pk > 0 && rowidAlias {
			col.HasDefault = true
			if col.Default == "" {
				col.Default = "rowid"
			}
		}
		t.Columns = append(t.Columns, col)
	}

	type idx struct {
		name, origin string
		unique       bool
	}
	rows, err = db.Query(`SELECT name, "unique", origin FROM pragma_index_list(?) ORDER BY name`, name)
	if err != nil {
		return nil, err
	}
	var idxs []idx
	for rows.Next() {
		var x idx
		if err := rows.Scan(&x.name, &x.unique, &x.origin); err != nil {
			rows.Close()
			return nil, err
		}
		idxs = append(idxs, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hasPKIndex := false
	for _, x := range idxs {
		if !x.unique {
			continue
		}
		u := Unique{Kind: KindIndex, Name: x.name}
		switch x.origin {
		case "pk":
			u.Kind, u.Name = KindPrimaryKey, ""
			hasPKIndex = true
		case "u":
			u.Kind, u.Name = KindConstraint, ""
		}
		var text sql.NullString
		if err := db.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, x.name).Scan(&text); err != nil && err != sql.ErrNoRows {
			return nil, err
		}
		exprs, where := splitIndexSQL(text.String)
		rows, err := db.Query(`SELECT seqno, cid, name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`, x.name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var seq, cid int
			var cn sql.NullString
			if err := rows.Scan(&seq, &cid, &cn); err != nil {
				rows.Close()
				return nil, err
			}
			switch {
			case cid >= 0:
				u.Parts = append(u.Parts, Part{Column: cn.String})
			case cid == -1:
				u.Parts = append(u.Parts, Part{Column: "rowid"})
			default:
				e := ""
				if seq < len(exprs) {
					e = exprs[seq]
				}
				u.Parts = append(u.Parts, Part{Expr: e}) // Refs: sqliteResolve
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if where != "" {
			u.Where = &Predicate{Text: where} // Columns: sqliteResolve
		}
		t.Uniques = append(t.Uniques, u)
	}
	if !hasPKIndex && len(pkCols) > 0 {
		u := Unique{Kind: KindPrimaryKey}
		for _, c := range pkCols {
			u.Parts = append(u.Parts, Part{Column: c.name})
		}
		t.Uniques = append(t.Uniques, u)
	}
	return t, nil
}

// splitIndexSQL splits CREATE INDEX text into the texts of its key parts
// (COLLATE and ASC/DESC removed) and its WHERE clause.
func splitIndexSQL(s string) (parts []string, where string) {
	depth, open, close := 0, -1, -1
	wherePos := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'', '"', '`':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return parts, ""
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(s[i+1:], ']')
			if j < 0 {
				return parts, ""
			}
			i += j + 1
		case '(':
			if depth == 0 && open < 0 {
				open = i
			}
			depth++
		case ')':
			depth--
			if depth == 0 && close < 0 && open >= 0 {
				close = i
			}
		default:
			if depth == 0 && close >= 0 && wherePos < 0 && (c == 'w' || c == 'W') &&
				len(s) >= i+5 && strings.EqualFold(s[i:i+5], "where") &&
				(i == 0 || !isIdentByte(s[i-1])) && (i+5 == len(s) || !isIdentByte(s[i+5])) {
				wherePos = i + 5
			}
		}
	}
	if open < 0 || close < 0 {
		return nil, ""
	}
	inner := s[open+1 : close]
	d, start := 0, 0
	for i := 0; i < len(inner); i++ {
		switch inner[i] {
		case '\'', '"', '`':
			if j := strings.IndexByte(inner[i+1:], inner[i]); j >= 0 {
				i += j + 1
			}
		case '(':
			d++
		case ')':
			d--
		case ',':
			if d == 0 {
				parts = append(parts, trimPart(inner[start:i]))
				start = i + 1
			}
		}
	}
	parts = append(parts, trimPart(inner[start:]))
	if wherePos >= 0 {
		where = strings.TrimSpace(s[wherePos:])
	}
	return parts, where
}

func trimPart(p string) string {
	p = strings.TrimSpace(p)
	for {
		up := strings.ToUpper(p)
		switch {
		case strings.HasSuffix(up, " ASC"):
			p = strings.TrimSpace(p[:len(p)-4])
		case strings.HasSuffix(up, " DESC"):
			p = strings.TrimSpace(p[:len(p)-5])
		default:
			if i := strings.LastIndex(up, " COLLATE "); i >= 0 && !strings.ContainsAny(p[i:], "()'\"") {
				p = strings.TrimSpace(p[:i])
				continue
			}
			return p
		}
	}
}

// sqliteResolve fills the Refs of expression parts and the Columns of
// predicates: the columns SQLite reports reading (SQLITE_READ, to an
// authorizer installed for the purpose) while it compiles
// SELECT (expr) FROM table.
func sqliteResolve(db *sql.DB, s *Schema) error {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var reads map[string]bool
	var table string
	if err := setAuthorizer(conn, func(action sqlite.AuthorizerActionCode, tbl, col, _, _ string) sqlite.AuthorizerReturnCode {
		if action == sqlite.AuthRead && reads != nil && strings.EqualFold(tbl, table) && col != "" {
			reads[col] = true
		}
		return sqlite.AuthorizerOK
	}); err != nil {
		return err
	}
	defer setAuthorizer(conn, nil)
	cols := func(expr string) ([]string, error) {
		reads = map[string]bool{}
		defer func() { reads = nil }()
		rows, err := conn.QueryContext(ctx, "SELECT ("+expr+") FROM "+quoteIdent(table)+" LIMIT 0")
		if err != nil {
			return nil, fmt.Errorf("table %s: reading %q: %w", table, expr, err)
		}
		rows.Close()
		out := make([]string, 0, len(reads))
		for c := range reads {
			out = append(out, c)
		}
		sort.Strings(out)
		return out, nil
	}
	for ti := range s.Tables {
		t := &s.Tables[ti]
		table = t.Name
		for ui := range t.Uniques {
			u := &t.Uniques[ui]
			for pi := range u.Parts {
				if p := &u.Parts[pi]; p.Column == "" && p.Expr != "" {
					if p.Refs, err = cols(p.Expr); err != nil {
						return err
					}
				}
			}
			if u.Where != nil {
				if u.Where.Columns, err = cols(u.Where.Text); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// setAuthorizer installs fn (nil removes it) on conn's SQLite connection.
func setAuthorizer(conn *sql.Conn, fn sqlite.AuthorizerFn) error {
	return conn.Raw(func(dc any) error {
		r, ok := dc.(sqlite.AuthorizerRegisterer)
		if !ok {
			return fmt.Errorf("the SQLite driver %T has no authorizer (modernc.org/sqlite has)", dc)
		}
		return r.RegisterAuthorizer(fn)
	})
}

// probeSQLite runs every probe of s (see probe.go) on a temporary copy of
// each table, from Go: SQLite takes any value in any column of the copy,
// so every candidate is tried, and the empty string in every column.
func probeSQLite(db *sql.DB, s *Schema) error {
	for _, pr := range probesOf(s, func(t *Table) string { return quoteIdent(t.Name) }) {
		witness, found, err := probeSQLiteOne(db, pr)
		if err != nil {
			return fmt.Errorf("probing %s WHERE %s with %s NULL: %w", pr.table, pr.where, pr.col, err)
		}
		pr.record(witness, found)
	}
	return nil
}

func probeSQLiteOne(db *sql.DB, pr nullProbe) (witness string, found bool, err error) {
	setup := []string{
		"CREATE TEMP TABLE idemlint_row AS SELECT * FROM main." + pr.table + " WHERE 0",
		"CREATE UNIQUE INDEX temp.idemlint_row_probe ON idemlint_row (" + pr.collides() + ") WHERE " + pr.where,
		"CREATE TEMP TABLE idemlint_pick AS SELECT * FROM main." + pr.table + " WHERE 0",
		"INSERT INTO idemlint_pick DEFAULT VALUES",
		"UPDATE idemlint_pick SET " + quoteIdent(pr.col) + " = " + pr.value(),
	}
	defer db.Exec("DROP TABLE IF EXISTS temp.idemlint_row")
	defer db.Exec("DROP TABLE IF EXISTS temp.idemlint_pick")
	for _, q := range setup {
		if _, err := db.Exec(q); err != nil {
			return "", false, err
		}
	}
	cands := candidates(pr.where)
	if w, ok := sqliteGreedy(db, pr, cands); ok {
		return w, true, nil
	}
	cols := make([]string, len(pr.vary))
	for i, c := range pr.vary {
		cols[i] = quoteIdent(c)
	}
	idx := make([]int, len(pr.vary)) // the current combination, an odometer
	for n := 0; n < maxSQLiteRows && len(cols) > 0; n++ {
		vals := make([]string, len(idx))
		for i, k := range idx {
			vals[i] = cands[k]
		}
		ins := "INSERT INTO idemlint_row (" + strings.Join(cols, ", ") + ", " + quoteIdent(pr.col) + ") VALUES (" +
			strings.Join(vals, ", ") + ", " + pr.value() + ")"
		if twiceRejected(db, ins) {
			return "(" + strings.Join(vals, ", ") + ")", true, nil
		}
		if !next(idx, len(cands)) {
			break
		}
	}
	return "", false, nil
}

// maxSQLiteRows bounds the combinations SQLite tries one by one.
const maxSQLiteRows = 4096

// sqliteGreedy builds the greedy row in idemlint_pick (see probe.go) and
// reports whether it is a witness.
func sqliteGreedy(db *sql.DB, pr nullProbe, cands []string) (string, bool) {
	var picked []string
	for _, c := range pr.vary {
		qc, kept := quoteIdent(c), "NULL"
		for _, v := range cands {
			if _, err := db.Exec("UPDATE idemlint_pick SET " + qc + " = " + v); err != nil {
				continue
			}
			var res any
			if err := db.QueryRow("SELECT (" + pr.where + ") FROM idemlint_pick").Scan(&res); err == nil && !sqlFalse(res) {
				kept = v
				break
			}
		}
		db.Exec("UPDATE idemlint_pick SET " + qc + " = " + kept)
		picked = append(picked, c+" = "+kept)
	}
	if twiceRejected(db, "INSERT INTO idemlint_row SELECT * FROM idemlint_pick") {
		return "(" + strings.Join(picked, ", ") + ")", true
	}
	return "", false
}

// twiceRejected runs ins twice on an empty idemlint_row and reports whether
// the second was rejected as a duplicate; it empties the table again.
func twiceRejected(db *sql.DB, ins string) bool {
	defer db.Exec("DELETE FROM idemlint_row")
	if _, err := db.Exec(ins); err != nil {
		return false
	}
	_, err := db.Exec(ins)
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// sqlFalse reports whether SQLite would read v as FALSE in a WHERE clause
// (NULL is not FALSE).
func sqlFalse(v any) bool {
	switch x := v.(type) {
	case int64:
		return x == 0
	case float64:
		return x == 0
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return err != nil || f == 0
	case []byte:
		f, err := strconv.ParseFloat(strings.TrimSpace(string(x)), 64)
		return err != nil || f == 0
	}
	return false
}

// next advances the odometer idx over n values per digit; false after the
// last combination.
func next(idx []int, n int) bool {
	for i := len(idx) - 1; i >= 0; i-- {
		if idx[i]++; idx[i] < n {
			return true
		}
		idx[i] = 0
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
