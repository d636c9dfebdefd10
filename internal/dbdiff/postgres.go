package dbdiff

import (
	"fmt"
	"regexp"
	"strings"
)

// nullDefault matches a default that is the NULL constant, possibly cast.
var nullDefault = regexp.MustCompile(`^\(*NULL\)*(::[a-z ]+(\(\d+(,\d+)?\))?(\[\])?)?$`)

// A JSONQuerier runs a query returning a single JSON value and decodes it;
// *pgtest.DB is one.
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
		NotNull   bool    `json:"notnull"`
		Default   *string `json:"default"`
		Identity  bool    `json:"identity"`
		Generated bool    `json:"generated"`
	} `json:"columns"`
	Uniques []struct {
		Name    string  `json:"name"`
		Contype *string `json:"contype"`
		Parts   []struct {
			Attnum int     `json:"attnum"`
			Column *string `json:"column"`
			Expr   string  `json:"expr"`
		} `json:"parts"`
		Where *string `json:"where"`
		NND   bool    `json:"nnd"`
	} `json:"uniques"`
}

// ReadPostgres reads the tables of a PostgreSQL database. version is the
// server_version_num (150000 for 15.0); it decides whether NULLS NOT
// DISTINCT can be read.
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
		var names []string
		for _, rc := range rt.Columns {
			if rc.Default != nil && nullDefault.MatchString(*rc.Default) {
				rc.Default = nil // SET DEFAULT NULL stores a typed NULL: no default
			}
			c := Column{Name: rc.Name, Nullable: !rc.NotNull, HasDefault: rc.Default != nil || rc.Identity || rc.Generated}
			if rc.Default != nil {
				c.Default = *rc.Default
			}
			t.Columns = append(t.Columns, c)
			names = append(names, rc.Name)
		}
		res := newResolver(names, true)
		for _, ru := range rt.Uniques {
			u := Unique{Name: ru.Name, Kind: KindIndex, NullsNotDistinct: ru.NND}
			if ru.Contype != nil {
				switch *ru.Contype {
				case "p":
					u.Kind = KindPrimaryKey
				case "u":
					u.Kind = KindConstraint
				}
			}
			for _, rp := range ru.Parts {
				if rp.Attnum > 0 && rp.Column != nil {
					u.Parts = append(u.Parts, Part{Column: *rp.Column})
					continue
				}
				e := strings.TrimSpace(rp.Expr)
				u.Parts = append(u.Parts, Part{Expr: e, Refs: res.refs(e)})
			}
			if ru.Where != nil {
				u.Where = res.predicate(*ru.Where)
			}
			t.Uniques = append(t.Uniques, u)
		}
		s.Tables = append(s.Tables, t)
	}
	return s, nil
}
