// Package sqlcpgx calls the queries sqlc generates for pgx/v5 (package
// db, sqlc's output shape for the sql_package pgx/v5: a DBTX interface
// over pgx, pgtype.Text for a nullable key, :exec, :one, :copyfrom and
// :batchexec): the facts about CreateMessage, CreatePayment and the
// batch CreateMessages (each element's key) carry the key columns here, where the key is decided. The :copyfrom query leaves
// the key out of its column list: not reported in the generated code
// itself but at its caller here, without a fix (the fix belongs in the
// query).
package sqlcpgx

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgtype"

	"example.com/libs/sqlcpgx/db"
)

func keyLeftOut(ctx context.Context, q *db.Queries, s pgtype.UUID, b string) error {
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is an invalid \(NULL\) pgtype.Text; passed to Queries.CreateMessage`
}

func keyFromHeader(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID, b string) error {
	h := r.Header.Get("Idempotency-Key")
	key := pgtype.Text{String: h, Valid: h != ""}
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: key}) // want `IDEM201: .*passed to Queries.CreateMessage`
}

// The NULL wrapper made inline in sqlc's params, its Valid testing its
// own payload: the fix gives the payload a key before the call (Valid is
// then true).
func keyFromHeaderInline(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID, b string) error {
	h := r.Header.Get("Idempotency-Key")
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: pgtype.Text{String: h, Valid: h != ""}}) // want `IDEM201: .*Valid is false when the Idempotency-Key header is absent .*passed to Queries.CreateMessage`
}

func keyChecked(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID, b string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("Idempotency-Key header required")
	}
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: pgtype.Text{String: h, Valid: true}})
}

func keyAlwaysSet(ctx context.Context, q *db.Queries, s pgtype.UUID, b string) error {
	key := pgtype.Text{String: rand.Text(), Valid: true}
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: key})
}

// toText is NULL exactly when p is nil: the caller's p decides.
func toText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}

func throughHelper(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: toText(key)}) // want `IDEM201: .*passed to Queries.CreateMessage`
}

func throughHelperSet(ctx context.Context, q *db.Queries, s pgtype.UUID, b string) error {
	k := rand.Text()
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: b, IdempotencyKey: toText(&k)})
}

func emptyPaymentKey(ctx context.Context, q *db.Queries, r *http.Request, a pgtype.UUID) error {
	_, err := q.CreatePayment(ctx, db.CreatePaymentParams{AccountID: a, IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*passed to Queries.CreatePayment`
	return err
}

func paymentKeySet(ctx context.Context, q *db.Queries, a pgtype.UUID) error {
	_, err := q.CreatePayment(ctx, db.CreatePaymentParams{AccountID: a, IdempotencyKey: rand.Text()})
	return err
}

// The :batchexec query's elements: each is judged as CreateMessage's
// argument.
func batchKeys(ctx context.Context, q *db.Queries, s pgtype.UUID, b string) {
	q.CreateMessages(ctx, []db.CreateMessagesParams{
		{SessionID: s, Body: b, IdempotencyKey: pgtype.Text{String: rand.Text(), Valid: true}},
		{SessionID: s, Body: b}, // want `IDEM201: .*the IdempotencyKey field is left out, so it is an invalid \(NULL\) pgtype.Text; passed to Queries.CreateMessages`
	}).Exec(nil)
}

// A service that converts a DTO's *string key for sqlc: toText converts
// nil rather than rejecting it, and the generated code checks nothing,
// so Charge's signature is where every caller may pass nil (the
// contract), and its callers are judged through the fact.
type ChargeIn struct {
	Session pgtype.UUID
	Body    string
	Key     *string
}

func Charge(ctx context.Context, q *db.Queries, in ChargeIn) error { // want Charge:`writes key param 2.Key → messages.idempotency_key`
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: in.Session, Body: in.Body, IdempotencyKey: toText(in.Key)}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: Charge's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when in.Key is nil; sqlcpgx.toText .*; passed to Queries.CreateMessage`
}

// ChargeChecked rejects a missing key first: no finding, no fact.
func ChargeChecked(ctx context.Context, q *db.Queries, in ChargeIn) error {
	if in.Key == nil {
		return errors.New("key required")
	}
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: in.Session, Body: in.Body, IdempotencyKey: toText(in.Key)})
}

