// Package bunconvert is the repository shape of formance payments: the
// storage layer converts a domain value into its bun row type in a
// function of its own, then inserts the row. The key is optional in the
// domain type, so the conversion is where it shows.
package bunconvert

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

// Webhook is the domain value: the key is optional.
type Webhook struct {
	ID             string
	ConnectorID    string
	IdempotencyKey *string
}

type webhook struct {
	bun.BaseModel `bun:"table:webhooks"`

	ID             string  `bun:"id,pk"`
	ConnectorID    string  `bun:"connector_id,notnull"`
	IdempotencyKey *string `bun:"idempotency_key,type:text"`
}

func fromWebhookModels(from Webhook) webhook {
	return webhook{
		ID:             from.ID,
		ConnectorID:    from.ConnectorID,
		IdempotencyKey: from.IdempotencyKey,
	}
}

// withoutKey forgets the key: the row it returns never has one.
func withoutKey(from Webhook) webhook {
	return webhook{ID: from.ID, ConnectorID: from.ConnectorID}
}

type store struct{ db *bun.DB }

// WebhooksInsert stores whatever key its caller sends: the type is the
// contract, and the caller's nil reaches the row through the converter.
func (s *store) WebhooksInsert(ctx context.Context, webhook Webhook) error { // want WebhooksInsert:`writes key param 1.IdempotencyKey → webhooks.idempotency_key`
	toInsert := fromWebhookModels(webhook) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: WebhooksInsert's parameter field webhook.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it; fromWebhookModels copies webhook.IdempotencyKey into the row`
	_, err := s.db.NewInsert().Model(&toInsert).On("CONFLICT (id) DO NOTHING").Exec(ctx)
	return err
}

var errNoKey = errors.New("idempotency key required")

// Checked refuses a keyless webhook before converting it: no finding.
func (s *store) Checked(ctx context.Context, w Webhook) error {
	if w.IdempotencyKey == nil {
		return errNoKey
	}
	row := fromWebhookModels(w)
	_, err := s.db.NewInsert().Model(&row).Exec(ctx)
	return err
}

// Keyed sets the row's key after the conversion: no finding.
func (s *store) Keyed(ctx context.Context, w Webhook, key string) error {
	row := fromWebhookModels(w)
	row.IdempotencyKey = &key
	_, err := s.db.NewInsert().Model(&row).Exec(ctx)
	return err
}

// Forgetful's converter leaves the key out of the row.
func (s *store) Forgetful(ctx context.Context, w Webhook) error {
	row := withoutKey(w)
	_, err := s.db.NewInsert().Model(&row).Exec(ctx) // want `IDEM201: .*the IdempotencyKey field is left out of the webhook literal withoutKey returns for row`
	return err
}

// FromHeader builds the domain value from a header that may be absent.
func (s *store) FromHeader(ctx context.Context, r *http.Request, id string) error {
	w := Webhook{ID: id, ConnectorID: "c"}
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		w.IdempotencyKey = &k
	}
	row := fromWebhookModels(w) // want `IDEM201: .*fromWebhookModels copies w.IdempotencyKey into the row`
	_, err := s.db.NewInsert().Model(&row).Exec(ctx)
	return err
}

// Caller leaves the key out of the domain value it passes on.
func Caller(ctx context.Context, s *store) error {
	return s.WebhooksInsert(ctx, Webhook{ID: "1", ConnectorID: "c"}) // want `IDEM201: .*the IdempotencyKey field is left out.*passed to store.WebhooksInsert`
}

// Stepwise keeps the query in a variable and adds a conflict clause in a
// branch: the query is read through the variable.
func (s *store) Stepwise(ctx context.Context, w Webhook, upsert bool) error { // want Stepwise:`writes key param 1.IdempotencyKey → webhooks.idempotency_key`
	row := fromWebhookModels(w) // want `IDEM201: .*Stepwise's parameter field w.IdempotencyKey is a \*string`
	q := s.db.NewInsert().Model(&row)
	if upsert {
		q = q.On("CONFLICT (id) DO NOTHING")
	}
	_, err := q.Exec(ctx)
	return err
}

// StepwiseLeftOut's literal has no key, through the variable too.
func (s *store) StepwiseLeftOut(ctx context.Context) error {
	row := webhook{ID: "1", ConnectorID: "c"}
	q := s.db.NewInsert().Model(&row) // want `IDEM201: .*the IdempotencyKey field is left out of the webhook literal of row`
	q = q.Returning("id")
	_, err := q.Exec(ctx)
	return err
}

// Helped hands the query to a helper, which may change its columns: not
// read, so not reported.
func (s *store) Helped(ctx context.Context) error {
	row := webhook{ID: "1", ConnectorID: "c"}
	q := s.db.NewInsert().Model(&row)
	q = withReturning(q)
	_, err := q.Exec(ctx)
	return err
}

func withReturning(q *bun.InsertQuery) *bun.InsertQuery { return q.Returning("id") }

// ColumnsInBranch may or may not write the key: not read.
func (s *store) ColumnsInBranch(ctx context.Context, short bool) error {
	row := webhook{ID: "1", ConnectorID: "c"}
	q := s.db.NewInsert().Model(&row)
	if short {
		q = q.Column("id", "connector_id")
	}
	_, err := q.Exec(ctx)
	return err
}
