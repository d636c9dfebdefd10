package gomodel

import (
	"go/ast"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// addBunIndexes adds to m's tables the unique indexes the module creates
// with bun's CreateIndexQuery, db.NewCreateIndex().Model((*Delivery)(nil)).
// Index("deliveries_source_key").Unique().Column("source",
// "idempotency_key").Exec(ctx): bun's tags declare no composite index with
// a name or a predicate, so services that need one create it this way,
// next to their NewCreateTable calls. A chain is read when it calls
// Unique, names its table by a model whose table m holds (or a constant
// Table), and its columns by constant Column calls; Where's constant
// predicates (without arguments) make it partial, joined by AND as bun
// joins them. A chain with ColumnExpr, WhereOr, a Where with arguments or
// a table this reader cannot place is not read: the index is not added,
// and, if one of its constant columns is named like a key, IDEM001 says
// so.
func addBunIndexes(m *schema.Model, files []*goFile, idx *typeIndex) {
	for _, f := range files {
		if !f.importsPath(bunPath) {
			continue
		}
		var outer []*ast.CallExpr // chains, each by its outermost call
		seen := map[*ast.CallExpr]bool{}
		ast.Inspect(f.ast, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || seen[call] {
				return true
			}
			calls := chainOfCalls(call)
			for _, c := range calls {
				seen[c] = true
			}
			if len(calls) > 0 && methodOf(calls[len(calls)-1]) == "NewCreateIndex" {
				outer = append(outer, call)
			}
			return true
		})
		for _, call := range outer {
			addBunIndex(m, f, idx, chainOfCalls(call))
		}
	}
}

// chainOfCalls returns the method calls of the chain that call ends,
// outermost first, down to its first call.
func chainOfCalls(call *ast.CallExpr) []*ast.CallExpr {
	var out []*ast.CallExpr
	var e ast.Expr = call
	for {
		c, ok := e.(*ast.CallExpr)
		if !ok {
			return out
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			return out
		}
		out = append(out, c)
		e = sel.X
	}
}

func methodOf(c *ast.CallExpr) string {
	if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return ""
}

// addBunIndex reads one CreateIndexQuery chain, calls outermost first.
func addBunIndex(m *schema.Model, f *goFile, idx *typeIndex, calls []*ast.CallExpr) {
	var (
		unique, unread bool
		table          *schema.Table
		tableNamed     bool
		name           string
		cols           []string
		where          []string
		colSpan        schema.Span
		why            string
	)
	for i := len(calls) - 1; i >= 0; i-- { // in the order of the chain
		c := calls[i]
		switch methodOf(c) {
		case "NewCreateIndex", "IfNotExists", "Concurrently", "Exec", "Conn", "Comment", "Using":
		case "Unique":
			unique = true
		case "Model":
			if len(c.Args) != 1 {
				unread, why = true, "its model"
				continue
			}
			tableNamed = true
			table = bunModelTable(m, f, idx, c.Args[0])
			if table == nil {
				unread, why = true, "its model"
				if te := modelTypeExpr(c.Args[0]); te != nil {
					why += " " + typeIdent(te) + " is no table NewCreateTable creates here"
				}
			}
		case "Table":
			if len(c.Args) == 0 {
				continue
			}
			tableNamed = true
			s, ok := stringLit(c.Args[0])
			if !ok {
				unread, why = true, "its table"
				continue
			}
			table = bunTableByName(m, s)
			if table == nil {
				unread, why = true, "its table "+s+" is none NewCreateTable creates here"
			}
		case "Index":
			if len(c.Args) == 1 {
				name, _ = stringLit(c.Args[0])
			}
		case "Column":
			for _, a := range c.Args {
				s, ok := stringLit(a)
				if !ok {
					unread, why = true, "a column"
					continue
				}
				cols = append(cols, s)
			}
			colSpan = f.span(c)
		case "Where":
			s, ok := stringLit(c.Args[0])
			if !ok || len(c.Args) > 1 {
				unread, why = true, "its predicate"
				continue
			}
			where = append(where, s)
		default: // ColumnExpr, WhereOr, TableExpr, ModelTableExpr, IndexExpr, Include…
			unread, why = true, methodOf(c)
		}
	}
	if !unique || !tableNamed || len(cols) == 0 && !unread {
		return
	}
	if unread || table == nil {
		// Said only where the index holds a column named like a key: an
		// unread index over other columns hides no finding.
		if slices.ContainsFunc(cols, schema.NamedLikeKey) {
			m.Errors = append(m.Errors, f.sf.Errorf(f.off(calls[len(calls)-1].Pos()),
				"bun's NewCreateIndex().Unique() is not read (%s): the unique index it creates over %s is not checked", why, strings.Join(cols, ", ")))
		}
		return
	}
	u := &schema.Unique{Name: name, Kind: schema.UniqueIndex, Span: colSpan}
	for _, c := range cols {
		u.Parts = append(u.Parts, schema.IndexPart{Column: c})
	}
	if len(where) == 1 {
		u.Where = where[0]
	} else if len(where) > 1 {
		u.Where = "(" + strings.Join(where, ") AND (") + ")"
	}
	table.Uniques = append(table.Uniques, u)
}

// bunModelTable returns the table of m that the model expression e
// ((*T)(nil), &T{}, new(T)) names, or nil.
func bunModelTable(m *schema.Model, f *goFile, idx *typeIndex, e ast.Expr) *schema.Table {
	te := modelTypeExpr(e)
	if te == nil {
		return nil
	}
	var found *schema.Table
	if d, ok := idx.resolveModel(f, te); ok {
		name, ok := bunTableName(d.file, d.spec, true)
		if !ok {
			return nil
		}
		for _, t := range m.Tables {
			if t.ModelName == d.spec.Name.Name && qualifiedName(t) == name {
				return t
			}
		}
		return nil
	}
	for _, t := range m.Tables {
		if t.ModelName == typeIdent(te) {
			if found != nil {
				return nil // two models of that name: which one is not known
			}
			found = t
		}
	}
	return found
}

// bunTableByName returns the one table of m named name, or nil.
func bunTableByName(m *schema.Model, name string) *schema.Table {
	var found *schema.Table
	for _, t := range m.Tables {
		if qualifiedName(t) == name {
			if found != nil {
				return nil
			}
			found = t
		}
	}
	return found
}

func qualifiedName(t *schema.Table) string {
	if t.Namespace != "" {
		return t.Namespace + "." + t.Name
	}
	return t.Name
}
