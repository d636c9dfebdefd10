// Package entapi creates rows with ent's generated builders.
package entapi

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"example.com/libs/entapi/ent"
	"example.com/libs/entapi/ent/message"
)

//go:embed schema.sql
var schema string

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

func leftOut(ctx context.Context, client *ent.Client, s, b string) {
	client.Message.Create().SetSessionID(s).SetBody(b).Save(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the MessageCreate builder leaves out idempotency_key, which has no database default`
	client.Message.Create().SetSessionID(s).SetBody(b).SetIdempotencyKey(rand.Text()).SaveX(ctx)
}

func nillable(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := client.Message.Create().
		SetSessionID(s).
		SetBody(b).
		SetNillableIdempotencyKey(key). // want `IDEM201: .*can be NULL here: nil when`
		Save(ctx)
	return err
}

func nillableGuarded(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	key := headerKey(r)
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	return client.Message.Create().SetSessionID(s).SetBody(b).SetNillableIdempotencyKey(key).Exec(ctx)
}

func payments(ctx context.Context, client *ent.Client, r *http.Request, a string) {
	client.Payment.Create().SetAccountID(a).SetIdempotencyKey(r.Header.Get("Idempotency-Key")).Exec(ctx) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Header.Get`
	client.Payment.Create().SetAccountID(a).Exec(ctx)                                                    // a required field: ent's validation fails, no row
}

func optionalOnPurpose(ctx context.Context, client *ent.Client, r *http.Request, q, src, author string) {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	client.Job.Create().SetQueue(q).Exec(ctx)                                     // partial index: keyless jobs on purpose
	client.Event.Create().SetSource(src).Exec(ctx)                                // the database fills the key
	client.Event.Create().SetSource(src).SetNillableIdempotencyKey(key).Exec(ctx) // nil: left out, the database fills it
	client.Note.Create().SetAuthor(author).Exec(ctx)                              // ent's default fills the key
}

func builderInVariable(ctx context.Context, client *ent.Client, s, b string) {
	mc := client.Message.Create().SetSessionID(s).SetBody(b) // want `IDEM201: .*the MessageCreate builder leaves out idempotency_key`
	mc.Exec(ctx)
}

// KeyParam writes its parameter into the key: its callers decide.
func KeyParam(ctx context.Context, client *ent.Client, s, b string, key *string) error { // want KeyParam:`writes key param 4 → messages.idempotency_key`
	return client.Message.Create().SetSessionID(s).SetBody(b).SetNillableIdempotencyKey(key).Exec(ctx) // want `IDEM201: .*KeyParam's parameter key is a \*string, so every caller may pass nil`
}

func keyParamCaller(ctx context.Context, client *ent.Client, s, b string) error {
	return KeyParam(ctx, client, s, b, nil) // want `IDEM201: .*passed to entapi.KeyParam`
}

type bulkIn struct {
	Session, Body string
}

// CreateBulk over builders built in a loop: each chain is a row.
func bulkLeftOut(ctx context.Context, client *ent.Client, ins []bulkIn) error {
	builders := make([]*ent.MessageCreate, 0, len(ins))
	for _, in := range ins {
		builders = append(builders, client.Message.Create().SetSessionID(in.Session).SetBody(in.Body))
	}
	return client.Message.CreateBulk(builders...).Exec(ctx) // want `IDEM201: .*the MessageCreateBulk builder leaves out idempotency_key, which has no database default`
}

func bulkHeader(ctx context.Context, client *ent.Client, r *http.Request, ins []bulkIn) error {
	key := headerKey(r)
	builders := make([]*ent.MessageCreate, len(ins))
	for i, in := range ins {
		builders[i] = client.Message.Create().SetSessionID(in.Session).SetBody(in.Body).SetNillableIdempotencyKey(key) // want `IDEM201: .*can be NULL here: entapi.headerKey can return a nil literal`
	}
	_, err := client.Message.CreateBulk(builders...).Save(ctx)
	return err
}

func bulkHeaderChecked(ctx context.Context, client *ent.Client, r *http.Request, ins []bulkIn) error {
	key := headerKey(r)
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	builders := make([]*ent.MessageCreate, 0, len(ins))
	for _, in := range ins {
		builders = append(builders, client.Message.Create().SetSessionID(in.Session).SetBody(in.Body).SetNillableIdempotencyKey(key))
	}
	return client.Message.CreateBulk(builders...).Exec(ctx)
}

func bulkPayments(ctx context.Context, client *ent.Client, r *http.Request, accounts []string) {
	var builders, minted []*ent.PaymentCreate
	for _, a := range accounts {
		builders = append(builders, client.Payment.Create().SetAccountID(a).SetIdempotencyKey(r.Header.Get("Idempotency-Key"))) // want `IDEM202: .*Header.Get`
		minted = append(minted, client.Payment.Create().SetAccountID(a).SetIdempotencyKey(rand.Text()))
	}
	client.Payment.CreateBulk(builders...).ExecX(ctx)
	client.Payment.CreateBulk(minted...).ExecX(ctx)
}

// Builders passed as arguments: one that leaves the key out beside one
// that sets it is written with a NULL key (ent lists every column some
// builder sets).
func bulkArgs(ctx context.Context, client *ent.Client, s string) {
	client.Message.CreateBulk(
		client.Message.Create().SetSessionID(s).SetBody("a").SetIdempotencyKey(rand.Text()),
		client.Message.Create().SetSessionID(s).SetBody("b"), // want `IDEM201: .*this builder of the CreateBulk does not call SetIdempotencyKey, which another one does`
	).ExecX(ctx)
	client.Message.CreateBulk(
		client.Message.Create().SetSessionID(s).SetBody("a").SetIdempotencyKey(rand.Text()),
		client.Message.Create().SetSessionID(s).SetBody("b").SetIdempotencyKey(rand.Text()),
	).ExecX(ctx)
}

// An upsert over CreateBulk: each builder is a row, as without
// OnConflictColumns.
func bulkUpsert(ctx context.Context, client *ent.Client, r *http.Request, ins []bulkIn) error {
	key := headerKey(r)
	builders := make([]*ent.MessageCreate, 0, len(ins))
	for _, in := range ins {
		builders = append(builders, client.Message.Create().SetSessionID(in.Session).SetBody(in.Body).SetNillableIdempotencyKey(key)) // want `IDEM201: .*can be NULL here: entapi.headerKey can return a nil literal`
	}
	return client.Message.CreateBulk(builders...).
		OnConflictColumns(message.FieldSessionID, message.FieldIdempotencyKey).
		UpdateNewValues().
		Exec(ctx)
}

func bulkUpsertLeftOut(ctx context.Context, client *ent.Client, ins []bulkIn) error {
	builders := make([]*ent.MessageCreate, 0, len(ins))
	for _, in := range ins {
		builders = append(builders, client.Message.Create().SetSessionID(in.Session).SetBody(in.Body))
	}
	return client.Message.CreateBulk(builders...).OnConflictColumns(message.FieldSessionID, message.FieldIdempotencyKey).DoNothing().Exec(ctx) // want `IDEM201: .*the MessageCreateBulk builder leaves out idempotency_key, which has no database default`
}

func bulkUpsertMinted(ctx context.Context, client *ent.Client, ins []bulkIn) {
	builders := make([]*ent.MessageCreate, 0, len(ins))
	for _, in := range ins {
		builders = append(builders, client.Message.Create().SetSessionID(in.Session).SetBody(in.Body).SetIdempotencyKey(rand.Text()))
	}
	client.Message.CreateBulk(builders...).OnConflictColumns(message.FieldSessionID, message.FieldIdempotencyKey).UpdateNewValues().ExecX(ctx)
}

// MapCreateBulk: the callback is each row's builder.
func mapBulkLeftOut(ctx context.Context, client *ent.Client, ins []bulkIn) error {
	return client.Message.MapCreateBulk(ins, func(c *ent.MessageCreate, i int) { // want `IDEM201: .*the MessageCreateBulk builder leaves out idempotency_key, which has no database default`
		c.SetSessionID(ins[i].Session)
		c.SetBody(ins[i].Body)
	}).Exec(ctx)
}

func mapBulkHeader(ctx context.Context, client *ent.Client, r *http.Request, ins []bulkIn) error {
	key := headerKey(r)
	return client.Message.MapCreateBulk(ins, func(c *ent.MessageCreate, i int) {
		c.SetSessionID(ins[i].Session).SetBody(ins[i].Body).SetNillableIdempotencyKey(key) // want `IDEM201: .*can be NULL here: entapi.headerKey can return a nil literal`
	}).Exec(ctx)
}

func mapBulkMinted(ctx context.Context, client *ent.Client, ins []bulkIn) error {
	return client.Message.MapCreateBulk(ins, func(c *ent.MessageCreate, i int) {
		c.SetSessionID(ins[i].Session).SetBody(ins[i].Body).SetIdempotencyKey(rand.Text())
	}).OnConflictColumns(message.FieldSessionID, message.FieldIdempotencyKey).DoNothing().Exec(ctx)
}

// A key set on some rows only: ent writes NULL for the others.
func mapBulkSometimes(ctx context.Context, client *ent.Client, ins []bulkIn) error {
	return client.Message.MapCreateBulk(ins, func(c *ent.MessageCreate, i int) { // want `IDEM201: .*SetIdempotencyKey is not called on every path`
		c.SetSessionID(ins[i].Session).SetBody(ins[i].Body)
		if ins[i].Body != "" {
			c.SetIdempotencyKey(rand.Text())
		}
	}).Exec(ctx)
}
