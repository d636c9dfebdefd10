// Package core declares key types (hyperledger firefly's
// core.IdempotencyKey): one whose Value method writes "" as NULL, one
// that writes every value as it is, and one written as a plain string.
package core

import "database/sql/driver"

// IdempotencyKey is stored as NULL when it is empty.
type IdempotencyKey string

func (ik IdempotencyKey) Value() (driver.Value, error) { // want Value:`writes "" as NULL`
	if ik == "" {
		return nil, nil
	}
	return (string)(ik), nil
}

// RefKey is stored as NULL when empty too, written the other way round.
type RefKey string

func (k RefKey) Value() (driver.Value, error) { // want Value:`writes "" as NULL`
	if len(k) > 0 {
		return string(k), nil
	}
	return nil, nil
}

// Upper is always written, upper-cased: "" stays "".
type Upper string

func (u Upper) Value() (driver.Value, error) {
	return string(u) + "", nil
}

// Plain has no Value method.
type Plain string
