package dbdiff

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file asks the engine itself which columns a partial index's
// predicate keeps out of the index when NULL, so that idemlint's own
// analysis (schema.ExcludesNull) is checked against the engine and not
// against a second hand-written copy.
//
// Two rows that differ only by a NULL key both land in an ordinary unique
// index whether or not its predicate covers them (NULLs are distinct), so
// the real index cannot tell. A probe index can: on a constraint-free copy
// of the table, `CREATE UNIQUE INDEX ON copy ((c IS NULL)) WHERE P` makes
// every row that has c NULL and satisfies P collide with every other such
// row. The probe inserts two equal rows with c NULL; if the second is
// rejected as a duplicate, the engine has shown a row with c NULL that P
// keeps (a witness), and P does not exclude NULL in c.
//
// The rows: columns P does not mention stay NULL; each column it does
// mention takes values from a small candidate list (below), kept only
// where the column's type accepts them. First one greedy row: column by
// column, the first candidate (NULL last) under which the engine does not
// evaluate P to FALSE, which satisfies a conjunction of terms on separate
// columns; then, if that row is no witness, up to maxProbeRows
// combinations of the candidates (PostgreSQL filters them with P in one
// query and the first it keeps goes through the two inserts; SQLite, in
// process, tries them one by one). No witness among them counts as "P
// excludes NULL in c": the search is not a proof, so [Diff] only requires
// the model's exclusions to be a subset of the engine's.
//
// The same probe with c set to the empty string, under
// `UNIQUE ((c = '')) WHERE P`, checks IDEM202's rule: a column for which
// neither probe finds a witness is one where P excludes the empty key
// (schema.ExcludesEmpty). A column whose type takes no empty string has
// no such row.

// maxProbeRows bounds the candidate combinations tried per predicate and
// column.
const maxProbeRows = 100000

// baseCandidates are tried in every column besides the predicate's own
// literals: text, numbers, booleans, dates and times, a UUID, an address,
// a bit string, empty JSON and arrays. On PostgreSQL an enum column also
// gets its labels.
var baseCandidates = []string{"''", "'a'", "'x'", "'z'", "0", "1", "-1", "2", "'0'", "'1'",
	"'true'", "'false'", "'2000-01-01'", "'2000-01-01 00:00:00'", "'00:00:00'", "'1 day'",
	"'00000000-0000-0000-0000-000000000001'", "'127.0.0.1'", "'11111111'",
	"'{}'", "'[]'", `'{"a": 1}'`}

var (
	stringLit = regexp.MustCompile(`'(?:[^']|'')*'`)
	numberLit = regexp.MustCompile(`(?:^|[^\w.$])(-?\d+(?:\.\d+)?)\b`)
)

// candidates returns the values to try for a column of a table whose
// predicate is where: where's own literals (each string also as the key
// of a JSON object, each number also ±1) first, then baseCandidates, then
// NULL; no value twice.
func candidates(where string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	var jsons []string
	for _, s := range stringLit.FindAllString(where, -1) {
		add(s)
		// A JSON object keyed by the literal: data->>'k' IS NOT NULL.
		if w := strings.Trim(s, "'"); w != "" && !strings.ContainsAny(w, `"\'`) {
			jsons = append(jsons, `'{"`+w+`": "`+w+`"}'`)
		}
	}
	for _, j := range jsons {
		add(j)
	}
	for _, m := range numberLit.FindAllStringSubmatch(where, -1) {
		add(m[1])
		if n, err := strconv.ParseFloat(m[1], 64); err == nil {
			add(strconv.FormatFloat(n+1, 'f', -1, 64))
			add(strconv.FormatFloat(n-1, 'f', -1, 64))
			add("'" + m[1] + "'")
		}
	}
	for _, v := range baseCandidates {
		add(v)
	}
	add("NULL")
	return out
}

// A nullProbe asks whether predicate where, on table, keeps a row in which
// column col is NULL (or, when empty is set, the empty string).
type nullProbe struct {
	table string   // quoted, qualified as needed
	where string   // the predicate as the engine prints it
	col   string   // the column set NULL or ''
	empty bool     // set col to '' instead of NULL
	vary  []string // the other columns where mentions
	pred  *Predicate
}

// value is the SQL value col takes in the probe's rows.
func (pr nullProbe) value() string {
	if pr.empty {
		return "''"
	}
	return "NULL"
}

