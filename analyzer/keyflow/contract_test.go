package keyflow

// Values returned through an interface method (contract.go): the result
// type is the contract.
const pluginDecls = `
type Webhook struct {
	ConnectorID    string
	IdempotencyKey *string
	Key            sql.NullString
	Name           string
}
type Plugin interface {
	VerifyWebhook(ctx string) (*Webhook, error)
	Translate() (Webhook, error)
	KeyOf() *string
}
type Local struct{}
func (Local) VerifyWebhook(ctx string) (*Webhook, error)
`

var contractCases = []tcase{
	{name: "interface result: pointer key field", q: "null", want: Nil,
		reason: "nil when the Plugin.VerifyWebhook implementation leaves Webhook.IdempotencyKey nil (its type *string allows it, line", src: pluginDecls + `
func f(p Plugin) error {
	w, err := p.VerifyWebhook("x") // origin
	if err != nil {
		return err
	}
	insert(w.IdempotencyKey)
	return nil
}`},
	{name: "interface result: pointer key field checked first", q: "null", src: pluginDecls + `
func f(p Plugin) error {
	w, err := p.VerifyWebhook("x")
	if err != nil {
		return err
	}
	if w.IdempotencyKey == nil {
		return errors.New("webhook without idempotency key")
	}
	insert(w.IdempotencyKey)
	return nil
}`},
	{name: "interface result: copied into a row first", q: "null", want: Nil, reason: "Plugin.VerifyWebhook", src: pluginDecls + `
type row struct{ Key *string }
func f(p Plugin) {
	w, _ := p.VerifyWebhook("x")
	r := &row{Key: w.IdempotencyKey}
	insert(r.Key)
}`},
	{name: "interface result by value: Null field", q: "null", want: Invalid,
		reason: "when the Plugin.Translate implementation leaves Webhook.Key invalid (NULL)", src: pluginDecls + `
func f(p Plugin) {
	w, _ := p.Translate()
	insert(w.Key)
}`},
	{name: "interface result by value: Null field checked", q: "null", src: pluginDecls + `
func f(p Plugin) {
	w, _ := p.Translate()
	if !w.Key.Valid {
		return
	}
	insert(w.Key)
}`},
	{name: "interface result: a *string result itself", q: "null", want: Nil, reason: "leaves its result nil", src: pluginDecls + `
func f(p Plugin) { insert(p.KeyOf()) }`},
	{name: "interface result: string field says nothing", q: "empty", src: pluginDecls + `
func f(p Plugin) {
	w, _ := p.VerifyWebhook("x")
	insert(w.Name)
}`},
	{name: "concrete method without a body is not an interface", q: "null", src: pluginDecls + `
func f(p Local) {
	w, _ := p.VerifyWebhook("x")
	insert(w.IdempotencyKey)
}`},
}

func init() { cases = append(cases, contractCases...) }
