package depapi

import (
	"context"
	"errors"
	"net/http"
)

// Msg is a request whose optional key is read through a getter that
// returns "" when it is unset, as protoc-gen-go's getters do for a proto3
// optional field (written by hand here, without protobuf tags).
type Msg struct {
	Account string
	Key     *string
}

// GetAccount returns the account, or "" when m is nil.
func (m *Msg) GetAccount() string { // want GetAccount:`result 0 empty when argument 0.Account is empty; empty when argument 0 is nil`
	if m != nil {
		return m.Account
	}
	return ""
}

// GetKey returns the key, or "" when it is unset.
func (m *Msg) GetKey() string { // want GetKey:`result 0 empty when argument 0.Key\* is empty; empty when argument 0.Key is nil`
	if m != nil && m.Key != nil {
		return *m.Key
	}
	return ""
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Append passes the getter's "" for an unset key on to InsertAny, which
// writes "" as NULL: m.Key is a *string, so every caller may pass nil.
func (h *H) Append(ctx context.Context, m *Msg) error { // want Append:`writes key param 1.Key → entries.idempotency_key`
	return h.S.InsertAny(ctx, m.GetAccount(), m.GetKey()) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: Append's parameter field m.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when m.Key is nil; Msg.GetKey can return empty when m.Key is nil \(optional.go:\d+\); passed to Store.InsertAny, which writes it into entries.idempotency_key as NULL when it is empty`
}

// AppendDeref does the same through a helper that dereferences the key.
func (h *H) AppendDeref(ctx context.Context, m *Msg) error { // want AppendDeref:`writes key param 1.Key → entries.idempotency_key`
	return h.S.InsertAny(ctx, m.Account, deref(m.Key)) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: AppendDeref's parameter field m.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when m.Key is nil; depapi.deref can return empty when p is nil \(optional.go:\d+\); passed to Store.InsertAny, which writes it into entries.idempotency_key as NULL when it is empty`
}

// AppendChecked rejects a message without a key: nothing to report.
func (h *H) AppendChecked(ctx context.Context, m *Msg) error {
	if m.Key == nil {
		return errors.New("idempotency key required")
	}
	return h.S.InsertAny(ctx, m.Account, m.GetKey())
}

// CallAppend passes a key that is nil without the header.
func (h *H) CallAppend(r *http.Request) {
	_ = h.Append(r.Context(), &Msg{Account: "a", Key: headerKey(r)}) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: depapi.headerKey can return a nil literal \(api.go:\d+\); passed to H.Append, which writes it into entries.idempotency_key`
}

// Token passes the getter's "" for an unset key on to InsertTokenKey,
// which writes it as it is: the first keyless message takes the empty
// key and the next collide.
func (h *H) Token(ctx context.Context, m *Msg) error { // want Token:`writes key param 1.Key → tokens_unchecked.dedup_key`
	return h.S.InsertTokenKey(ctx, m.GetAccount(), m.GetKey()) // want `IDEM202: idempotency key tokens_unchecked.dedup_key can be empty here: Token's parameter field m.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when m.Key is nil; Msg.GetKey can return empty when m.Key is nil \(optional.go:\d+\); passed to Store.InsertTokenKey, which writes it into tokens_unchecked.dedup_key; unique constraint`
}

// CallToken passes a key that is nil without the header.
func (h *H) CallToken(r *http.Request) {
	_ = h.Token(r.Context(), &Msg{Account: "a", Key: headerKey(r)}) // want `IDEM202: idempotency key tokens_unchecked.dedup_key can be empty here: depapi.headerKey can return a nil literal \(api.go:\d+\); passed to H.Token, which writes it into tokens_unchecked.dedup_key as the empty string when it is nil`
}
