package dbdiff

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// ReadSQLite reads the tables of the main schema of an SQLite database
// through any database/sql driver (the tests use modernc.org/sqlite). It
// needs SQLite 3.37 or later (pragma table_list).
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
	var colNames []string
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
		colNames = append(colNames, c.name)
	}
	res := newResolver(colNames, false)

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
				u.Parts = append(u.Parts, Part{Expr: e, Refs: res.refs(e)})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		u.Where = res.predicate(where)
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
