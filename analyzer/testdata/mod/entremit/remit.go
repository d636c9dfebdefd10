// Package entremit writes an ent entity whose table its schema's
// entsql.Annotation renames, from a package that imports the ent client
// but not the entity's own package (ent/remittance), as a service layer
// does: the table is the ent schema's, wire_remittances, not ent's
// default name.
package entremit

import (
	"context"
	"errors"
	"net/http"

	"example.com/libs/entremit/ent"
)

// ErrNoKey is returned for a request without a key.
var ErrNoKey = errors.New("client request id required")

// Svc writes remittances.
type Svc struct{ C *ent.Client }

// Send writes whatever id it is given.
func (s *Svc) Send(ctx context.Context, amount int64, requestID string) error { // want Send:`writes key param 2 → wire_remittances.client_request_id`
	return s.C.Remittance.Create().SetAmount(amount).SetClientRequestID(requestID).Exec(ctx)
}

// SendChecked rejects an empty id first.
func (s *Svc) SendChecked(ctx context.Context, amount int64, requestID string) error {
	if requestID == "" {
		return ErrNoKey
	}
	return s.C.Remittance.Create().SetAmount(amount).SetClientRequestID(requestID).Exec(ctx)
}

func Serve(s *Svc, r *http.Request) {
	_ = s.Send(r.Context(), 1, r.Header.Get("X-Client-Request-Id")) // want `IDEM202: idempotency key wire_remittances.client_request_id can be empty here: empty when the X-Client-Request-Id header is absent .*passed to Svc.Send`
	_ = s.SendChecked(r.Context(), 1, r.Header.Get("X-Client-Request-Id"))
}

func ServeDirect(ctx context.Context, c *ent.Client, r *http.Request) error {
	return c.Remittance.Create().SetAmount(1).SetClientRequestID(r.Header.Get("X-Client-Request-Id")).Exec(ctx) // want `IDEM202: idempotency key wire_remittances.client_request_id can be empty here: empty when the X-Client-Request-Id header is absent`
}
