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
