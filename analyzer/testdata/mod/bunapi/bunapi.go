// Package bunapi inserts rows with bun, which writes every field of the
// model and turns nil pointers and nullzero zero values into DEFAULT.
package bunapi

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

type Webhook struct {
	bun.BaseModel `bun:"table:webhooks,alias:w"`

	ID             int64   `bun:"id,pk,autoincrement"`
	ConnectorID    string  `bun:"connector_id,notnull"`
	Payload        string  // bun's default name: payload
	IdempotencyKey *string `bun:"idempotency_key"`
	Attempts       int     `bun:"-"`
}

// Payment's key is a nullzero string: "" is written as DEFAULT.
type Payment struct {
	ID             int64
	AccountID      string
	IdempotencyKey string `bun:",nullzero"`
}

// Transfer's key is a plain string: "" is written as "".
type Transfer struct {
	ID             int64
	AccountID      string
	IdempotencyKey string
}

// Event's table fills the key when bun writes DEFAULT.
type Event struct {
	ID             int64
	Source         string
	IdempotencyKey string `bun:",nullzero,default:gen_random_uuid()"`
}

// Order's tag says default:, but its table has none.
type Order struct {
	ID             int64
	CustomerID     string
	IdempotencyKey *string `bun:",default:gen_random_uuid()"`
}

// LedgerEntry has no BaseModel: bun names its table ledger_entries.
type LedgerEntry struct {
	ID        int64
	AccountID string
	Key       *string `bun:"idempotency_key,type:text"`
}

// Hooked fills its key in a hook.
type Hooked struct { // want Hooked:`bun hooks fill fields 3`
	bun.BaseModel `bun:"webhooks"`

	ConnectorID    string
	Payload        string
	IdempotencyKey *string
}

func (h *Hooked) BeforeAppendModel(ctx context.Context, q bun.Query) error {
	k := uuid.NewString()
	h.IdempotencyKey = &k
	return nil
}

func fromHeader(ctx context.Context, db *bun.DB, r *http.Request, c, p string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: key}).Exec(ctx) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
	return err
}

func guarded(ctx context.Context, db *bun.DB, r *http.Request, c, p string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err := db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: key}).Exec(ctx)
	return err
}

func fromUUID(ctx context.Context, tx bun.Tx, c, p string) error {
	k := uuid.NewString()
	_, err := tx.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: &k}).Returning("id").Exec(ctx)
	return err
}

func leftOut(ctx context.Context, db bun.IDB, c, p string) {
	db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p}).Exec(ctx) // want `IDEM201: .*the IdempotencyKey field is left out of the Webhook literal, so bun leaves idempotency_key to its database default, and it has none: NULL`
	db.NewInsert().Model(&Hooked{ConnectorID: c, Payload: p}).Exec(ctx)  // BeforeAppendModel fills the key
}

func onConflict(ctx context.Context, db *bun.DB, r *http.Request, c, p string) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	// NULL keys never conflict, so DO NOTHING does not dedupe them.
	db.NewInsert().
		Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: key}). // want `IDEM201: .*nil when the Idempotency-Key header is absent`
		On("CONFLICT (connector_id, idempotency_key) DO NOTHING").
		Returning("id").
		Scan(ctx)
}

func nullzero(ctx context.Context, db *bun.DB, r *http.Request, a string) {
	db.NewInsert().Model(&Payment{AccountID: a}).Exec(ctx)                                                  // want `IDEM201: .*the IdempotencyKey field is left out of the Payment literal, so bun leaves idempotency_key to its database default, and it has none: NULL`
	db.NewInsert().Model(&Payment{AccountID: a, IdempotencyKey: r.Header.Get("Idempotency-Key")}).Exec(ctx) // want `IDEM201: .*Header.Get.*, so bun leaves idempotency_key to its database default`
	db.NewInsert().Model(&Payment{AccountID: a, IdempotencyKey: uuid.NewString()}).Exec(ctx)
	// Without nullzero, "" is written as "": the NOT NULL key collides.
	db.NewInsert().Model(&Transfer{AccountID: a, IdempotencyKey: r.Header.Get("Idempotency-Key")}).Exec(ctx) // want `IDEM202: idempotency key transfers.idempotency_key can be empty here: .*Header.Get`
	db.NewInsert().Model(&Transfer{AccountID: a}).Exec(ctx)                                                  // want `IDEM202: .*the IdempotencyKey field is left out of the Transfer literal, so bun writes the empty string`
}

func defaults(ctx context.Context, db *bun.DB, r *http.Request, src, cust string) {
	db.NewInsert().Model(&Event{Source: src}).Exec(ctx)                                                  // DEFAULT: the table fills the key
	db.NewInsert().Model(&Event{Source: src, IdempotencyKey: r.Header.Get("Idempotency-Key")}).Exec(ctx) // "" is DEFAULT too
	db.NewInsert().Model(&Order{CustomerID: cust}).Exec(ctx)                                             // want `IDEM201: idempotency key orders.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Order literal, so bun leaves idempotency_key to its database default, and it has none`
}

