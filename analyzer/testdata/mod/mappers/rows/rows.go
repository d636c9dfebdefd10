// Package rows maps values to the rows the store inserts.
package rows

import (
	"database/sql"

	"github.com/google/uuid"
)

type Transfer struct {
	AccountID      int64
	IdempotencyKey sql.NullString
}

// Keyed is NULL exactly when key is "".
func Keyed(account int64, key string) Transfer { // want Keyed:`result 0.IdempotencyKey.Valid invalid when argument 1 is empty`
	return Transfer{AccountID: account, IdempotencyKey: sql.NullString{String: key, Valid: key != ""}}
}

// Blank never sets the key.
func Blank(account int64) Transfer { // want Blank:`result 0.IdempotencyKey.Valid may be invalid`
	return Transfer{AccountID: account}
}

// Minted always sets one.
func Minted(account int64) *Transfer { // want Minted:`result 0.IdempotencyKey.Valid never invalid, result 0.IdempotencyKey.String never empty`
	return &Transfer{AccountID: account, IdempotencyKey: sql.NullString{String: uuid.NewString(), Valid: true}}
}
