// Package eventid parses the event IDs that webhooks carry.
package eventid

import (
	"errors"

	"github.com/google/uuid"
)

var errMissing = errors.New("event id missing")

// Parse returns the nil UUID with its error for a missing ID.
func Parse(s string) (uuid.UUID, error) { // want Parse:`result 0 empty with its error`
	if s == "" {
		return uuid.Nil, errMissing
	}
	return uuid.Parse(s)
}