// collides is the probe index's expression: true in every row the probe
// inserts, so that two such rows collide when the predicate keeps them.
func (pr nullProbe) collides() string {
	if pr.empty {
		return "(" + quoteIdent(pr.col) + " = '')"
	}
	return "(" + quoteIdent(pr.col) + " IS NULL)"
}

// probesOf lists a probe for every column of every predicate in s; table
// quotes a table's name for the engine.
func probesOf(s *Schema, table func(*Table) string) []nullProbe {
	var out []nullProbe
	for ti := range s.Tables {
		t := &s.Tables[ti]
		for ui := range t.Uniques {
			p := t.Uniques[ui].Where
			if p == nil {
				continue
			}
			for _, c := range p.Columns {
				pr := nullProbe{table: table(t), where: p.Text, col: c, pred: p}
				for _, o := range p.Columns {
					if o != c {
						pr.vary = append(pr.vary, o)
					}
				}
				out = append(out, pr)
				pr.empty = true
				out = append(out, pr)
			}
		}
	}
	return out
}

// record stores a probe's outcome: a witness row, or none found. A column
// excludes the empty key when neither its NULL probe nor its empty-string probe
// found one (probesOf runs the NULL probe first).
func (pr nullProbe) record(witness string, found bool) {
	p := pr.pred
	if found {
		if len(pr.vary) == 0 {
			witness = "(every other column NULL)"
		}
		if p.Witnesses == nil {
			p.Witnesses = map[string]string{}
		}
		key := pr.col
		if pr.empty {
			key += " = ''"
		}
		p.Witnesses[key] = witness
		return
	}
	if !pr.empty {
		p.ExcludesNull = append(p.ExcludesNull, pr.col)
		sort.Strings(p.ExcludesNull)
	} else if slices.Contains(p.ExcludesNull, pr.col) {
		p.ExcludesEmpty = append(p.ExcludesEmpty, pr.col)
		sort.Strings(p.ExcludesEmpty)
	}
}

