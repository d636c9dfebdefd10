package sqlddl

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// RequireColumnSQL returns the statements of a migration that makes column
// c of table t NOT NULL: a backfill of the rows that hold NULL, then the
// default (when dbDefault is not empty) and the constraint; and the
// statements that undo it. SQLite cannot alter a column in place: for it the
// error carries the table-rebuild recipe instead.
func RequireColumnSQL(t *schema.Table, c *schema.Column, d schema.Dialect, dbDefault string) (up, down string, err error) {
	return RequireColumnSQLSpelled(t, c, d, dbDefault, Spelling{})
}

// RequireColumnSQLSpelled is RequireColumnSQL written as sp says the
// history around it writes SQL.
func RequireColumnSQLSpelled(t *schema.Table, c *schema.Column, d schema.Dialect, dbDefault string, sp Spelling) (up, down string, err error) {
	up, down, err = requireColumnSQL(t, c, d, dbDefault, sp)
	if err != nil {
		return "", "", err
	}
	return sp.apply(up), sp.apply(down), nil
}

func requireColumnSQL(t *schema.Table, c *schema.Column, d schema.Dialect, dbDefault string, sp Spelling) (up, down string, err error) {
	table := quoteName(t.Name, d)
	switch {
	case t.Namespace != "" && !isTemplate(t.Namespace):
		table = quoteName(t.Namespace, d) + "." + table
	case sp.Qualifier != "":
		table = sp.Qualifier + "." + table
	case t.Namespace != "":
		table = t.Namespace + "." + table // a template, as the DDL wrote it
	}
	col := quoteName(c.Name, d)
	fill := dbDefault
	if fill == "" {
		fill = backfillValue(d, c)
	}
	var u, dn strings.Builder
	fmt.Fprintf(&u, "-- Rows stored without a key get one, so the column can become NOT NULL.\n")
	if fill != "" {
		fmt.Fprintf(&u, "UPDATE %s SET %s = %s WHERE %s IS NULL;\n", table, col, fill, col)
	} else {
		fmt.Fprintf(&u, "-- TODO: give the rows where %s IS NULL a key before this migration runs.\n", col)
	}
	typ := strings.TrimSpace(c.Type)
	switch d {
	case schema.SQLite:
		return "", "", fmt.Errorf("SQLite cannot make %s.%s NOT NULL in place: create the table anew with the column NOT NULL%s, copy the rows (giving NULL keys a value), drop the old table and rename the new one, in one transaction with foreign keys off",
			schema.QuoteText(t.Name), schema.QuoteText(c.Name), schema.QuoteText(defaultClause(dbDefault)))
	case schema.MySQL, schema.MariaDB:
		if typ == "" {
			return "", "", fmt.Errorf("the type of %s.%s is unknown, and MySQL's MODIFY needs it", schema.QuoteText(t.Name), schema.QuoteText(c.Name))
		}
		fmt.Fprintf(&u, "ALTER TABLE %s MODIFY %s %s NOT NULL%s;\n", table, col, typ, defaultClause(dbDefault))
		fmt.Fprintf(&dn, "ALTER TABLE %s MODIFY %s %s NULL;\n", table, col, typ)
	case schema.SQLServer:
		if typ == "" {
			return "", "", fmt.Errorf("the type of %s.%s is unknown, and ALTER COLUMN needs it", schema.QuoteText(t.Name), schema.QuoteText(c.Name))
		}
		if dbDefault != "" {
			fmt.Fprintf(&u, "ALTER TABLE %s ADD DEFAULT %s FOR %s;\n", table, dbDefault, col)
		}
		fmt.Fprintf(&u, "ALTER TABLE %s ALTER COLUMN %s %s NOT NULL;\n", table, col, typ)
		fmt.Fprintf(&dn, "ALTER TABLE %s ALTER COLUMN %s %s NULL;\n", table, col, typ)
	default:
		if dbDefault != "" {
			fmt.Fprintf(&u, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;\n", table, col, dbDefault)
		}
		fmt.Fprintf(&u, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n", table, col)
		fmt.Fprintf(&dn, "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;\n", table, col)
		if dbDefault != "" {
			fmt.Fprintf(&dn, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\n", table, col)
		}
	}
	return u.String(), dn.String(), nil
}

func defaultClause(dbDefault string) string {
	if dbDefault == "" {
		return ""
	}
	return " DEFAULT " + dbDefault
}

// backfillValue is a random key for rows stored without one, when the
// column gets no default: old rows need some value, and a random one cannot
// collide with real keys.
func backfillValue(d schema.Dialect, c *schema.Column) string {
	switch d {
	case schema.CockroachDB:
		if strings.Contains(strings.ToLower(c.Type+" "+c.NativeType()), "uuid") {
			return "gen_random_uuid()"
		}
		return "gen_random_uuid()::STRING" // CockroachDB casts no UUID to STRING by itself
	case schema.PostgreSQL:
		return "gen_random_uuid()"
	case schema.MySQL, schema.MariaDB:
		return "uuid()"
	case schema.SQLServer:
		return "newid()"
	}
	return ""
}

// quoteName quotes an identifier when the dialect would otherwise read it
// differently: PostgreSQL folds unquoted names to lower case, so "sessionId"
// needs quotes there; names that are plain lower-case words do not.
func quoteName(name string, d schema.Dialect) string {
	plain := name != ""
	for i, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain && !reserved[name] {
		return name
	}
	switch d {
	case schema.MySQL, schema.MariaDB:
		return "`" + strings.ReplaceAll(name, "`", "``") + "`"
	case schema.SQLServer:
		return "[" + strings.ReplaceAll(name, "]", "]]") + "]"
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// reserved are words that name real tables and columns yet must be quoted.
var reserved = map[string]bool{
	"user": true, "order": true, "group": true, "table": true, "key": true, "select": true,
	"from": true, "where": true, "limit": true, "offset": true, "default": true, "check": true,
	"column": true, "constraint": true, "index": true, "references": true, "unique": true,
}
