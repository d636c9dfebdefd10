// Package store owns the ent client; package entindirect reaches the
// client only through it.
package store

import "example.com/libs/entapi/ent"

type Store struct {
	client *ent.Client
}

func New(client *ent.Client) *Store { return &Store{client: client} }

// Client returns the ent client for the consumers.
func (s *Store) Client() *ent.Client { return s.client }
