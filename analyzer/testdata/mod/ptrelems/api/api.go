// Package api calls ptrelems.Store, whose fact says it writes each
// element's Planned.Request.RequestKey: a path through pointers (the
// element is a *Accepted, Request a *Request). The elements the callers
// build are not read through those pointers, so each call is noted, not
// judged, and not passed as fine either.
package api

import (
	"crypto/rand"
	"net/http"

	"gorm.io/gorm"

	"example.com/libs/ptrelems"
)

// Built appends elements whose key is the header's, empty when it is
// absent.
func Built(db *gorm.DB, r *http.Request, ids []string) error {
	var in []*ptrelems.Accepted
	for _, id := range ids {
		in = append(in, &ptrelems.Accepted{Planned: ptrelems.Planned{Request: &ptrelems.Request{ID: id, RequestKey: r.Header.Get("Idempotency-Key")}}})
	}
	return ptrelems.Store(db, in, false) // want `not followed: in, passed to ptrelems.Store, which writes each element's Planned.Request.RequestKey into shipments.idempotency_key, reaches the key through each element \(a \*ptrelems.Accepted\), which idemlint does not follow at the caller`
}

// Chained is paladin's ChainedPrivateTransaction: the element to store
// behind a pointer field.
type Chained struct {
	Sender string
	New    *ptrelems.Accepted
}

// Forward builds the slice from its own parameter's elements' pointer
// field (paladin's ChainPrivateTransactions).
func Forward(db *gorm.DB, chained []*Chained) error {
	in := make([]*ptrelems.Accepted, len(chained))
	for i, c := range chained {
		in[i] = c.New
	}
	return ptrelems.Store(db, in, true) // want `not followed: in, passed to ptrelems.Store, .*reaches the key through each element`
}

// Keyed passes a key it makes to a store whose fact has no pointer on its
// path: judged, and fine.
func Keyed(db *gorm.DB, id string) error {
	return ptrelems.StoreChecked(db, []*ptrelems.Accepted{{Planned: ptrelems.Planned{Request: &ptrelems.Request{ID: id, RequestKey: rand.Text()}}}})
}
