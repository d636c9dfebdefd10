package main // want package:`pending: api.Handler.Submit passes empty .*; svc.Payouts.ImportLegacy passes empty .*`

// Command server wires pg's stores to svc's interface: the one package
// that sees the pending calls (through svc's and api's facts) and the
// stores' methods (through pg's facts on them), although pg never names
// the interface.

import (
	"database/sql"
	"net/http"

	"example.com/libs/ifacestruct/api"
	"example.com/libs/ifacestruct/pg"
	"example.com/libs/ifacestruct/svc"
)

// An assertion converts nothing that runs: no finding here.
var _ svc.PayoutRepository = (*pg.PayoutStore)(nil)

func main() {
	db, _ := sql.Open("postgres", "")
	payouts := svc.New(pg.NewPayoutStore(db)) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: pg.PayoutStore, wired here as svc.PayoutRepository, writes the Key field of argument 1 of PayoutRepository.Create into it as NULL when it is empty, and svc.Payouts.ImportLegacy, at ifacestruct/svc/svc.go:\d+:\d+ via svc.PayoutRepository.Create, passes one where the Key field is left out, so it is empty` `IDEM201: .*pg.PayoutStore, wired here as svc.PayoutRepository, .*api.Handler.Submit, at ifacestruct/api/api.go:\d+:\d+ via svc.Payouts.Submit, passes one that is empty when the Idempotency-Key header is absent`
	strict := svc.New(pg.NewStrictStore(db))  // a store that rejects an empty key: silent
	_ = strict
	_ = svc.NewAudits(pg.NewAuditStore(db)) // want `IDEM201 not reported for audits.idempotency_key: pg.AuditStore, wired here as svc.AuditRepository, writes the NULL svc.Audits.MemberAdded passes \(ifacestruct/svc/svc.go:\d+:\d+\) on purpose, as the column's comment says: "nullable for internal calls"`
	_ = http.ListenAndServe(":8080", http.HandlerFunc((&api.Handler{Payouts: payouts}).Submit))
}
