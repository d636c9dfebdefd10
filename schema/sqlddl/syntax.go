package sqlddl

import (
	"fmt"
	"sync"

	"github.com/idemlint/idemlint/schema"
)

// Syntax spells fixes in SQL DDL. Parse attaches a declarative one; Apply
// attaches a non-declarative one to files that have none.
type Syntax struct {
	// Declarative files (a schema.sql applied whole) are edited in place;
	// migrations that already ran are not: they need a new migration.
	Declarative bool

	file *schema.File
	d    schema.Dialect

	// Where each column was defined: the column records of the file's
	// readers, in reading order, each colInfo naming the column it
	// describes; moved into the cols index on the first lookup. Most columns
	// are never looked up, and a map insert per column cost a tenth of the
	// reading time; a list of (column, info) pairs cost 16 bytes a column.
	// mu guards the move: lookups may come from several checks.
	mu     sync.Mutex
	chunks [][]column
	cols   map[*schema.Column]*colInfo
	// rare holds what few definitions have, for the records marked hasRare.
	rare map[*colInfo]*colInfoRare
}

// colInfo is where a column definition sits, for in-place edits. One is
// kept per column of a file, in 16 bytes beside the column in its record,
// so what few definitions have (explicit NULLs, DEFAULT NULL, a later
// change of nullability, a column other than the record's own) is kept
// apart, in the Syntax's rare map.
type colInfo struct {
	table   *schema.Table
	typeEnd int32 // NOT NULL is inserted here (files are under 2 GiB: maxFileSize)
	alter   bool  // defined by ALTER TABLE ... ADD COLUMN
	notNull bool  // the definition itself says NOT NULL or PRIMARY KEY
	// defined is set once the record describes a column: its own, or
	// the rare part's col (a repeated definition rewrites the first one's
	// column).
	defined bool
	hasRare bool // the Syntax's rare map holds a part for it
}

type colInfoRare struct {
	col       *schema.Column // the column described, when not the record's own
	nulls     [][2]int       // explicit NULL constraints, with their leading blanks
	defNull   [2]int         // DEFAULT NULL clause, if any
	changedBy schema.Span
}

// more returns info's rare part, adding it when missing. With no Syntax
// (a definition that is read but not recorded) the part is thrown away.
func (s *Syntax) more(info *colInfo) *colInfoRare {
	if s == nil {
		return &colInfoRare{}
	}
	if info.hasRare {
		return s.rare[info]
	}
	if s.rare == nil {
		s.rare = map[*colInfo]*colInfoRare{}
	}
	r := &colInfoRare{}
	s.rare[info] = r
	info.hasRare = true
	return r
}

// less returns info's rare part, or a zero one.
func (s *Syntax) less(info *colInfo) *colInfoRare {
	if !info.hasRare {
		return &colInfoRare{}
	}
	return s.rare[info]
}

// described returns the column rec describes, or nil before it is defined.
func (s *Syntax) described(rec *column) *schema.Column {
	if !rec.info.defined {
		return nil
	}
	if r := s.less(&rec.info); r.col != nil {
		return r.col
	}
	return &rec.c
}

func (s *Syntax) init(f *schema.File, d schema.Dialect) {
	s.file, s.d = f, d
}

// define records that rec's definition describes c (rec's own column, or
// the column an earlier definition made), replacing what an earlier
// definition recorded. Only Apply, reading s's file, calls it, on the
// records of chunks it handed to adopt. Lookups made meanwhile (an ALTER's
// nullChanged) build the index; later definitions then go to it directly.
// Other lookups must wait for Apply to return, as with any model.
func (s *Syntax) define(rec *column, c *schema.Column) {
	info := &rec.info
	info.defined = true
	if c != &rec.c {
		s.more(info).col = c
	}
	if s.cols != nil {
		s.mu.Lock()
		s.cols[c] = info
		s.mu.Unlock()
	}
}

// adopt records chunk, where a reader of s's file keeps its column
// records (in reading order), as soon as the reader starts filling it.
func (s *Syntax) adopt(chunk []column) {
	if s.cols == nil { // else define keeps the index up to date
		s.chunks = append(s.chunks, chunk)
	}
}

