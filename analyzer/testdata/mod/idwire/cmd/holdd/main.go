package main // want package:`pending: api.H.PostDropped passes the nil UUID at idwire/api/api.go:\d+:\d+ to .*svc.HoldStore.InsertHold arg 1.ClientToken` package:`.*repo.Repo.InsertHold implements .*svc.HoldStore.InsertHold, writes key param 1.ClientToken → holds.client_token`

// Command holdd wires repo's store into svc: the one package that sees
// both the handlers' values (through api's fact) and the write.

import (
	"database/sql"
	"net/http"

	"example.com/libs/idwire/api"
	"example.com/libs/idwire/repo"
	"example.com/libs/idwire/svc"
)

func main() {
	db, _ := sql.Open("postgres", "")
	h := &api.H{S: svc.New(repo.New(db))} // want `IDEM202: idempotency key holds.client_token can be the nil UUID here: repo.Repo, wired here as svc.HoldStore, writes the ClientToken field of argument 1 of HoldStore.InsertHold into it, and api.H.PostDropped, at idwire/api/api.go:\d+:\d+ via svc.Svc.PlaceHold, passes one that is the nil UUID when Parse fails and its error is dropped`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(h.PostDropped))
}
