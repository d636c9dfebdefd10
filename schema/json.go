package schema

// ModelJSON is the documented JSON form of a Model, printed by
// `idemlint schema -model` so users can see what idemlint understood.
// Positions are "path:line:col". The README's "What idemlint understood"
// section documents the fields.
type ModelJSON struct {
	Dialect string `json:"dialect"`
	// DialectFrom says what decided the dialect.
	DialectFrom string      `json:"dialect_from,omitempty"`
	Tables      []TableJSON `json:"tables"`
	Errors      []string    `json:"errors,omitempty"`
}

// TableJSON is one table of a ModelJSON.
type TableJSON struct {
	Name      string       `json:"name"`
	Namespace string       `json:"namespace,omitempty"`
	Model     string       `json:"model,omitempty"` // Prisma model name
	Position  string       `json:"position"`
	Columns   []ColumnJSON `json:"columns"`
	Uniques   []UniqueJSON `json:"uniques"`
}

// ColumnJSON is one column of a TableJSON.
type ColumnJSON struct {
	Name     string       `json:"name"`
	Field    string       `json:"field,omitempty"` // Prisma field name
	Type     string       `json:"type"`
	Native   string       `json:"native_type,omitempty"`
	Nullable bool         `json:"nullable"`
	Default  *DefaultJSON `json:"default,omitempty"`
	Position string       `json:"position"`
	// NullabilityFrom is the statement that last changed the column's
	// nullability, when a later migration did (ALTER … DROP NOT NULL).
	NullabilityFrom string `json:"nullability_from,omitempty"`
	// DefinedBy is the migration statement that created a column whose
	// position is its Prisma field.
	DefinedBy string `json:"defined_by,omitempty"`
}

// DefaultJSON is a column default.
type DefaultJSON struct {
	Expr       string `json:"expr"`
	InDatabase bool   `json:"in_database"`
}

// UniqueJSON is one unique constraint, unique index or primary key.
type UniqueJSON struct {
	Name             string   `json:"name,omitempty"`
	Kind             string   `json:"kind"` // "unique constraint", "unique index", "primary key"
	Parts            []string `json:"parts"`
	Where            string   `json:"where,omitempty"`
	NullsNotDistinct bool     `json:"nulls_not_distinct,omitempty"`
	Position         string   `json:"position"`
}

// JSON returns m in its documented JSON form.
func (m *Model) JSON() ModelJSON {
	out := ModelJSON{Dialect: m.Dialect.String(), DialectFrom: m.DialectFrom, Tables: []TableJSON{}}
	for _, t := range m.Tables {
		tj := TableJSON{Name: t.Name, Namespace: t.Namespace, Model: t.ModelName, Position: t.Span.String(),
			Columns: []ColumnJSON{}, Uniques: []UniqueJSON{}}
		for _, c := range t.Columns {
			cj := ColumnJSON{Name: c.Name, Type: c.Type, Native: c.NativeType(), Nullable: c.Nullable, Position: c.Span.String()}
			if fn := c.FieldName(); fn != c.Name {
				cj.Field = fn
			}
			if c.NullSpan().IsValid() {
				cj.NullabilityFrom = c.NullSpan().String()
			}
			if c.DefinedBy().IsValid() {
				cj.DefinedBy = c.DefinedBy().String()
			}
			if c.Default != nil {
				cj.Default = &DefaultJSON{Expr: c.Default.Expr, InDatabase: c.Default.InDatabase}
			}
			tj.Columns = append(tj.Columns, cj)
		}
		for _, u := range t.Uniques {
			uj := UniqueJSON{Name: u.Name, Kind: u.Kind.String(), Where: u.Where, NullsNotDistinct: u.NullsNotDistinct, Position: u.Span.String()}
			for _, p := range u.Parts {
				if p.Column != "" {
					uj.Parts = append(uj.Parts, p.Column)
				} else {
					uj.Parts = append(uj.Parts, p.Expr)
				}
			}
			tj.Uniques = append(tj.Uniques, uj)
		}
		out.Tables = append(out.Tables, tj)
	}
	for _, e := range m.Errors {
		out.Errors = append(out.Errors, e.Error())
	}
	return out
}
