// Package mapping turns requests into domain values: its results' key
// fields are carried to the handlers that call it by a fact.
package mapping

import (
	"example.com/libs/mappers/dom"
	"example.com/libs/mappers/dto"
	"github.com/google/uuid"
)

// TransferFromDTO copies the key: nil exactly when the request's is.
func TransferFromDTO(in dto.TransferRequest) dom.Transfer { // want TransferFromDTO:`result 0.IdempotencyKey nil when argument 0.IdempotencyKey is nil`
	return dom.Transfer{AccountID: in.AccountID, IdempotencyKey: in.IdempotencyKey}
}

// TransferWithKey mints a key when the request has none: never nil.
func TransferWithKey(in dto.TransferRequest) *dom.Transfer { // want TransferWithKey:`result 0.IdempotencyKey never nil`
	t := &dom.Transfer{AccountID: in.AccountID, IdempotencyKey: in.IdempotencyKey}
	if t.IdempotencyKey == nil {
		k := uuid.NewString()
		t.IdempotencyKey = &k
	}
	return t
}