func columns(ctx context.Context, db *bun.DB, c, p string) {
	k := uuid.NewString()
	db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: &k}).ExcludeColumn("idempotency_key").Exec(ctx) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: bun's insert of Webhook leaves out idempotency_key, which has no database default`
	db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: &k}).ExcludeColumn("id").Exec(ctx)
	db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: &k}).Column("connector_id", "payload").Exec(ctx) // want `IDEM201: .*leaves out idempotency_key`
	db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p}).Column("connector_id", "payload", "idempotency_key").Exec(ctx)  // want `IDEM201: .*left out of the Webhook literal`
	db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p}).Value("idempotency_key", "gen_random_uuid()").Exec(ctx)         // an SQL value
}

func slices(ctx context.Context, db *bun.DB, c, p string) {
	k := uuid.NewString()
	rows := []Webhook{
		{ConnectorID: c, Payload: p, IdempotencyKey: &k},
		{ConnectorID: c, Payload: p}, // want `IDEM201: .*left out of the Webhook literal \(element 2\) of rows`
	}
	db.NewInsert().Model(&rows).Exec(ctx)
	db.NewInsert().Model(&[]*Webhook{
		{ConnectorID: c, Payload: p, IdempotencyKey: &k},
		{ConnectorID: c, Payload: p}, // want `IDEM201: .*left out of the Webhook literal \(element 2\)`
	}).Exec(ctx)
	all := []Webhook{{ConnectorID: c, Payload: p, IdempotencyKey: &k}}
	db.NewInsert().Model(&all).Exec(ctx)
}

func defaultNames(ctx context.Context, db *bun.DB, a string) {
	db.NewInsert().Model(&LedgerEntry{AccountID: a}).Exec(ctx) // want `IDEM201: idempotency key ledger_entries.idempotency_key can be NULL here: the Key field is left out of the LedgerEntry literal`
	k := uuid.New().String()
	db.NewInsert().Model(&LedgerEntry{AccountID: a, Key: &k}).Exec(ctx)
}

// InsertWebhook writes its parameter into the key: its callers decide.
func InsertWebhook(ctx context.Context, db bun.IDB, c, p string, key *string) error { // want InsertWebhook:`writes key param 4 → webhooks.idempotency_key`
	_, err := db.NewInsert().Model(&Webhook{ConnectorID: c, Payload: p, IdempotencyKey: key}).Exec(ctx) // want `IDEM201: .*InsertWebhook's parameter key is a \*string, so every caller may pass nil`
	return err
}

func insertWebhookCaller(ctx context.Context, db bun.IDB, c, p string) error {
	return InsertWebhook(ctx, db, c, p, nil) // want `IDEM201: .*passed to bunapi.InsertWebhook`
}

// Value(column, "?", arg) binds arg as the column's value, whatever the
// model's field holds: the header's key, "" when absent.
func insertTransferBound(ctx context.Context, db bun.IDB, r *http.Request, a string) error {
	_, err := db.NewInsert().Model(&Transfer{AccountID: a}).Value("idempotency_key", "?", r.Header.Get("Idempotency-Key")).Exec(ctx) // want `IDEM202: idempotency key transfers.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// A bound value that is never empty, over rows of a parameter: not
// reported.
func insertTransfersBound(ctx context.Context, db bun.IDB, rows []Transfer, batch string) error {
	_, err := db.NewInsert().Model(&rows).Value("idempotency_key", "?", "batch-"+batch).Exec(ctx)
	return err
}

// nullzeroVar holds the row in a variable first: the header's "" is
// written as DEFAULT all the same; a fresh key is not.
func nullzeroVar(ctx context.Context, db *bun.DB, r *http.Request, a string) {
	p := Payment{AccountID: a, IdempotencyKey: r.Header.Get("Idempotency-Key")}
	db.NewInsert().Model(&p).Exec(ctx) // want `IDEM201: .*Header.Get.*, so bun leaves idempotency_key to its database default, and it has none: NULL; p.IdempotencyKey is written into the row`
	q := Payment{AccountID: a, IdempotencyKey: uuid.NewString()}
	db.NewInsert().Model(&q).Exec(ctx)
}

// PostWebhookAddr hands bun a literal holding the address of a local: bun
// writes what the local holds when the query runs (Model and the other
// building methods write nothing), so a pointer to an absent header's ""
// is written as "".
func PostWebhookAddr(ctx context.Context, db *bun.DB, r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	_, err := db.NewInsert().Model(&Webhook{ConnectorID: "stripe", Payload: "{}", IdempotencyKey: &k}).Exec(ctx) // want `IDEM202: idempotency key webhooks.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// PostWebhookAddrChecked rejects an absent header first: silent.
func PostWebhookAddrChecked(ctx context.Context, db *bun.DB, r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("Idempotency-Key header required")
	}
	_, err := db.NewInsert().Model(&Webhook{ConnectorID: "stripe", Payload: "{}", IdempotencyKey: &k}).Column("connector_id", "payload", "idempotency_key").Exec(ctx)
	return err
}
