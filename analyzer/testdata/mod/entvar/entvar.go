// Package entvar keeps ent create builders in variables and sets fields on
// some paths: a key set on every path to Save is written, one set on some
// paths only is left out on the others.
package entvar

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"example.com/libs/entapi/ent"
)

//go:embed schema.sql
var schema string

func someIf(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	mc := client.Message.Create()
	mc.SetSessionID(s)
	mc.SetBody(b)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		mc.SetIdempotencyKey(k)
	}
	_, err := mc.Save(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: SetIdempotencyKey is not called on every path to Save, so ent leaves idempotency_key to its database default, and it has none: NULL`
	return err
}

func bothBranches(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	mc := client.Message.Create().SetSessionID(s)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		mc.SetIdempotencyKey(k)
	} else {
		mc = mc.SetIdempotencyKey(rand.Text())
	}
	mc.SetBody(b)
	return mc.Exec(ctx)
}

func guardedReturn(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	mc := client.Message.Create().SetSessionID(s).SetBody(b)
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("Idempotency-Key header required")
	}
	mc.SetIdempotencyKey(k)
	return mc.Exec(ctx)
}

func setBeforeLoop(ctx context.Context, client *ent.Client, s string, bodies []string) {
	mc := client.Message.Create().SetSessionID(s).SetIdempotencyKey(rand.Text())
	for _, b := range bodies {
		mc.SetBody(b)
	}
	mc.SaveX(ctx)
}

func setInLoop(ctx context.Context, client *ent.Client, s, b string, keys []string) {
	mc := client.Message.Create().SetSessionID(s).SetBody(b)
	for _, k := range keys {
		mc.SetIdempotencyKey(k)
	}
	mc.SaveX(ctx) // want `IDEM201: .*SetIdempotencyKey is not called on every path to SaveX`
}

func oneSetter(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	mc := client.Message.Create().SetSessionID(s).SetBody(b)
	mc.SetNillableIdempotencyKey(key) // want `IDEM201: .*can be NULL here: nil when the Idempotency-Key header is absent`
	return mc.Exec(ctx)
}

func oneSetterGuarded(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	key := headerKey(r)
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	mc := client.Message.Create().SetSessionID(s).SetBody(b)
	mc.SetNillableIdempotencyKey(key)
	return mc.Exec(ctx)
}

func neverSet(ctx context.Context, client *ent.Client, s, b string) error {
	mc := client.Message.Create() // want `IDEM201: .*the MessageCreate builder leaves out idempotency_key`
	mc.SetSessionID(s).SetBody(b)
	return mc.Exec(ctx)
}

func setInChain(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	mc := client.Message.Create().SetSessionID(s)
	if r.Method == http.MethodPut {
		mc.SetBody(b)
	}
	return mc.SetBody(b).SetIdempotencyKey(rand.Text()).Exec(ctx)
}

func optionalOnPurpose(ctx context.Context, client *ent.Client, r *http.Request, q, src, author string) {
	jc := client.Job.Create().SetQueue(q)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		jc.SetDedupKey(k) // partial index: keyless jobs on purpose
	}
	jc.Exec(ctx)
	ec := client.Event.Create().SetSource(src)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		ec.SetIdempotencyKey(k) // the database fills the key otherwise
	}
	ec.Exec(ctx)
	nc := client.Note.Create().SetAuthor(author)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		nc.SetIdempotencyKey(k) // ent's default fills the key otherwise
	}
	nc.Exec(ctx)
}

func passedOn(ctx context.Context, client *ent.Client, s, b string) error {
	mc := client.Message.Create().SetSessionID(s).SetBody(b)
	fill(mc)
	return mc.Exec(ctx) // fill may set the key: not followed
}

func fill(mc *ent.MessageCreate) { mc.SetIdempotencyKey(rand.Text()) }

func captured(ctx context.Context, client *ent.Client, s, b string) error {
	mc := client.Message.Create().SetSessionID(s).SetBody(b)
	set := func() { mc.SetIdempotencyKey(rand.Text()) }
	set()
	return mc.Exec(ctx) // set in a closure: not followed
}

func inClosure(ctx context.Context, client *ent.Client, r *http.Request, s, b string) func() error {
	return func() error {
		mc := client.Message.Create().SetSessionID(s).SetBody(b)
		if k := r.Header.Get("Idempotency-Key"); k != "" {
			mc.SetIdempotencyKey(k)
		}
		return mc.Exec(ctx) // want `IDEM201: .*SetIdempotencyKey is not called on every path to Exec`
	}
}

// reassignedIf keeps the builder the setter returns, as generated code's
// callers often do (b = b.SetX(x) in a branch): the key is set on one path.
func reassignedIf(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	mc := client.Message.Create().
		SetSessionID(s).
		SetBody(b)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		mc = mc.SetIdempotencyKey(k)
	}
	_, err := mc.Save(ctx) // want `IDEM201: .*SetIdempotencyKey is not called on every path to Save`
	return err
}

// reassignedEveryPath sets the key through b = b.SetX(x) on every path.
func reassignedEveryPath(ctx context.Context, client *ent.Client, r *http.Request, s, b string) error {
	mc := client.Message.Create().SetSessionID(s)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		mc = mc.SetIdempotencyKey(k)
	} else {
		mc = mc.
			SetIdempotencyKey(rand.Text()).
			SetBody(b)
	}
	mc = mc.SetBody(b)
	_, err := mc.Save(ctx)
	return err
}

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}
