package keyflow

// idCases are TestCases' cases for fixed-size ID keys (ids.go): the zero
// ID is their bad value, asked for as "empty".
var idCases = []tcase{
	{name: "uuid parse error dropped", q: "empty", want: Empty, zero: "the nil UUID",
		reason: "the nil UUID when Parse fails and its error is dropped", src: `
func f(r *http.Request) {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id")) // origin
	insert(id)
}`},
	{name: "uuid parse error returned", q: "empty", src: `
func f(r *http.Request) error {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err != nil {
		return err
	}
	insert(id)
	return nil
}`},
	{name: "uuid parse error only logged", q: "empty", want: Empty, zero: "the nil UUID",
		reason: "its error is checked", src: `
func f(r *http.Request) {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	if err != nil {
		log.Print(err)
	}
	insert(id)
}`},
	{name: "uuid.Nil on a path", q: "empty", want: Empty, zero: "the nil UUID", written: "no",
		reason: "the nil UUID when the X-Event-Id header is absent (uuid.Nil", src: `
func f(r *http.Request) {
	id := uuid.Nil
	if h := r.Header.Get("X-Event-Id"); h != "" {
		id = uuid.MustParse(h)
	}
	insert(id)
}`},
	{name: "uuid.Nil written", q: "empty", want: Empty, zero: "the nil UUID", written: "yes", reason: "the nil UUID (uuid.Nil", src: `
func f() { insert(uuid.Nil) }`},
	{name: "zero uuid literal", q: "empty", want: Empty, zero: "the nil UUID", written: "yes", src: `
func f() { insert(uuid.UUID{}) }`},
	{name: "compared with uuid.Nil", q: "empty", src: `
func f(r *http.Request) error {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	if id == uuid.Nil {
		return errors.New("no event id")
	}
	insert(id)
	return nil
}`},
	{name: "replaced when zero", q: "empty", src: `
func f(r *http.Request) {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	if id == (uuid.UUID{}) {
		id = uuid.New()
	}
	insert(id)
}`},
	{name: "gofrs FromStringOrNil of a header", q: "empty", want: Empty, zero: "the nil UUID",
		reason: "which uuid.FromStringOrNil returns for an empty string", src: `
func f(r *http.Request) { insert(gofrs.FromStringOrNil(r.Header.Get("X-Event-Id"))) }`},
	{name: "gofrs IsNil rejects", q: "empty", src: `
func f(r *http.Request) error {
	id := gofrs.FromStringOrNil(r.Header.Get("X-Event-Id"))
	if id.IsNil() {
		return errors.New("no event id")
	}
	insert(id)
	return nil
}`},
	{name: "xid.NilID", q: "empty", want: Empty, zero: "the nil xid", src: `
func f() { insert(xid.NilID()) }`},
	{name: "ksuid parse dropped", q: "empty", want: Empty, zero: "the nil KSUID", src: `
func f(s string) { id, _ := ksuid.Parse(s); insert(id) }`},
	{name: "generated uuid", q: "empty", src: `
func f() { insert(uuid.New()) }`},
	{name: "text of a dropped parse", q: "empty", want: Empty, zero: "the nil UUID's text",
		reason: "the nil UUID's text: id is the nil UUID when Parse fails", src: `
func f(r *http.Request) {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(id.String())
}`},
	{name: "text of a generated uuid", q: "empty", src: `
func f() { insert(uuid.New().String()) }`},
	{name: "NullUUID valid over a dropped parse", q: "empty", want: Empty, zero: "the nil UUID", src: `
func f(r *http.Request) {
	id, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(uuid.NullUUID{UUID: id, Valid: true})
}`},
	{name: "NullUUID invalid on a dropped parse is NULL, not the nil UUID", q: "null", want: Invalid, src: `
func f(r *http.Request) {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(uuid.NullUUID{UUID: id, Valid: err == nil})
}`},
	{name: "NullUUID valid only when the parse succeeded holds no nil UUID", q: "empty", src: `
func f(r *http.Request) {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(uuid.NullUUID{UUID: id, Valid: err == nil})
}`},
	{name: "pgtype.UUID valid only when the parse succeeded", q: "empty", src: `
func f(r *http.Request) {
	id, err := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(pgtype.UUID{Bytes: id, Valid: err == nil})
}`},
	{name: "NullUUID valid unless nil is NULL for a dropped parse", q: "null", want: Invalid,
		reason: "Valid is false when key is the nil UUID; the nil UUID when Parse fails", src: `
func f(r *http.Request) {
	key, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(uuid.NullUUID{UUID: key, Valid: key != uuid.Nil})
}`},
	{name: "NullUUID valid unless nil holds no nil UUID", q: "empty", src: `
func f(r *http.Request) {
	key, _ := uuid.Parse(r.Header.Get("X-Event-Id"))
	insert(uuid.NullUUID{UUID: key, Valid: key != uuid.Nil})
}`},
	{name: "missing map entry", q: "empty", want: Empty, zero: "the nil UUID", src: `
func f(m map[string]uuid.UUID, k string) { insert(m[k]) }`},
	{name: "helper returning uuid.Nil with its error", q: "empty", want: Empty, zero: "the nil UUID",
		reason: "returns the nil UUID with its error", src: `
func parse(s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, errors.New("empty")
	}
	return uuid.MustParse(s), nil
}
func f(s string) { id, _ := parse(s); insert(id) }`},
}
