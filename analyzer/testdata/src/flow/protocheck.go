package flow

import (
	"context"
	"database/sql"
	"errors"
)

// refundRequest is as protoc-gen-go writes a message with a plain proto3
// string field: the getter returns the field, "" when it is unset.
type refundRequest struct {
	AccountId string `protobuf:"bytes,1,opt,name=account_id,json=accountId,proto3" json:"account_id,omitempty"`
	RequestId string `protobuf:"bytes,2,opt,name=request_id,json=requestId,proto3" json:"request_id,omitempty"`
}

func (x *refundRequest) GetAccountId() string { // want GetAccountId:`result 0 may be empty`
	if x != nil {
		return x.AccountId
	}
	return ""
}

func (x *refundRequest) GetRequestId() string { // want GetRequestId:`result 0 may be empty`
	if x != nil {
		return x.RequestId
	}
	return ""
}

var errNoRequestID = errors.New("request_id is required")

// A check through the getter is a check of the field it returns, and the
// other way round: none of these writes an empty key.

func refundGetterCheckedFieldWritten(ctx context.Context, db *sql.DB, req *refundRequest) error {
	if req.GetRequestId() == "" {
		return errNoRequestID
	}
	_, err := db.ExecContext(ctx, insertPayment, req.GetAccountId(), req.RequestId)
	return err
}

func refundFieldCheckedGetterWritten(ctx context.Context, db *sql.DB, req *refundRequest) error {
	if req.RequestId == "" {
		return errNoRequestID
	}
	_, err := db.ExecContext(ctx, insertPayment, req.GetAccountId(), req.GetRequestId())
	return err
}

func refundGetterCheckedTwice(ctx context.Context, db *sql.DB, req *refundRequest) error {
	if req.GetRequestId() == "" {
		return errNoRequestID
	}
	_, err := db.ExecContext(ctx, insertPayment, req.GetAccountId(), req.GetRequestId())
	return err
}

// subscribeRequest has a getter written by hand over an optional field:
// "" when the pointer is nil. A check of one call is a check of the same
// call made again on a request nothing here writes to.
type subscribeRequest struct {
	Topic           string
	ClientRequestId *string
}

func (x *subscribeRequest) GetClientRequestId() string { // want GetClientRequestId:`result 0 empty when argument 0.ClientRequestId\* is empty; empty when argument 0.ClientRequestId is nil`
	if x != nil && x.ClientRequestId != nil {
		return *x.ClientRequestId
	}
	return ""
}

func SubscribeGetterCheckedTwice(ctx context.Context, db *sql.DB, req *subscribeRequest) error {
	if req.GetClientRequestId() == "" {
		return errNoRequestID
	}
	_, err := db.ExecContext(ctx, insertPayment, req.Topic, req.GetClientRequestId())
	return err
}

func SubscribeGetterCheckedValid(ctx context.Context, db *sql.DB, req *subscribeRequest) error {
	if req.GetClientRequestId() == "" {
		return errNoRequestID
	}
	_, err := db.ExecContext(ctx, insertPayment, req.Topic, sql.NullString{String: req.GetClientRequestId(), Valid: true})
	return err
}

// The request is changed between the check and the second call: the
// check no longer covers it.
func subscribeGetterCheckedThenCleared(ctx context.Context, db *sql.DB, req *subscribeRequest) error {
	if req.GetClientRequestId() == "" {
		return errNoRequestID
	}
	req.ClientRequestId = nil
	_, err := db.ExecContext(ctx, insertPayment, req.Topic, req.GetClientRequestId()) // want `IDEM202: idempotency key payments.idempotency_key can be empty here`
	return err
}

// Unchecked: the getter's "" is written, whatever an exported
// function's callers pass.
func SubscribeGetterUnchecked(ctx context.Context, db *sql.DB, req *subscribeRequest) error { // want SubscribeGetterUnchecked:`writes key param 2.ClientRequestId → payments.idempotency_key`
	_, err := db.ExecContext(ctx, insertPayment, req.Topic, req.GetClientRequestId()) // want `IDEM202: idempotency key payments.idempotency_key can be empty here`
	return err
}
