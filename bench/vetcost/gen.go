package vetcost

import (
	"bytes"
	"fmt"
	"go/format"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ModulePath is the module path of the generated module.
const ModulePath = "example.com/vetbench"

// GenOptions sizes the generated module. The zero value means the defaults.
type GenOptions struct {
	Packages int // library packages (default 240); a schema package and a command come on top
	Depth    int // layers of the import DAG (default 3)
	Entities int // entity types per plain package (default 3)
}

// GenStats describes what Generate wrote.
type GenStats struct {
	Packages   int // all packages, the schema package and the command included
	DBPackages int // packages that send INSERT statements through database/sql
	TestFiles  int
	Files      int // .go files
	Lines      int // lines of Go
	InsertSite int // calls with a constant INSERT statement
}

func (o GenOptions) withDefaults() GenOptions {
	if o.Packages <= 0 {
		o.Packages = 240
	}
	if o.Depth <= 0 {
		o.Depth = 6
	}
	if o.Entities <= 0 {
		o.Entities = 3
	}
	return o
}

var domains = []string{
	"billing", "catalog", "inventory", "shipping", "accounts", "notify",
	"pricing", "audit", "search", "reports", "sessions", "tenants",
	"webhooks", "ledger", "checkout", "support",
}

var nouns = []string{
	"Invoice", "Order", "Customer", "Product", "Shipment", "Ticket", "Account",
	"Quote", "Coupon", "Refund", "Batch", "Route", "Entry", "Plan", "Slot",
	"Policy", "Device", "Contract", "Lead", "Message",
}

type pkgSpec struct {
	idx     int
	layer   int
	name    string // package name
	path    string // directory relative to the module root
	imports []*pkgSpec
	db      bool
	tests   bool
}

// Generate writes a synthetic module into dir (which must exist and should
// be empty): plain business-logic packages in an import DAG, one package in
// ten that writes rows through database/sql with INSERT statements in
// constant strings, a package that //go:embeds schema.sql, and a command
// that imports the top layer. The same options always give the same bytes.
func Generate(dir string, opts GenOptions) (GenStats, error) {
	opts = opts.withDefaults()
	rng := rand.New(rand.NewPCG(20261127, uint64(opts.Packages)))
	var st GenStats

	pkgs := make([]*pkgSpec, opts.Packages)
	byLayer := make([][]*pkgSpec, opts.Depth)
	for i := range pkgs {
		layer := i * opts.Depth / opts.Packages
		d := domains[i%len(domains)]
		p := &pkgSpec{idx: i, layer: layer, name: fmt.Sprintf("%s%d", d, i)}
		p.path = filepath.ToSlash(filepath.Join("internal", d, p.name))
		p.db = i%10 == 7 // 10% of packages touch the database
		p.tests = i%3 == 0
		if layer > 0 {
			prev := byLayer[layer-1]
			p.imports = append(p.imports, prev[rng.IntN(len(prev))]) // keeps the DAG deep
			for range rng.IntN(4) {
				l := rng.IntN(layer)
				cand := byLayer[l][rng.IntN(len(byLayer[l]))]
				if !hasImport(p, cand) {
					p.imports = append(p.imports, cand)
				}
			}
			sort.Slice(p.imports, func(a, b int) bool { return p.imports[a].idx < p.imports[b].idx })
		}
		pkgs[i] = p
		byLayer[layer] = append(byLayer[layer], p)
	}

	write := func(rel string, src []byte, gofmt bool) error {
		if gofmt {
			out, err := format.Source(src)
			if err != nil {
				return fmt.Errorf("generated %s does not parse: %v\n%s", rel, err, src)
			}
			src = out
			st.Files++
			st.Lines += bytes.Count(src, []byte("\n"))
		}
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, src, 0o644)
	}

	if err := write("go.mod", []byte("module "+ModulePath+"\n\ngo 1.26\n"), false); err != nil {
		return st, err
	}
	if err := write("internal/schema/schema.sql", []byte(schemaSQL), false); err != nil {
		return st, err
	}
	if err := write("internal/schema/schema.go", []byte(schemaGo), true); err != nil {
		return st, err
	}
	st.Packages++

	for _, p := range pkgs {
		st.Packages++
		for f := 0; f*3 < opts.Entities; f++ {
			g := &gen{rng: rng, p: p}
			g.plainFile(f, min(3, opts.Entities-f*3))
			if err := write(fmt.Sprintf("%s/%s_%d.go", p.path, p.name, f), g.b.Bytes(), true); err != nil {
				return st, err
			}
		}
		if p.db {
			st.DBPackages++
			g := &gen{rng: rng, p: p}
			st.InsertSite += g.storeFile()
			if err := write(fmt.Sprintf("%s/store.go", p.path), g.b.Bytes(), true); err != nil {
				return st, err
			}
			g = &gen{rng: rng, p: p}
			st.InsertSite += g.handlerFile()
			if err := write(fmt.Sprintf("%s/handler.go", p.path), g.b.Bytes(), true); err != nil {
				return st, err
			}
		}
		if p.tests {
			st.TestFiles++
			g := &gen{rng: rng, p: p}
			g.testFile()
			if err := write(fmt.Sprintf("%s/%s_test.go", p.path, p.name), g.b.Bytes(), true); err != nil {
				return st, err
			}
		}
	}

	// The command imports the top layer (and so, transitively, almost everything).
	var b bytes.Buffer
	b.WriteString("// Command vetbench wires the services together.\npackage main\n\nimport (\n\t\"fmt\"\n")
	top := byLayer[opts.Depth-1]
	for _, p := range top {
		fmt.Fprintf(&b, "\t%q\n", ModulePath+"/"+p.path)
	}
	b.WriteString(")\n\nfunc main() {\n\ttotal := 0\n")
	for _, p := range top {
		fmt.Fprintf(&b, "\ttotal += len(%s.Normalize(%q))\n", p.name, p.name)
	}
	b.WriteString("\tfmt.Println(total)\n}\n")
	if err := write("cmd/vetbench/main.go", b.Bytes(), true); err != nil {
		return st, err
	}
	st.Packages++
	return st, nil
}

