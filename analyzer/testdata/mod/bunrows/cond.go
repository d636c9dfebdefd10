package bunrows

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
)

// A row variable whose key is stored only under a check of a parameter,
// then passed to Model(&rec): bun's Model call holds &rec before Exec, so
// the field is judged where the row is handed to Model.

// NotifyIfSet sets the key only when the string is not empty: its
// callers' "" is theirs to decide (a fact, no finding here).
func (s *Store) NotifyIfSet(ctx context.Context, session, requestID string) error { // want NotifyIfSet:`writes key param 2 → messages.idempotency_key`
	rec := message{SessionID: session, Body: "b"}
	if requestID != "" {
		rec.IdempotencyKey = &requestID
	}
	_, err := s.db.NewInsert().Model(&rec).Exec(ctx)
	return err
}

type NotifyIn struct {
	Session   string
	RequestID string
}

// NotifyFieldIfSet: the same with a field of a struct parameter.
func (s *Store) NotifyFieldIfSet(ctx context.Context, in NotifyIn) error { // want NotifyFieldIfSet:`writes key param 1.RequestID → messages.idempotency_key`
	rec := message{SessionID: in.Session, Body: "b"}
	if in.RequestID != "" {
		rec.IdempotencyKey = &in.RequestID
	}
	_, err := s.db.NewInsert().Model(&rec).Exec(ctx)
	return err
}

// NotifyRequired rejects the empty string: no fact, no finding.
func (s *Store) NotifyRequired(ctx context.Context, session, requestID string) error {
	if requestID == "" {
		return errors.New("missing request id")
	}
	rec := message{SessionID: session, Body: "b"}
	rec.IdempotencyKey = &requestID
	_, err := s.db.NewInsert().Model(&rec).Exec(ctx)
	return err
}

// NotifyPtrIfSet converts a nil *string rather than rejecting it: the
// signature lets every caller pass nil (the contract), and its callers
// that do are reported too.
func (s *Store) NotifyPtrIfSet(ctx context.Context, session string, requestID *string) error { // want NotifyPtrIfSet:`writes key param 2 → messages.idempotency_key`
	rec := message{SessionID: session, Body: "b"}
	if requestID != nil {
		rec.IdempotencyKey = requestID
	}
	_, err := s.db.NewInsert().Model(&rec).Exec(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: IdempotencyKey is not set in the message literal when requestID is nil`
	return err
}

// NotifyPtrChecked rejects nil: clean.
func (s *Store) NotifyPtrChecked(ctx context.Context, session string, requestID *string) error {
	rec := message{SessionID: session, Body: "b"}
	if requestID == nil {
		return errors.New("missing request id")
	}
	rec.IdempotencyKey = requestID
	_, err := s.db.NewInsert().Model(&rec).Exec(ctx)
	return err
}

func notifyCallers(s *Store, r *http.Request) {
	ctx := r.Context()
	_ = s.NotifyIfSet(ctx, "s", r.Header.Get("X-Request-Id"))                                    // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: empty when the X-Request-Id header is absent .*passed to Store.NotifyIfSet, which writes it into messages.idempotency_key as NULL when it is empty`
	_ = s.NotifyIfSet(ctx, "s", uuid.NewString())                                                // a key on every call: fine
	_ = s.NotifyFieldIfSet(ctx, NotifyIn{Session: "s", RequestID: r.Header.Get("X-Request-Id")}) // want `IDEM201: .*empty when the X-Request-Id header is absent .*passed to Store.NotifyFieldIfSet`
	_ = s.NotifyFieldIfSet(ctx, NotifyIn{Session: "s", RequestID: "fixed"})
	_ = s.NotifyRequired(ctx, "s", r.Header.Get("X-Request-Id"))
	_ = s.NotifyPtrIfSet(ctx, "s", nil) // want `IDEM201: .*passed to Store.NotifyPtrIfSet`
	id := uuid.NewString()
	_ = s.NotifyPtrIfSet(ctx, "s", &id)
}
