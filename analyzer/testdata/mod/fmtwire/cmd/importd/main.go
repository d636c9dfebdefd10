package main // want package:`pending: api.H.PostBoth passes empty at fmtwire/api/api.go:\d+:\d+ to example.com/libs/fmtwire/app.Store.Place arg 1.IdempotencyKey; api.H.PostBoth passes the same value for every request without a key at fmtwire/api/api.go:\d+:\d+ to example.com/libs/fmtwire/app.Store.Place arg 2.DedupKey` package:`example.com/libs/fmtwire/pg.Store.Place implements example.com/libs/fmtwire/app.Store.Place, writes key param 1.IdempotencyKey → orders.idempotency_key, param 2.DedupKey → outbox.dedup_key`

// Command importd wires pg's store into app: the one package that sees
// both the handlers' values (through api's fact) and the writes.

import (
	"database/sql"
	"net/http"

	"example.com/libs/fmtwire/api"
	"example.com/libs/fmtwire/app"
	"example.com/libs/fmtwire/pg"
)

func main() {
	db, _ := sql.Open("postgres", "")
	h := &api.H{S: app.New(pg.New(db))} // want `IDEM202: idempotency key orders.idempotency_key can be empty here: pg.Store, wired here as app.Store, writes the IdempotencyKey field of argument 1 of Store.Place into it, and api.H.PostBoth, at fmtwire/api/api.go:\d+:\d+ via app.Service.Import, passes one that is empty when the Idempotency-Key header is absent` `IDEM202: idempotency key outbox.dedup_key can be the same value for every request without a key here: pg.Store, wired here as app.Store, writes the DedupKey field of argument 2 of Store.Place into it, and api.H.PostBoth, at fmtwire/api/api.go:\d+:\d+ via app.Service.Import, passes one that is empty when the X-Event-Key header is absent \(Header.Get, line \d+\), and is written as one part of a key format`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(h.PostBoth))
}
