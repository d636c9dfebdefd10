// Package elemcalls ranges over a parameter slice and calls sqlc's
// generated insert once per element: each element's key is the caller's,
// as the elements of a slice inserted in one batch are (elemrows). The
// function gets the fact on the element's path (param N.[].Key); an
// exported one whose element holds the key as a *string or a
// pgtype.Text is the contract too, without a fix; one that checks each
// element's key in the loop gets nothing.
package elemcalls

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgtype"

	"example.com/libs/sqlcpgx/db"
)

type Message struct {
	Session pgtype.UUID
	Body    string
	Key     *string
}

type TextMessage struct {
	Session pgtype.UUID
	Body    string
	Key     pgtype.Text
}

type Payment struct {
	Account pgtype.UUID
	Key     string
}

func toText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}

// ImportMessages converts each element's *string key: nil is NULL.
func ImportMessages(ctx context.Context, q *db.Queries, in []Message) error { // want ImportMessages:`writes key param 2.\[\].Key → messages.idempotency_key`
	for _, m := range in {
		if err := q.CreateMessage(ctx, db.CreateMessageParams{SessionID: m.Session, Body: m.Body, IdempotencyKey: toText(m.Key)}); err != nil { // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: ImportMessages's parameter in is a slice, and the Key field of the elements is a \*string, so every caller may pass nil in any element, and nothing here checks it; .*passed to Queries.CreateMessage`
			return err
		}
	}
	return nil
}

// ImportTexts passes each element's pgtype.Text as it is.
func ImportTexts(ctx context.Context, q *db.Queries, in []TextMessage) error { // want ImportTexts:`writes key param 2.\[\].Key → messages.idempotency_key`
	for _, m := range in {
		if err := q.CreateMessage(ctx, db.CreateMessageParams{SessionID: m.Session, Body: m.Body, IdempotencyKey: m.Key}); err != nil { // want `IDEM201: .*ImportTexts's parameter in is a slice, and the Key field of the elements is a pgtype.Text, so every caller may pass an invalid \(NULL\) one in any element`
			return err
		}
	}
	return nil
}

// ImportChecked rejects an element without a key first: no fact, no
// finding.
func ImportChecked(ctx context.Context, q *db.Queries, in []Message) error {
	for _, m := range in {
		if m.Key == nil {
			return errors.New("key required")
		}
		if err := q.CreateMessage(ctx, db.CreateMessageParams{SessionID: m.Session, Body: m.Body, IdempotencyKey: toText(m.Key)}); err != nil {
			return err
		}
	}
	return nil
}

// PayAll writes each element's string key: its callers decide, and a
// string is no contract.
func PayAll(ctx context.Context, q *db.Queries, in []Payment) error { // want PayAll:`writes key param 2.\[\].Key → payments.idempotency_key`
	for _, p := range in {
		if _, err := q.CreatePayment(ctx, db.CreatePaymentParams{AccountID: p.Account, IdempotencyKey: p.Key}); err != nil {
			return err
		}
	}
	return nil
}

// payDecoded passes a decoded slice: any element may leave its key out.
func payDecoded(ctx context.Context, q *db.Queries, r *http.Request) error {
	var in []Payment
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	return PayAll(ctx, q, in) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when an element of the JSON body has no Key, decoded at elemcalls.go:\d+; each element's Key is passed to elemcalls.PayAll`
}

// payKeyed passes a literal whose key is set: fine.
func payKeyed(ctx context.Context, q *db.Queries, a pgtype.UUID) error {
	return PayAll(ctx, q, []Payment{{Account: a, Key: "k-1"}})
}

// A PayRequest is what a client sends for one payment.
type PayRequest struct {
	Account pgtype.UUID
	Key     string
}

// PayRequests builds payments from its parameter's elements and hands
// the slice to PayAll: each element's key is still its callers'.
func PayRequests(ctx context.Context, q *db.Queries, in []PayRequest) error { // want PayRequests:`writes key param 2.\[\].Key → payments.idempotency_key`
	ps := make([]Payment, 0, len(in))
	for _, r := range in {
		ps = append(ps, Payment{Account: r.Account, Key: r.Key})
	}
	return PayAll(ctx, q, ps)
}

// PayRequestsChecked rejects an element without a key while it builds
// the slice: no fact.
func PayRequestsChecked(ctx context.Context, q *db.Queries, in []PayRequest) error {
	ps := make([]Payment, 0, len(in))
	for _, r := range in {
		if r.Key == "" {
			return errors.New("key required")
		}
		ps = append(ps, Payment{Account: r.Account, Key: r.Key})
	}
	return PayAll(ctx, q, ps)
}

func payRequestsDecoded(ctx context.Context, q *db.Queries, r *http.Request) error {
	var in []PayRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := PayRequestsChecked(ctx, q, in); err != nil {
		return err
	}
	return PayRequests(ctx, q, in) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when an element of the JSON body has no Key, decoded at elemcalls.go:\d+; each element's Key is passed to elemcalls.PayRequests`
}
