package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// migrationSyntax is the Syntax of a file in a migration history: a column
// defined there cannot be edited in place (the migration may have run), so
// its fix is the next migration, in the history's own convention.
type migrationSyntax struct {
	schema.Syntax
	m    *schema.Model
	plan *migrationPlan // shared by the history's files
}

// A migrationPlan hands out versions to the migrations fixes create, so
// fixes for two columns, applied together, get consecutive versions; the
// alternative fixes for one column share a version (only one is applied).
type migrationPlan struct {
	history *migrate.History                    // the history replayed
	next    *migrate.History                    // the history after the migrations planned so far
	before  map[*schema.Column]*migrate.History // the history each column's migration follows
	// styles are the history's Style per dialect, learned once: planned
	// steps do not change it (StyleFor reads only steps with a file), and
	// a check asks once per nullable key.
	styles map[schema.Dialect]migrate.Style
}

func newMigrationPlan(h *migrate.History) *migrationPlan {
	p := &migrationPlan{history: h}
	p.reset()
	return p
}

// reset forgets the migrations planned so far, for a model handed out
// again (see Cache): each check plans its fixes from the history itself.
func (p *migrationPlan) reset() {
	p.next, p.before, p.styles = p.history, map[*schema.Column]*migrate.History{}, nil
}

// styleFor is p.history.StyleFor(d), learned once.
func (p *migrationPlan) styleFor(d schema.Dialect) migrate.Style {
	st, ok := p.styles[d]
	if !ok {
		st = p.history.StyleFor(d)
		if p.styles == nil {
			p.styles = map[schema.Dialect]migrate.Style{}
		}
		p.styles[d] = st
	}
	return st
}

var _ schema.MigrationSyntax = (*migrationSyntax)(nil)

func (s *migrationSyntax) RequireColumnMigration(c *schema.Column, dbDefault string) ([]schema.CreateFile, string, error) {
	t := tableOf(s.m, c)
	if t == nil {
		return nil, "", fmt.Errorf("column %s belongs to no table", c.Name)
	}
	name := "require_" + t.Name + "_" + c.Name
	h, planned := s.plan.before[c]
	if !planned {
		h = s.plan.next
	}
	// The new step is written as the history's recent steps are: their
	// template schema qualifier ("{{.Schema}}".logs), search_path,
	// keyword case, goose blocks, file names.
	style := s.plan.styleFor(s.m.Dialect)
	up, down, err := sqlddl.RequireColumnSQLSpelled(t, c, s.m.Dialect, dbDefault, style.SQL)
	if err != nil {
		return nil, "", err
	}
	nf, after := h.PlanStyled(name, up, down, style)
	if !planned {
		s.plan.before[c], s.plan.next = h, after
	}
	var files []schema.CreateFile
	for _, f := range nf {
		files = append(files, schema.CreateFile{Path: f.Path, Content: f.Content})
	}
	return files, up, nil
}

var _ schema.ColumnsMigrationSyntax = (*migrationSyntax)(nil)

// RequireColumnsMigration is RequireColumnMigration for every column of
// cs, all of one table, in one migration: the version the first column's
// own migration was planned at (or the next), each column's statements in
// turn, their down statements in reverse.
func (s *migrationSyntax) RequireColumnsMigration(cs []*schema.Column, dbDefault string) ([]schema.CreateFile, string, error) {
	if len(cs) == 0 {
		return nil, "", fmt.Errorf("no columns")
	}
	t := tableOf(s.m, cs[0])
	if t == nil {
		return nil, "", fmt.Errorf("column %s belongs to no table", cs[0].Name)
	}
	name := "require_" + t.Name
	style := s.plan.styleFor(s.m.Dialect)
	var ups, downs []string
	for i, c := range cs {
		if tableOf(s.m, c) != t {
			return nil, "", fmt.Errorf("column %s is not in table %s", c.Name, t.Name)
		}
		name += "_" + c.Name
		up, down, err := sqlddl.RequireColumnSQLSpelled(t, c, s.m.Dialect, dbDefault, style.SQL)
		if err != nil {
			return nil, "", err
		}
		if i > 0 {
			up = dropCommentLines(up) // the first column's comment says it for all
		}
		ups = append(ups, up)
		downs = append([]string{down}, downs...)
	}
	h, planned := s.plan.before[cs[0]]
	if !planned {
		h = s.plan.next
	}
	up := strings.Join(ups, "")
	nf, after := h.PlanStyled(name, up, strings.Join(downs, ""), style)
	if !planned {
		s.plan.next = after
	}
	var files []schema.CreateFile
	for _, f := range nf {
		files = append(files, schema.CreateFile{Path: f.Path, Content: f.Content})
	}
	return files, up, nil
}