// probePostgres runs every probe of s in one psql session, one DO block
// per probe, on temporary tables only.
func probePostgres(db JSONQuerier, s *Schema) error {
	probes := probesOf(s, func(t *Table) string { return quoteIdent(t.Namespace) + "." + quoteIdent(t.Name) })
	if len(probes) == 0 {
		return nil
	}
	var b strings.Builder
	// No enclosing transaction: each DO block commits on its own, so locks
	// on the temporary tables do not pile up; they vanish with the session.
	b.WriteString("CREATE TEMP TABLE idemlint_probe (id int, witness text, err text);\n")
	for i, pr := range probes {
		writePGProbe(&b, i, pr)
	}
	b.WriteString("SELECT coalesce(json_agg(p ORDER BY id), '[]') FROM idemlint_probe p;\n")
	var rows []struct {
		ID      int     `json:"id"`
		Witness *string `json:"witness"`
		Err     *string `json:"err"`
	}
	if err := db.QueryJSON(b.String(), &rows); err != nil {
		return fmt.Errorf("probing partial-index predicates: %w", err)
	}
	if len(rows) != len(probes) {
		return fmt.Errorf("probing partial-index predicates: %d answers for %d probes", len(rows), len(probes))
	}
	for _, r := range rows {
		pr := probes[r.ID]
		if r.Err != nil && pr.empty {
			pr.record("", false) // the column's type takes no '': no such row
			continue
		}
		if r.Err != nil {
			return fmt.Errorf("probing %s WHERE %s with %s NULL: %s", pr.table, pr.where, pr.col, *r.Err)
		}
		pr.record(deref(r.Witness), r.Witness != nil)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// writePGProbe writes the DO block of probe id: the copy and its probe
// index, a candidate table per varied column (of that column's type, so
// that only values the type accepts stay), the greedy row, then, when it
// is no witness, the two inserts per combination. Any error ends up in
// idemlint_probe.err.
func writePGProbe(b *strings.Builder, id int, pr nullProbe) {
	b.WriteString("DO $idemlint$\nDECLARE r record; w text; ok boolean;\nBEGIN\n")
	fmt.Fprintf(b, "CREATE TEMP TABLE idemlint_row AS SELECT * FROM %s WITH NO DATA;\n", pr.table)
	fmt.Fprintf(b, "CREATE UNIQUE INDEX ON idemlint_row (%s) WHERE (%s);\n", pr.collides(), pr.where)
	fmt.Fprintf(b, "CREATE TEMP TABLE idemlint_pick AS SELECT * FROM %s WITH NO DATA;\nINSERT INTO idemlint_pick DEFAULT VALUES;\n", pr.table)
	fmt.Fprintf(b, "UPDATE idemlint_pick SET %s = %s;\n", quoteIdent(pr.col), pr.value())
	cands := candidates(pr.where)
	var sel, from, cols, vals []string
	tables := []string{"idemlint_row", "idemlint_pick"}
	for i, c := range pr.vary {
		v, qc := "idemlint_v"+strconv.Itoa(i), quoteIdent(c)
		tables = append(tables, v)
		fmt.Fprintf(b, "CREATE TEMP TABLE %s AS SELECT %s AS v FROM %s WITH NO DATA;\n", v, qc, pr.table)
		for _, x := range cands {
			fmt.Fprintf(b, "BEGIN INSERT INTO %s VALUES (%s); EXCEPTION WHEN others THEN NULL; END;\n", v, x)
		}
		fmt.Fprintf(b, "BEGIN EXECUTE format('INSERT INTO %s SELECT unnest(enum_range(NULL::%%s))', "+
			"(SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '%s'::regclass AND attname = 'v')); "+
			"EXCEPTION WHEN others THEN NULL; END;\n", v, v)
		// Greedy: the first value (NULL last) that leaves P not FALSE.
		fmt.Fprintf(b, "ok := false;\nFOR r IN SELECT v FROM %s ORDER BY v IS NULL LOOP\n  UPDATE idemlint_pick SET %s = r.v;\n", v, qc)
		fmt.Fprintf(b, "  BEGIN SELECT (%s) INTO ok FROM idemlint_pick; EXCEPTION WHEN others THEN ok := false; END;\n  EXIT WHEN ok IS DISTINCT FROM false;\nEND LOOP;\n", pr.where)
		fmt.Fprintf(b, "IF ok IS NOT DISTINCT FROM false THEN UPDATE idemlint_pick SET %s = NULL; END IF;\n", qc)
		sel = append(sel, fmt.Sprintf("%s.v AS %s", v, qc))
		from = append(from, v)
		cols = append(cols, qc)
		vals = append(vals, "r."+qc)
	}
	b.WriteString("BEGIN\n  INSERT INTO idemlint_row SELECT * FROM idemlint_pick;\n  INSERT INTO idemlint_row SELECT * FROM idemlint_pick;\n  DELETE FROM idemlint_row;\n")
	b.WriteString("EXCEPTION\n  WHEN unique_violation THEN SELECT json_strip_nulls(row_to_json(p))::text INTO w FROM idemlint_pick p;\n  WHEN others THEN NULL;\nEND;\n")
	if len(sel) > 0 {
		// The engine filters the combinations with P itself; the first one
		// it keeps must then pass the two inserts.
		sel = append(sel, "idemlint_pick."+quoteIdent(pr.col))
		from = append(from, "idemlint_pick")
		cols = append(cols, quoteIdent(pr.col))
		vals = append(vals, "r."+quoteIdent(pr.col))
		query := fmt.Sprintf("SELECT * FROM (SELECT %s FROM %s LIMIT %d) AS idemlint_x WHERE (%s) LIMIT 1",
			strings.Join(sel, ", "), strings.Join(from, ", "), maxProbeRows, pr.where)
		insert := fmt.Sprintf("INSERT INTO idemlint_row (%s) VALUES (%s);", strings.Join(cols, ", "), strings.Join(vals, ", "))
		fmt.Fprintf(b, "IF w IS NULL THEN\nBEGIN\nFOR r IN %s LOOP\n  BEGIN\n    %s\n    %s\n", query, insert, insert)
		b.WriteString("  EXCEPTION WHEN unique_violation THEN w := json_strip_nulls(row_to_json(r))::text;\n  END;\nEND LOOP;\n")
		b.WriteString("EXCEPTION WHEN others THEN NULL;\nEND;\nEND IF;\n")
	}
	fmt.Fprintf(b, "INSERT INTO idemlint_probe VALUES (%d, w, NULL);\n", id)
	fmt.Fprintf(b, "DROP TABLE %s;\n", strings.Join(tables, ", "))
	fmt.Fprintf(b, "EXCEPTION WHEN others THEN INSERT INTO idemlint_probe VALUES (%d, NULL, SQLERRM);\nEND\n$idemlint$;\n", id)
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