// info returns what was recorded of c's definition, or nil.
func (s *Syntax) info(c *schema.Column) *colInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cols == nil {
		n := 0
		for _, chunk := range s.chunks {
			n += len(chunk)
		}
		s.cols = make(map[*schema.Column]*colInfo, n)
		// In reading order: a later definition of a column replaces an
		// earlier one.
		for _, chunk := range s.chunks {
			for i := range chunk {
				if c := s.described(&chunk[i]); c != nil {
					s.cols[c] = &chunk[i].info
				}
			}
		}
		s.chunks = nil
	}
	return s.cols[c]
}

// NullabilityChangedBy returns the statement that last changed c's
// nullability after c was defined (ALTER ... SET/DROP NOT NULL, MODIFY,
// ADD PRIMARY KEY), or an invalid Span when none did.
func NullabilityChangedBy(c *schema.Column) schema.Span {
	if c.Span.File != nil {
		if s, ok := c.Span.File.Syntax.(*Syntax); ok {
			if info := s.info(c); info != nil {
				return s.less(info).changedBy
			}
		}
	}
	return schema.Span{}
}

// RequireColumn edits c's definition to be NOT NULL (with dbDefault as its
// default when given and c has none).
func (s *Syntax) RequireColumn(c *schema.Column, dbDefault string) ([]schema.Edit, error) {
	info := s.info(c)
	if info == nil || c.Span.File != s.file {
		return nil, fmt.Errorf("column %s is not defined by a statement of %s that can be edited; add a migration that makes it NOT NULL", schema.QuoteText(c.Name), s.file.Path)
	}
	table := info.table.Name
	if !s.Declarative || info.alter {
		return nil, fmt.Errorf("column %s.%s is defined by a migration (%s); edit no applied migration, add a new one: %s",
			schema.QuoteText(table), schema.QuoteText(c.Name), c.Span, schema.QuoteText(alterSQL(s.d, table, c.Name, dbDefault, c.Default == nil)))
	}
	rare := s.less(info)
	if rare.changedBy.IsValid() {
		return nil, fmt.Errorf("column %s.%s has its nullability changed later (%s); add a new migration: %s",
			schema.QuoteText(table), schema.QuoteText(c.Name), rare.changedBy, schema.QuoteText(alterSQL(s.d, table, c.Name, dbDefault, c.Default == nil)))
	}
	if !c.Nullable {
		return nil, nil
	}
	var edits []schema.Edit
	ins := " NOT NULL"
	if dbDefault != "" && c.Default == nil {
		if rare.defNull[1] > 0 {
			edits = append(edits, schema.Edit{File: s.file, Start: rare.defNull[0], End: rare.defNull[1], New: "DEFAULT " + dbDefault})
		} else {
			ins += " DEFAULT " + dbDefault
		}
	}
	typeEnd := int(info.typeEnd)
	insert := schema.Edit{File: s.file, Start: typeEnd, End: typeEnd, New: ins}
	for _, n := range rare.nulls {
		if n[0] == typeEnd {
			// Replace "type NULL" in one edit: an insertion and a deletion at the
			// same offset would be ambiguous to apply.
			insert.End = n[1]
			continue
		}
		edits = append(edits, schema.Edit{File: s.file, Start: n[0], End: n[1]})
	}
	edits = append(edits, insert)
	sortEdits(edits)
	return edits, nil
}

func sortEdits(es []schema.Edit) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// alterSQL spells the migration that makes a column NOT NULL.
func alterSQL(d schema.Dialect, table, col, dbDefault string, needDefault bool) string {
	def := ""
	switch d {
	case schema.MySQL, schema.MariaDB:
		return fmt.Sprintf("ALTER TABLE %s MODIFY %s <type> NOT NULL%s;", table, col, ifDefault(" DEFAULT ", dbDefault, needDefault))
	case schema.SQLite:
		return "recreate the table with " + col + " NOT NULL (SQLite cannot alter a column's nullability)"
	case schema.SQLServer:
		return fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s <type> NOT NULL;", table, col)
	}
	if dbDefault != "" && needDefault {
		def = fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s; ", table, col, dbDefault)
	}
	return def + fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", table, col)
}

func ifDefault(prefix, dbDefault string, need bool) string {
	if dbDefault == "" || !need {
		return ""
	}
	return prefix + dbDefault
}