// dropCommentLines drops the SQL comment lines of sql.
func dropCommentLines(sql string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func tableOf(m *schema.Model, c *schema.Column) *schema.Table {
	for _, t := range m.Tables {
		for _, tc := range t.Columns {
			if tc == c {
				return t
			}
		}
	}
	return nil
}

// mergePrisma combines a Prisma schema with the model replayed from its
// Prisma Migrate folder. The migrations are the database's truth
// (nullability, defaults, unique indexes Prisma cannot express, such as
// partial ones), so the result is the replayed model; but a column that
// also exists in the Prisma schema takes its position and Syntax from the
// Prisma field, so findings and fixes land where users edit (and
// `prisma migrate dev` then writes the migration). The statement that
// created the column stays reachable as DefinedBy.
//
// mm itself is left as it is (a Cache hands it out again): a table with a
// Prisma model is copied, and so is each column the merge changes.
func mergePrisma(pm, mm *schema.Model) *schema.Model {
	out := *mm
	out.Files = append(append([]*schema.File(nil), pm.Files...), mm.Files...)
	out.Errors = append(append([]*schema.ParseError(nil), pm.Errors...), mm.Errors...)
	out.Drift = slices.Clip(mm.Drift)
	out.Notes = slices.Clip(mm.Notes)
	if out.Dialect == schema.DialectUnknown {
		out.Dialect = pm.Dialect
	}
	out.DialectSpan = pm.DialectSpan
	out.Tables = make([]*schema.Table, len(mm.Tables))
	for i, mt := range mm.Tables {
		out.Tables[i] = mt
		pt := prismaTable(pm, mt)
		if pt == nil {
			continue
		}
		t := new(schema.Table)
		*t = *mt
		t.Columns = slices.Clone(mt.Columns)
		out.Tables[i] = t
		t.ModelName = pt.ModelName
		out.Drift = append(out.Drift, uniqueDrift(t, pt)...)
		for j, mc := range mt.Columns {
			pc := pt.Column(mc.Name)
			if pc == nil {
				continue
			}
			c := new(schema.Column)
			*c = *mc
			t.Columns[j] = c
			if pc.Nullable != c.Nullable {
				truth := c.NullSpan()
				if !truth.IsValid() {
					truth = c.Span
				}
				out.Drift = append(out.Drift, schema.Drift{Table: t, Column: c, Span: pc.Span, Truth: truth,
					Message: fmt.Sprintf("the Prisma schema says %s is %s, but the migrations leave it %s", pc.FieldName(), nullWord(pc.Nullable), nullWord(c.Nullable))})
			}
			c.SetFieldName(pc.FieldName())
			c.SetDefinedBy(c.Span)
			c.SetSpans(pc.Span, pc.NameSpan(), pc.TypeSpan())
			if pc.Default != nil && !pc.Default.InDatabase && c.Default == nil {
				// Prisma Client fills this one; the database does not.
				c.Default = pc.Default
			}
		}
	}
	return &out
}

// prismaTable finds the Prisma model for a replayed table: same physical
// name, compared case-insensitively only when no exact match exists.
func prismaTable(pm *schema.Model, t *schema.Table) *schema.Table {
	if pt := pm.Table(t.Name); pt != nil {
		return pt
	}
	for _, pt := range pm.Tables {
		if strings.EqualFold(pt.Name, t.Name) {
			return pt
		}
	}
	return nil
}

func nullWord(nullable bool) string {
	if nullable {
		return "nullable"
	}
	return "NOT NULL"
}

// uniqueDrift compares the full (non-partial) unique rules of a Prisma
// model with its replayed table. Partial indexes are left out: Prisma
// cannot express most of them, so migrations add them by hand on purpose.
func uniqueDrift(t, pt *schema.Table) []schema.Drift {
	key := func(u *schema.Unique) string { return strings.Join(u.Columns(), ",") }
	have := map[string]*schema.Unique{}
	for _, u := range t.Uniques {
		if u.Where == "" && u.Kind != schema.PrimaryKey {
			have[key(u)] = u
		}
	}
	var out []schema.Drift
	for _, pu := range pt.Uniques {
		if pu.Where != "" || pu.Kind == schema.PrimaryKey {
			continue
		}
		if have[key(pu)] == nil {
			out = append(out, schema.Drift{Table: t, Span: pu.Span, Columns: pu.Columns(),
				Message: fmt.Sprintf("the Prisma schema declares a unique rule on (%s) that no migration creates", strings.Join(pu.Columns(), ", "))})
		}
	}
	return out
}
