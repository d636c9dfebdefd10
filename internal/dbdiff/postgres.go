package dbdiff

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// nullDefault matches a default that is the NULL constant, possibly cast.
var nullDefault = regexp.MustCompile(`^\(*NULL\)*(::[a-z ]+(\(\d+(,\d+)?\))?(\[\])?)?$`)

// A JSONQuerier runs an SQL script whose output is a single JSON value
// (several statements are allowed: the predicate probes need them) and
// decodes it; *pgtest.DB is one.
type JSONQuerier interface {
	QueryJSON(query string, v any) error
}

// pgCatalogQuery reads every ordinary and partitioned table outside the
// system schemas, except partitions (their parent carries the keys) and
// tables owned by an extension. %s is the NULLS NOT DISTINCT column:
// pg_index.indnullsnotdistinct from PostgreSQL 15 on, false before.
const pgCatalogQuery = `
SELECT coalesce(json_agg(t ORDER BY t.ns, t.name), '[]'::json) FROM (
  SELECT n.nspname AS ns, c.relname AS name,
    (SELECT coalesce(json_agg(json_build_object(
        'name', a.attname,
        'attnum', a.attnum,
        'notnull', a.attnotnull,
        'default', pg_get_expr(d.adbin, d.adrelid),
        'identity', a.attidentity <> '',
        'generated', a.attgenerated <> '') ORDER BY a.attnum), '[]'::json)
       FROM pg_attribute a
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
    (SELECT coalesce(json_agg(json_build_object(
        'name', ic.relname,
        'contype', con.contype,
        'parts', (SELECT json_agg(json_build_object(
                    'attnum', i.indkey[k.ord],
                    'column', (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum = i.indkey[k.ord] AND i.indkey[k.ord] > 0),
                    'expr', pg_get_indexdef(i.indexrelid, k.ord + 1, true)) ORDER BY k.ord)
                  FROM generate_series(0, i.indnkeyatts - 1) AS k(ord)),
        'where', pg_get_expr(i.indpred, i.indrelid),
        'predtree', i.indpred::text,
        'exprtree', i.indexprs::text,
        'nnd', %s) ORDER BY ic.relname), '[]'::json)
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u')
      WHERE i.indrelid = c.oid AND i.indisunique) AS uniques
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%%' AND n.nspname NOT LIKE 'pg\_temp\_%%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                     WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')
) t`

type pgTable struct {
	NS      string `json:"ns"`
	Name    string `json:"name"`
	Columns []struct {
		Name      string  `json:"name"`
		Attnum    int     `json:"attnum"`
		NotNull   bool    `json:"notnull"`
		Default   *string `json:"default"`
		Identity  bool    `json:"identity"`
		Generated bool    `json:"generated"`
	} `json:"columns"`
	Uniques []pgUniqueRow `json:"uniques"`
}

type pgUniqueRow struct {
	Name    string  `json:"name"`
	Contype *string `json:"contype"`
	Parts   []struct {
		Attnum int     `json:"attnum"`
		Column *string `json:"column"`
		Expr   string  `json:"expr"`
	} `json:"parts"`
	Where    *string `json:"where"`
	PredTree string  `json:"predtree"`
	ExprTree string  `json:"exprtree"`
	NND      bool    `json:"nnd"`
}

// ReadPostgres reads the tables of a PostgreSQL database. version is the
// server_version_num (150000 for 15.0); it decides whether NULLS NOT
// DISTINCT can be read. The columns an expression or a predicate mentions
// come from the server's own parse trees (pg_index.indexprs and indpred);
// which columns a predicate excludes when NULL is asked of the server with
// probe indexes on temporary tables (see the package documentation).
func ReadPostgres(db JSONQuerier, version int) (*Schema, error) {
	nnd := "false"
	if version >= 150000 {
		nnd = "i.indnullsnotdistinct"
	}
	var raw []pgTable
	if err := db.QueryJSON(fmt.Sprintf(pgCatalogQuery, nnd), &raw); err != nil {
		return nil, fmt.Errorf("reading the PostgreSQL catalog: %w", err)
	}
	s := &Schema{}
	for _, rt := range raw {
		t := Table{Namespace: rt.NS, Name: rt.Name}
		attnames := map[int]string{}
		for _, rc := range rt.Columns {
			if rc.Default != nil && nullDefault.MatchString(*rc.Default) {
				rc.Default = nil // SET DEFAULT NULL stores a typed NULL: no default
			}
			c := Column{Name: rc.Name, Nullable: !rc.NotNull, HasDefault: rc.Default != nil || rc.Identity || rc.Generated}
			if rc.Default != nil {
				c.Default = *rc.Default
			}
			t.Columns = append(t.Columns, c)
			attnames[rc.Attnum] = rc.Name
		}
		for _, ru := range rt.Uniques {
			t.Uniques = append(t.Uniques, pgUnique(ru, attnames))
		}
		s.Tables = append(s.Tables, t)
	}
	if err := probePostgres(db, s); err != nil {
		return nil, err
	}
	return s, nil
}

func pgUnique(ru pgUniqueRow, attnames map[int]string) Unique {
	u := Unique{Name: ru.Name, Kind: KindIndex, NullsNotDistinct: ru.NND}
	if ru.Contype != nil {
		switch *ru.Contype {
		case "p":
			u.Kind = KindPrimaryKey
		case "u":
			u.Kind = KindConstraint
		}
	}
	exprs := nodeList(ru.ExprTree)
	for _, rp := range ru.Parts {
		if rp.Attnum > 0 && rp.Column != nil {
			u.Parts = append(u.Parts, Part{Column: *rp.Column})
			continue
		}
		p := Part{Expr: strings.TrimSpace(rp.Expr)}
		if len(exprs) > 0 {
			p.Refs = nodeColumns(exprs[0], attnames)
			exprs = exprs[1:]
		}
		u.Parts = append(u.Parts, p)
	}
	if ru.Where != nil {
		u.Where = &Predicate{Columns: nodeColumns(ru.PredTree, attnames), Text: *ru.Where}
	}
	return u
}

var varattno = regexp.MustCompile(`:varattno (\d+)`)

// nodeColumns returns the sorted names of the table columns a node tree
// (the text of a pg_node_tree) reads: its Vars' attribute numbers. In an
// index's expressions and predicate every Var is a column of the table.
func nodeColumns(tree string, attnames map[int]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range varattno.FindAllStringSubmatch(tree, -1) {
		n, _ := strconv.Atoi(m[1])
		if name, ok := attnames[n]; ok && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// nodeList splits the text of a List of nodes, "({A ...} {B ...})", into
// its elements. Node text escapes braces inside tokens with a backslash.
func nodeList(tree string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i < len(tree); i++ {
		switch tree[i] {
		case '\\':
			i++
		case '{':
			if depth == 0 {
				start = i
			}
			depth++
		case '}':
			depth--
			if depth == 0 && start >= 0 {
				out = append(out, tree[start:i+1])
			}
		}
	}
	return out
}