// chargeFromBody passes a decoded *string key on to Charge, whose own
// finding gives a missing key a value at its top: this finding keeps no
// fix of its own (one bug, one fix).
func chargeFromBody(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID) error {
	var in struct {
		Body string  `json:"body"`
		Key  *string `json:"key"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	return Charge(ctx, q, ChargeIn{Session: s, Body: in.Body, Key: in.Key}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the JSON body has no key, decoded at sqlcpgx.go:\d+; passed to sqlcpgx.Charge, which writes it into messages.idempotency_key; .*; no fix is offered: the fix offered at the function that writes the key gives a missing key a value for every caller`
}

// RefundKey turns an empty key into NULL: what its callers pass decides
// (as for Valid: key != ""), so it is not reported itself.
func RefundKey(ctx context.Context, q *db.Queries, s pgtype.UUID, key string) error { // want RefundKey:`writes key param 3 → messages.idempotency_key`
	var t pgtype.Text
	if key != "" {
		t = pgtype.Text{String: key, Valid: true}
	}
	return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: s, Body: "refund", IdempotencyKey: t})
}

func refundFromHeader(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID) error {
	return RefundKey(ctx, q, s, r.Header.Get("Idempotency-Key")) // want `IDEM201: .*empty when the Idempotency-Key header is absent .*passed to sqlcpgx.RefundKey, which writes it into messages.idempotency_key as NULL when it is empty`
}

func refundChecked(ctx context.Context, q *db.Queries, r *http.Request, s pgtype.UUID) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("Idempotency-Key header required")
	}
	return RefundKey(ctx, q, s, k)
}

// A converter from the request to sqlc's params: the key is the
// request's field, so Pay's callers decide.
type PayIn struct {
	Account pgtype.UUID
	Key     string
}

func toPaymentParams(in PayIn) db.CreatePaymentParams {
	return db.CreatePaymentParams{AccountID: in.Account, IdempotencyKey: in.Key}
}

func Pay(ctx context.Context, q *db.Queries, in PayIn) error { // want Pay:`writes key param 2.Key → payments.idempotency_key`
	_, err := q.CreatePayment(ctx, toPaymentParams(in))
	return err
}

func payFromHeader(ctx context.Context, q *db.Queries, r *http.Request, a pgtype.UUID) error {
	return Pay(ctx, q, PayIn{Account: a, Key: r.Header.Get("Idempotency-Key")}) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*passed to sqlcpgx.Pay`
}

func payWithKey(ctx context.Context, q *db.Queries, a pgtype.UUID) error {
	return Pay(ctx, q, PayIn{Account: a, Key: rand.Text()})
}

// toMessageParams fills sqlc's params field by field; Emit keeps its
// result in a local before the generated insert, which is read as if the
// converter were called in the argument.
func toMessageParams(in ChargeIn) db.CreateMessageParams {
	var p db.CreateMessageParams
	p.SessionID = in.Session
	p.Body = in.Body
	if in.Key != nil {
		p.IdempotencyKey = pgtype.Text{String: *in.Key, Valid: true}
	}
	return p
}

func Emit(ctx context.Context, q *db.Queries, in ChargeIn) error { // want Emit:`writes key param 2.Key → messages.idempotency_key`
	params := toMessageParams(in)
	return q.CreateMessage(ctx, params) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: Emit's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it`
}

// EmitChecked rejects a missing key first: no finding, no fact.
func EmitChecked(ctx context.Context, q *db.Queries, in ChargeIn) error {
	if in.Key == nil {
		return errors.New("key required")
	}
	params := toMessageParams(in)
	return q.CreateMessage(ctx, params)
}

func emitKeyless(ctx context.Context, q *db.Queries, s pgtype.UUID) error {
	return Emit(ctx, q, ChargeIn{Session: s, Body: "account frozen"}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the Key field is left out, so it is nil; passed to sqlcpgx.Emit`
}

func emitKeyed(ctx context.Context, q *db.Queries, s pgtype.UUID, day string) error {
	key := "closed:" + day
	return Emit(ctx, q, ChargeIn{Session: s, Body: "day closed", Key: &key})
}

// importMessages copies rows through the :copyfrom query, which leaves
// the key out: every row gets a NULL key.
func importMessages(ctx context.Context, q *db.Queries, rows []db.CopyMessagesParams) (int64, error) {
	return q.CopyMessages(ctx, rows) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: importMessages calls Queries.CopyMessages, generated code whose insert \(copyfrom.go:42\) writes it so on every call: CopyFrom leaves out idempotency_key, which has no database default.*; no fix is offered: the generated code writes the key so whatever this call passes, so the fix belongs in the generator's input`
}
