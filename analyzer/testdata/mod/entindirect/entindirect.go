// Package entindirect runs ent's create builders on a client it gets from
// another package (store.Store.Client), importing neither entgo.io/ent nor
// the generated package: the builders' package is known here only from
// store's export data, which lists none of its imports. The writes are
// ent's all the same.
package entindirect

import (
	"context"
	_ "embed"
	"net/http"

	"example.com/libs/entindirect/store"
)

//go:embed schema.sql
var schema string

type Message struct {
	Session    string
	Body       string
	Attributes map[string]string
}

// fromAttribute writes a map lookup into the key: empty when the
// attribute is missing.
func fromAttribute(ctx context.Context, s *store.Store, m *Message) error {
	return s.Client().Payment.Create().
		SetAccountID(m.Session).
		SetIdempotencyKey(m.Attributes["idempotency-key"]). // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when m.Attributes has no entry for "idempotency-key"`
		Exec(ctx)
}

// inCallback is the same write in a callback run for each message.
func inCallback(ctx context.Context, s *store.Store, subscribe func(func(*Message) error) error) error {
	client := s.Client()
	return subscribe(func(m *Message) error {
		return client.Message.Create().SetSessionID(m.Session).SetBody(m.Body).Exec(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the MessageCreate builder leaves out idempotency_key`
	})
}

// checked rejects a missing header first: fine.
func checked(ctx context.Context, s *store.Store, r *http.Request, session string) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return http.ErrNoCookie
	}
	return s.Client().Payment.Create().SetAccountID(session).SetIdempotencyKey(key).Exec(ctx)
}

// literalEmpty writes an empty string literal, a constant SSA keeps with
// no position among the chain's setters: read at its setter.
func literalEmpty(ctx context.Context, s *store.Store, account string) error {
	return s.Client().Payment.Create().SetAccountID(account).SetIdempotencyKey("").Exec(ctx) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: an empty string literal`
}

// literalKey writes a constant key: fine.
func literalKey(ctx context.Context, s *store.Store, account string) error {
	return s.Client().Payment.Create().SetAccountID(account).SetIdempotencyKey("welcome-credit").Exec(ctx)
}
