// Package ptrs writes keys through a generic pointer helper, ptr[T any](v
// T) *T { return &v }: never nil, and empty exactly when its argument is;
// a concatenation with a constant part is never empty, so a key built so
// needs nothing from the callers, not even from the elements of a slice
// the function ranges over.
package ptrs

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var Schema string

func ptr[T any](v T) *T { return &v }

type Store struct{ DB *sql.DB }

// AddMany's key is "csv:"+tenantID+":"+iban: no note about the elements.
func (s *Store) AddMany(ctx context.Context, tenantID string, ibans []string) error {
	for _, iban := range ibans {
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO beneficiaries (tenant_id, iban, client_token) VALUES ($1, $2, $3)`,
			tenantID, iban, ptr("csv:"+tenantID+":"+iban)); err != nil {
			return err
		}
	}
	return nil
}

// Derived's key is never empty: its callers decide nothing.
func (s *Store) Derived(ctx context.Context, tenantID, iban string) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO beneficiaries (tenant_id, iban, client_token) VALUES ($1, $2, $3)`,
		tenantID, iban, ptr("csv:"+tenantID+":"+iban))
	return err
}

// Passed writes its parameter through ptr: "" when the caller's is.
func (s *Store) Passed(ctx context.Context, tenantID, iban, token string) error { // want Passed:`writes key param 3 → beneficiaries.client_token`
	_, err := s.DB.ExecContext(ctx, `INSERT INTO beneficiaries (tenant_id, iban, client_token) VALUES ($1, $2, $3)`,
		tenantID, iban, ptr(token))
	return err
}

func Handler(s *Store, r *http.Request) error {
	if err := s.Derived(r.Context(), "t", r.FormValue("iban")); err != nil {
		return err
	}
	return s.Passed(r.Context(), "t", r.FormValue("iban"), r.FormValue("client_token")) // want `IDEM202: idempotency key beneficiaries.client_token can be empty here: empty when the "client_token" form value is absent`
}
