// Package svc keeps an ent create builder in a variable and sets the key
// only when its caller passed one: the key is NULL exactly where the
// caller's string is empty (or its pointer nil), so the callers decide.
package svc

import (
	"context"
	_ "embed"
	"errors"

	"example.com/libs/entapi/ent"
)

//go:embed schema.sql
var schema string

type Service struct{ client *ent.Client }

// Post sets the key only when it is not empty: not reported here, its
// callers are judged on the string they pass.
func (s *Service) Post(ctx context.Context, session, body, key string) error { // want Post:"writes key param 3 → messages.idempotency_key"
	mc := s.client.Message.Create().SetSessionID(session).SetBody(body)
	if key != "" {
		mc.SetIdempotencyKey(key)
	}
	_, err := mc.Save(ctx)
	return err
}

// PostPtr sets the key only when the pointer is not nil: reported here, as
// a *string key inserted unchecked is, and its callers are judged too.
func (s *Service) PostPtr(ctx context.Context, session, body string, key *string) error { // want PostPtr:"writes key param 3 → messages.idempotency_key"
	mc := s.client.Message.Create().SetSessionID(session).SetBody(body)
	if key != nil {
		mc.SetIdempotencyKey(*key)
	}
	_, err := mc.Save(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: SetIdempotencyKey is called only when key is not nil, before Save, so ent leaves idempotency_key to its database default, and it has none: NULL`
	return err
}

// PostChecked rejects an empty key first: no finding, no fact.
func (s *Service) PostChecked(ctx context.Context, session, body, key string) error {
	if key == "" {
		return errors.New("idempotency key required")
	}
	mc := s.client.Message.Create().SetSessionID(session).SetBody(body)
	if key != "" {
		mc.SetIdempotencyKey(key)
	}
	_, err := mc.Save(ctx)
	return err
}
