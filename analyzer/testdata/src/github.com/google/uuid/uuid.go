// Package uuid is a test double of github.com/google/uuid: only the
// signatures idemlint's tests call.
package uuid

type UUID [16]byte

func New() UUID               { return UUID{} }
func NewString() string       { return New().String() }
func (u UUID) String() string { return "00000000-0000-0000-0000-000000000000" }
