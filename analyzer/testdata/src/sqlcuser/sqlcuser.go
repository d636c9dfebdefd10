// Package sqlcuser calls sqlc-shaped queries from another package: the
// facts about CreateMessage and CreatePayment carry the key columns here.
package sqlcuser

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/http"

	"sqlcgen"
	"sqlcwrap"
)

func keyLeftOut(ctx context.Context, q *sqlcgen.Queries, s, b string) error {
	return q.CreateMessage(ctx, sqlcgen.CreateMessageParams{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is an invalid \(NULL\) sql.NullString; passed to Queries.CreateMessage`
}

func keyFromHeader(ctx context.Context, q *sqlcgen.Queries, r *http.Request, s, b string) error {
	h := r.Header.Get("Idempotency-Key")
	key := sql.NullString{String: h, Valid: h != ""}
	return q.CreateMessage(ctx, sqlcgen.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: key}) // want `IDEM201: .*passed to Queries.CreateMessage`
}

func keyAlwaysSet(ctx context.Context, q *sqlcgen.Queries, s, b string) error {
	key := sql.NullString{String: rand.Text(), Valid: true}
	return q.CreateMessage(ctx, sqlcgen.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: key})
}

func emptyPaymentKey(ctx context.Context, q *sqlcgen.Queries, r *http.Request, account string) error {
	return q.CreatePayment(ctx, account, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*passed to Queries.CreatePayment`
}

// forward passes its own parameter on: its callers decide, through a fact.
func forward(ctx context.Context, q *sqlcgen.Queries, account, key string) error { // want forward:`writes key param 3 → payments.idempotency_key`
	return q.CreatePayment(ctx, account, key)
}

func forwardCaller(ctx context.Context, q *sqlcgen.Queries, account string) error {
	return forward(ctx, q, account, "") // want `IDEM202: .*passed to sqlcuser.forward`
}

// earlyCaller comes before the wrapper it calls: found in a second round.
func earlyCaller(ctx context.Context, q *sqlcgen.Queries, account string) error {
	return lateForward(ctx, q, account, "") // want `IDEM202: .*passed to sqlcuser.lateForward`
}

func lateForward(ctx context.Context, q *sqlcgen.Queries, account, key string) error { // want lateForward:`writes key param 3 → payments.idempotency_key`
	return q.CreatePayment(ctx, account, key)
}

// importMessage calls a generated query that leaves the key out: reported
// here, the generated code's caller.
func importMessage(ctx context.Context, q *sqlcgen.Queries, s, b string) error {
	return q.CreateImportedMessage(ctx, sqlcgen.CreateImportedMessageParams{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: importMessage calls Queries.CreateImportedMessage, generated code whose insert \(query.sql.go:\d+\) writes it so on every call: the INSERT leaves out idempotency_key, which has no database default, so every row it writes has a NULL key.*; no fix is offered: the generated code writes the key so whatever this call passes, so the fix belongs in the generator's input`
}

// importThroughQuerier calls it through sqlc's interface: the same.
func importThroughQuerier(ctx context.Context, q sqlcgen.Querier, s, b string) error {
	return q.CreateImportedMessage(ctx, sqlcgen.CreateImportedMessageParams{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: importThroughQuerier calls Querier.CreateImportedMessage \(Queries.CreateImportedMessage\), generated code`
}

// recordEvent calls a generated query whose left-out key the database
// fills in: nothing to report.
func recordEvent(ctx context.Context, q sqlcgen.Querier, source string) error {
	return q.CreateEvent(ctx, source)
}

// importThroughWrapper calls the query through a generated decorator,
// generated code calling generated code: reported here, the first caller
// in the user's code.
func importThroughWrapper(ctx context.Context, q sqlcwrap.QuerierWithTracing, s, b string) error {
	return q.CreateImportedMessage(ctx, sqlcgen.CreateImportedMessageParams{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: importThroughWrapper calls QuerierWithTracing.CreateImportedMessage, generated code whose insert \(query.sql.go:\d+\) writes it so on every call: through Querier.CreateImportedMessage \(Queries.CreateImportedMessage\), the INSERT leaves out idempotency_key`
}

// recordEventThroughWrapper: the database fills the key in; nothing to
// report.
func recordEventThroughWrapper(ctx context.Context, q sqlcwrap.QuerierWithTracing, source string) error {
	return q.CreateEvent(ctx, source)
}

// A request whose optional key a getter reads ("" when unset).
type CreateReq struct {
	Session, Body string
	Key           *string
}

func (r *CreateReq) GetKey() string { // want GetKey:`result 0 empty when argument 0.Key\* is empty; empty when argument 0.Key is nil`
	if r != nil && r.Key != nil {
		return *r.Key
	}
	return ""
}

// CreateFromReq writes the getter's value as a valid NullString: an unset
// key is written as ”, never NULL (IDEM202, not IDEM201).
func CreateFromReq(ctx context.Context, q *sqlcgen.Queries, req *CreateReq) error { // want CreateFromReq:`writes key param 2.Key → messages.idempotency_key`
	return q.CreateMessage(ctx, sqlcgen.CreateMessageParams{SessionID: req.Session, Body: req.Body, IdempotencyKey: sql.NullString{String: req.GetKey(), Valid: true}}) // want `IDEM202: idempotency key messages.idempotency_key can be empty here: CreateFromReq's parameter field req.Key is a \*string, so every caller may pass nil`
}