func hasImport(p, q *pkgSpec) bool {
	for _, x := range p.imports {
		if x == q {
			return true
		}
	}
	return false
}

type gen struct {
	b   bytes.Buffer
	rng *rand.Rand
	p   *pkgSpec
}

func (g *gen) f(format string, args ...any) { fmt.Fprintf(&g.b, format, args...) }

func (g *gen) noun(i int) string { return nouns[(g.p.idx*7+i)%len(nouns)] }

func (g *gen) header(doc bool, imports ...string) {
	if doc {
		g.f("// Package %s holds the %s domain logic (generated).\n", g.p.name, strings.TrimRight(g.p.name, "0123456789"))
	}
	g.f("package %s\n\nimport (\n", g.p.name)
	for _, imp := range imports {
		g.f("\t%q\n", imp)
	}
	g.f(")\n\n")
}

// plainFile writes n entities with their methods. File 0 also holds the
// package API that importers call (Item, Normalize, Summarize).
func (g *gen) plainFile(file, n int) {
	imps := []string{"encoding/json", "errors", "fmt", "sort", "strings", "time"}
	if file == 0 {
		for _, d := range g.p.imports {
			imps = append(imps, ModulePath+"/"+d.path)
		}
	}
	g.header(file == 0, imps...)
	if file == 0 {
		g.api()
	}
	for e := range n {
		g.entity(file*3 + e)
	}
}

