package svc // want package:`pending: svc.Payouts.ImportLegacy passes empty at ifacestruct/svc/svc.go:\d+:\d+ to .*svc.PayoutRepository.Create arg 1.Key`

// Package svc declares the repository it calls; package pg implements it
// without importing this package (Go asks no declaration of it), and
// cmd/server wires the two.

import (
	"context"

	"example.com/libs/ifacestruct/core"
)

type PayoutRepository interface {
	Create(ctx context.Context, p core.Payout) error
}

type Payouts struct{ repo PayoutRepository }

func New(r PayoutRepository) *Payouts { return &Payouts{repo: r} }

// Request validates the client's key: nothing pending.
func (s *Payouts) Request(ctx context.Context, tenant, raw string, amount int64) error {
	key, err := core.NewIdempotencyKey(raw)
	if err != nil {
		return err
	}
	return s.repo.Create(ctx, core.Payout{TenantID: tenant, Amount: amount, Key: key}) // want `not followed: s.repo.Create is called through an interface that pg.PayoutStore, pg.StrictStore implement in packages this one does not import, so whether it writes the Key field of core.Payout\{…\} into a key column`
}

// FromEvent derives the key from the event: nothing pending.
func (s *Payouts) FromEvent(ctx context.Context, tenant, eventID string, amount int64) error {
	return s.repo.Create(ctx, core.Payout{TenantID: tenant, Amount: amount, Key: core.IdempotencyKey("event:" + eventID)}) // want `not followed: s.repo.Create is called through an interface`
}

// ImportLegacy leaves the key out: a pending call, judged at the wiring.
func (s *Payouts) ImportLegacy(ctx context.Context, tenant string, amounts []int64) error {
	for _, a := range amounts {
		if err := s.repo.Create(ctx, core.Payout{TenantID: tenant, Amount: a}); err != nil { // want `not followed: s.repo.Create is called through an interface`
			return err
		}
	}
	return nil
}

// Submit passes its caller's payout on unchecked: its callers decide.
func (s *Payouts) Submit(ctx context.Context, p core.Payout) error { // want Submit:`passes to param 1.Key → example.com/libs/ifacestruct/svc.PayoutRepository.Create arg 1.Key`
	return s.repo.Create(ctx, p) // want `not followed: s.repo.Create is called through an interface`
}

type AuditRepository interface {
	Create(ctx context.Context, r core.AuditRecord) error
}

type Audits struct{ repo AuditRepository }

func NewAudits(r AuditRepository) *Audits { return &Audits{repo: r} }

// record logs a failed write: a wrapper, unexported.
func (a *Audits) record(ctx context.Context, r core.AuditRecord) { // want record:`passes to param 1.IdempotencyKey → example.com/libs/ifacestruct/svc.AuditRepository.Create arg 1.IdempotencyKey`
	if err := a.repo.Create(ctx, r); err != nil { // want `not followed: a.repo.Create is called through an interface that pg.AuditStore implements`
		println(err.Error())
	}
}

// MemberAdded writes no key, through the wrapper: the column's comment
// says NULL is meant for internal calls, so the wiring notes it.
func (a *Audits) MemberAdded(ctx context.Context, who string) {
	a.record(ctx, core.AuditRecord{Event: "member.added:" + who})
}