func (g *gen) api() {
	g.f("// Item is the unit this package works on.\n")
	g.f("type Item struct {\n\tID int64 `json:\"id\"`\n\tName string `json:\"name\"`\n\tTags []string `json:\"tags,omitempty\"`\n\tAmount float64 `json:\"amount\"`\n\tCreated time.Time `json:\"created\"`\n")
	for _, d := range g.p.imports {
		g.f("\tFrom%d *%s.Item `json:\"from%d,omitempty\"`\n", d.idx, d.name, d.idx)
	}
	g.f("}\n\n")
	g.f("// ErrEmpty is returned for an item without a name.\nvar ErrEmpty = errors.New(%q)\n\n", g.p.name+": empty name")
	g.f("// Normalize trims, lowers and folds the separators of s.\nfunc Normalize(s string) string {\n\ts = strings.TrimSpace(strings.ToLower(s))\n")
	for _, d := range g.p.imports {
		g.f("\ts = %s.Normalize(s)\n", d.name)
	}
	g.f("\treturn strings.Map(func(r rune) rune {\n\t\tswitch r {\n\t\tcase '_', ' ', '.':\n\t\t\treturn '-'\n\t\t}\n\t\treturn r\n\t}, s)\n}\n\n")
	g.f("// Summary aggregates items.\ntype Summary struct {\n\tCount int\n\tTotal float64\n\tByTag map[string]int\n\tFirst, Last time.Time\n}\n\n")
	g.f("// Summarize aggregates items, skipping invalid ones.\nfunc Summarize(items []Item) (Summary, error) {\n\ts := Summary{ByTag: map[string]int{}}\n\tvar errs []error\n")
	g.f("\tfor i, it := range items {\n\t\tif it.Name == \"\" {\n\t\t\terrs = append(errs, fmt.Errorf(\"item %%d: %%w\", i, ErrEmpty))\n\t\t\tcontinue\n\t\t}\n")
	g.f("\t\ts.Count++\n\t\ts.Total += it.Amount\n\t\tfor _, t := range it.Tags {\n\t\t\ts.ByTag[Normalize(t)]++\n\t\t}\n")
	g.f("\t\tif s.First.IsZero() || it.Created.Before(s.First) {\n\t\t\ts.First = it.Created\n\t\t}\n\t\tif it.Created.After(s.Last) {\n\t\t\ts.Last = it.Created\n\t\t}\n\t}\n\treturn s, errors.Join(errs...)\n}\n\n")
	g.f("// Encode renders items as JSON, sorted by name.\nfunc Encode(items []Item) ([]byte, error) {\n\tsorted := append([]Item(nil), items...)\n\tsort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })\n\treturn json.Marshal(sorted)\n}\n\n")
	for _, d := range g.p.imports {
		g.f("// Lift%d converts an item of %s.\nfunc Lift%d(x %s.Item) Item {\n\treturn Item{ID: x.ID, Name: Normalize(x.Name), Tags: x.Tags, Amount: x.Amount, Created: x.Created, From%d: &x}\n}\n\n", d.idx, d.name, d.idx, d.name, d.idx)
	}
}

func (g *gen) entity(i int) {
	n := g.noun(i)
	t := fmt.Sprintf("%s%d", n, i)
	nf := 4 + g.rng.IntN(5)
	g.f("// %s is a %s record.\ntype %s struct {\n\tID int64\n\tName string\n\tStatus %sStatus\n\tUpdated time.Time\n\tLines []%sLine\n", t, strings.ToLower(n), t, t, t)
	for k := range nf {
		switch k % 4 {
		case 0:
			g.f("\tField%d string `json:\"field%d\"`\n", k, k)
		case 1:
			g.f("\tCount%d int `json:\"count%d\"`\n", k, k)
		case 2:
			g.f("\tRatio%d float64 `json:\"ratio%d\"`\n", k, k)
		default:
			g.f("\tFlags%d map[string]bool `json:\"flags%d,omitempty\"`\n", k, k)
		}
	}
	g.f("}\n\n")
	g.f("// %sLine is one line of a %s.\ntype %sLine struct {\n\tSKU string\n\tQty int\n\tPrice float64\n}\n\n", t, t, t)
	g.f("// %sStatus is the lifecycle state of a %s.\ntype %sStatus int\n\n", t, t, t)
	g.f("const (\n\t%sDraft %sStatus = iota\n\t%sActive\n\t%sClosed\n)\n\n", t, t, t, t)
	g.f("func (s %sStatus) String() string {\n\tswitch s {\n\tcase %sDraft:\n\t\treturn \"draft\"\n\tcase %sActive:\n\t\treturn \"active\"\n\tcase %sClosed:\n\t\treturn \"closed\"\n\t}\n\treturn fmt.Sprintf(\"%sStatus(%%d)\", int(s))\n}\n\n", t, t, t, t, t)
	g.f("// Validate reports what is wrong with x.\nfunc (x *%s) Validate() error {\n\tvar problems []string\n\tif strings.TrimSpace(x.Name) == \"\" {\n\t\tproblems = append(problems, \"name is required\")\n\t}\n", t)
	g.f("\tfor i, l := range x.Lines {\n\t\tif l.Qty <= 0 {\n\t\t\tproblems = append(problems, fmt.Sprintf(\"line %%d: quantity %%d\", i, l.Qty))\n\t\t}\n\t\tif l.Price < 0 {\n\t\t\tproblems = append(problems, fmt.Sprintf(\"line %%d: negative price\", i))\n\t\t}\n\t}\n")
	g.f("\tif len(problems) > 0 {\n\t\treturn errors.New(%q + strings.Join(problems, \"; \"))\n\t}\n\treturn nil\n}\n\n", strings.ToLower(t)+": ")
	g.f("// Total is the sum of the lines of x.\nfunc (x *%s) Total() float64 {\n\tvar sum float64\n\tfor _, l := range x.Lines {\n\t\tsum += float64(l.Qty) * l.Price\n\t}\n\treturn sum\n}\n\n", t)
	g.f("// Transition moves x to status to, if allowed.\nfunc (x *%s) Transition(to %sStatus, now time.Time) error {\n\tswitch {\n\tcase x.Status == to:\n\t\treturn nil\n\tcase x.Status == %sClosed:\n\t\treturn fmt.Errorf(\"%%s: closed\", x.Name)\n\tcase to == %sActive:\n\t\tif err := x.Validate(); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\tx.Status = to\n\tx.Updated = now\n\treturn nil\n}\n\n", t, t, t, t)
	g.f("// Sort%s orders xs by total, then name.\nfunc Sort%s(xs []*%s) {\n\tsort.Slice(xs, func(i, j int) bool {\n\t\tif a, b := xs[i].Total(), xs[j].Total(); a != b {\n\t\t\treturn a > b\n\t\t}\n\t\treturn xs[i].Name < xs[j].Name\n\t})\n}\n\n", t, t, t)
	g.f("// Index%s groups xs by normalized name.\nfunc Index%s(xs []*%s) map[string][]*%s {\n\tm := make(map[string][]*%s, len(xs))\n\tfor _, x := range xs {\n\t\tk := Normalize(x.Name)\n\t\tm[k] = append(m[k], x)\n\t}\n\treturn m\n}\n\n", t, t, t, t, t)
	g.f("// Describe%s renders x for logs.\nfunc Describe%s(x *%s) string {\n\tvar b strings.Builder\n\tfmt.Fprintf(&b, \"%%s #%%d (%%s)\", x.Name, x.ID, x.Status)\n\tfor _, l := range x.Lines {\n\t\tfmt.Fprintf(&b, \"\\n  %%-12s %%4d x %%8.2f\", l.SKU, l.Qty, l.Price)\n\t}\n\tif !x.Updated.IsZero() {\n\t\tb.WriteString(\"\\nupdated \" + x.Updated.Format(time.RFC3339))\n\t}\n\treturn b.String()\n}\n\n", t, t, t)
	g.f("// Decode%s parses a JSON %s.\nfunc Decode%s(data []byte) (*%s, error) {\n\tvar x %s\n\tif err := json.Unmarshal(data, &x); err != nil {\n\t\treturn nil, fmt.Errorf(\"decode %s: %%w\", err)\n\t}\n\treturn &x, x.Validate()\n}\n\n", t, t, t, t, t, strings.ToLower(t))
	g.f("// Item converts x for the package API.\nfunc (x *%s) Item() Item {\n\ttags := make([]string, 0, len(x.Lines))\n\tfor _, l := range x.Lines {\n\t\ttags = append(tags, l.SKU)\n\t}\n\treturn Item{ID: x.ID, Name: x.Name, Tags: tags, Amount: x.Total(), Created: x.Updated}\n}\n\n", t)
}

type table struct {
	name string
	cols []string // besides the key column
	key  string
}

var tables = []table{
	{"messages", []string{"session_id", "body"}, "idempotency_key"},
	{"payments", []string{"account_id", "amount_cents", "currency"}, "idempotency_key"},
	{"orders", []string{"customer_id", "total_cents"}, "request_id"},
	{"refunds", []string{"payment_id", "amount_cents"}, "idempotency_key"},
	{"webhook_deliveries", []string{"endpoint_id", "payload"}, "dedup_key"},
	{"events", []string{"stream", "payload"}, "idempotency_key"},
}

func (t table) insert(onConflict bool) string {
	cols := append(append([]string(nil), t.cols...), t.key)
	ph := make([]string, len(cols))
	for i := range cols {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	s := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.name, strings.Join(cols, ", "), strings.Join(ph, ", "))
	if onConflict {
		s += " ON CONFLICT DO NOTHING"
	}
	return s
}

func (t table) goName() string {
	var b strings.Builder
	for _, part := range strings.Split(t.name, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func (t table) args() string {
	var a []string
	for i := range t.cols {
		a = append(a, fmt.Sprintf("v%d", i))
	}
	return strings.Join(a, ", ")
}

func (t table) params() string {
	var a []string
	for i := range t.cols {
		a = append(a, fmt.Sprintf("v%d any", i))
	}
	return strings.Join(a, ", ")
}

// storeFile writes a repository: INSERT statements in named constants and
// literals, with keys passed as *string (nil-able), guarded *string,
// sql.NullString, a plain string and a value nil-checked in one branch but
// passed unconditionally in another. It returns the number of insert sites.
func (g *gen) storeFile() int {
	g.header(false, "context", "database/sql", "errors", "fmt", ModulePath+"/internal/schema")
	sites := 0
	g.f("// Repo stores rows of the %s service.\ntype Repo struct {\n\tdb *sql.DB\n}\n\n", g.p.name)
	g.f("// NewRepo returns a Repo on db.\nfunc NewRepo(db *sql.DB) *Repo { return &Repo{db: db} }\n\n")
	g.f("// Migrate creates the tables.\nfunc (r *Repo) Migrate(ctx context.Context) error {\n\t_, err := r.db.ExecContext(ctx, schema.SQL)\n\treturn err\n}\n\n")
	g.f("// ErrNoKey is returned when a write arrives without an idempotency key.\nvar ErrNoKey = errors.New(\"missing idempotency key\")\n\n")
	for k := range 3 {
		t := tables[(g.p.idx+k)%len(tables)]
		n := t.goName()
		g.f("const insert%s = %q\n\n", n, t.insert(false))
		// A key that may be nil: NULL reaches the unique constraint.
		g.f("// Insert%s writes a row; key may be nil.\nfunc (r *Repo) Insert%s(ctx context.Context, %s, key *string) error {\n\t_, err := r.db.ExecContext(ctx, insert%s, %s, key)\n\tif err != nil {\n\t\treturn fmt.Errorf(\"insert %s: %%w\", err)\n\t}\n\treturn nil\n}\n\n", n, n, t.params(), n, t.args(), t.name)
		// Guarded: never NULL.
		g.f("// Insert%sGuarded refuses a nil key.\nfunc (r *Repo) Insert%sGuarded(ctx context.Context, %s, key *string) error {\n\tif key == nil || *key == \"\" {\n\t\treturn ErrNoKey\n\t}\n\t_, err := r.db.ExecContext(ctx, %q, %s, *key)\n\treturn err\n}\n\n", n, n, t.params(), t.insert(false), t.args())
		// sql.NullString.
		g.f("// Insert%sNullable writes the key as a sql.NullString.\nfunc (r *Repo) Insert%sNullable(ctx context.Context, %s, key string) (int64, error) {\n\tres, err := r.db.ExecContext(ctx, %q, %s, sql.NullString{String: key, Valid: key != \"\"})\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn res.RowsAffected()\n}\n\n", n, n, t.params(), t.insert(true), t.args())
		// Checked in one branch, passed unconditionally in another.
		g.f("// Upsert%s logs a missing key but writes anyway.\nfunc (r *Repo) Upsert%s(ctx context.Context, %s, key *string, strict bool) error {\n\tif strict && key == nil {\n\t\treturn ErrNoKey\n\t}\n\tstmt, err := r.db.PrepareContext(ctx, insert%s)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer stmt.Close()\n\t_, err = stmt.ExecContext(ctx, %s, key)\n\treturn err\n}\n\n", n, n, t.params(), n, t.args())
		// A transaction with a loop.
		g.f("// InsertMany%s writes rows in one transaction.\nfunc (r *Repo) InsertMany%s(ctx context.Context, rows [][%d]any, keys []string) error {\n\ttx, err := r.db.BeginTx(ctx, nil)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer tx.Rollback()\n\tfor i, row := range rows {\n\t\tvar key any\n\t\tif i < len(keys) {\n\t\t\tkey = keys[i]\n\t\t}\n\t\tif _, err := tx.ExecContext(ctx, insert%s, append(row[:], key)...); err != nil {\n\t\t\treturn fmt.Errorf(\"row %%d: %%w\", i, err)\n\t\t}\n\t}\n\treturn tx.Commit()\n}\n\n", n, n, len(t.cols), n)
		sites += 5
	}
	g.f("// Count returns the number of rows in table.\nfunc (r *Repo) Count(ctx context.Context, table string) (int, error) {\n\tvar n int\n\terr := r.db.QueryRowContext(ctx, \"SELECT count(*) FROM \"+table).Scan(&n)\n\treturn n, err\n}\n")
	return sites
}

// handlerFile writes HTTP handlers that take the key from the
// Idempotency-Key header and insert with it.
func (g *gen) handlerFile() int {
	g.header(false, "context", "database/sql", "encoding/json", "net/http", "strings", "time")
	t := tables[g.p.idx%len(tables)]
	u := tables[(g.p.idx+1)%len(tables)]
	g.f("// Handler serves the %s API.\ntype Handler struct {\n\tRepo *Repo\n\tDB *sql.DB\n\tTimeout time.Duration\n}\n\n", g.p.name)
	g.f("type request struct {\n\tValues []any `json:\"values\"`\n}\n\n")
	g.f("func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n\tvar req request\n\tif err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Values) < %d {\n\t\thttp.Error(w, \"bad request\", http.StatusBadRequest)\n\t\treturn\n\t}\n", len(t.cols))
	g.f("\tctx, cancel := context.WithTimeout(r.Context(), h.Timeout)\n\tdefer cancel()\n\tkey := r.Header.Get(\"Idempotency-Key\")\n")
	g.f("\tif _, err := h.DB.ExecContext(ctx, %q, append(req.Values[:%d:%d], key)...); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusCreated)\n}\n\n", t.insert(false), len(t.cols), len(t.cols))
	g.f("// Create%s keys the row by the header, or leaves the key NULL.\nfunc (h *Handler) Create%s(w http.ResponseWriter, r *http.Request) {\n\tvar key *string\n\tif k := strings.TrimSpace(r.Header.Get(\"Idempotency-Key\")); k != \"\" {\n\t\tkey = &k\n\t}\n", u.goName(), u.goName())
	var vals []string
	for range u.cols {
		vals = append(vals, "r.FormValue(\"v\")")
	}
	g.f("\tif err := h.Repo.Insert%s(r.Context(), %s, key); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusCreated)\n}\n\n", u.goName(), strings.Join(vals, ", "))
	g.f("// Replay%s requires the header.\nfunc (h *Handler) Replay%s(w http.ResponseWriter, r *http.Request) {\n\tkey := r.Header.Get(\"Idempotency-Key\")\n\tif key == \"\" {\n\t\thttp.Error(w, \"Idempotency-Key required\", http.StatusBadRequest)\n\t\treturn\n\t}\n\tif _, err := h.DB.ExecContext(r.Context(), %q, %s, key); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusConflict)\n\t}\n}\n", u.goName(), u.goName(), u.insert(true), strings.Join(vals, ", "))
	return 2
}

func (g *gen) testFile() {
	g.header(false, "strings", "testing", "time")
	n := g.noun(0) + "0"
	g.f("func TestNormalize(t *testing.T) {\n\tfor _, s := range []string{\"A b\", \" x_y \", \"p.q\"} {\n\t\tif got := Normalize(s); strings.ContainsAny(got, \" _.\") {\n\t\t\tt.Errorf(\"Normalize(%%q) = %%q\", s, got)\n\t\t}\n\t}\n}\n\n")
	g.f("func TestTransition(t *testing.T) {\n\tx := &%s{Name: \"a\", Lines: []%sLine{{SKU: \"s\", Qty: 1, Price: 2}}}\n\tif err := x.Transition(%sActive, time.Unix(0, 0)); err != nil {\n\t\tt.Fatal(err)\n\t}\n\tif x.Total() != 2 {\n\t\tt.Errorf(\"total %%v\", x.Total())\n\t}\n}\n\n", n, n, n)
	g.f("func TestSummarize(t *testing.T) {\n\ts, err := Summarize([]Item{{Name: \"a\", Amount: 1, Tags: []string{\"X\"}}, {}})\n\tif err == nil || s.Count != 1 {\n\t\tt.Errorf(\"Summarize: %%+v, %%v\", s, err)\n\t}\n}\n")
}

const schemaGo = `// Package schema embeds the database schema.
package schema

import _ "embed"

// SQL is the PostgreSQL schema of every table.
//
//go:embed schema.sql
var SQL string
`

// schemaSQL: idempotency keys that are nullable inside unique constraints
// (the NULL-retry bug idemlint reports), next to correct ones.
const schemaSQL = `-- generated by idemlint/bench/vetcost
CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id bigint NOT NULL,
    body text NOT NULL,
    idempotency_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_session_key UNIQUE (session_id, idempotency_key)
);

CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    currency char(3) NOT NULL,
    idempotency_key text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL,
    total_cents bigint NOT NULL,
    request_id uuid NOT NULL,
    UNIQUE (customer_id, request_id)
);

CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    payment_id bigint NOT NULL REFERENCES payments (id),
    amount_cents bigint NOT NULL,
    idempotency_key varchar(255)
);
CREATE UNIQUE INDEX refunds_payment_key ON refunds (payment_id, idempotency_key);

CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    endpoint_id bigint NOT NULL,
    payload jsonb NOT NULL,
    dedup_key text NOT NULL DEFAULT '',
    UNIQUE (endpoint_id, dedup_key)
);

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    stream text NOT NULL,
    payload jsonb NOT NULL,
    idempotency_key text
);
CREATE UNIQUE INDEX events_stream_key ON events (stream, idempotency_key) WHERE idempotency_key IS NOT NULL;
`
