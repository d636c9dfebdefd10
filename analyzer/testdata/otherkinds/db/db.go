// Package db writes two kinds of row into each table: the upsert on a
// rule of nullable columns, and rows of another kind that leave that
// rule's columns out.
package db

import _ "embed"

//go:embed schema.sql
var Schema string

const (
	upsertListPermission = `INSERT INTO roles (parent_id, list_id, type) VALUES ($1, $2, 'list') ON CONFLICT (parent_id, list_id) DO NOTHING`
	createUserRole       = `INSERT INTO roles (type, name) VALUES ('user', $1) ON CONFLICT DO NOTHING`

	upsertGrant = `INSERT INTO grants (role_ref, scope_ref) VALUES ($1, $2) ON CONFLICT (role_ref, scope_ref) DO NOTHING`
	createTag   = `INSERT INTO grants (tag) VALUES ($1) ON CONFLICT (tag) DO NOTHING`

	upsertRun   = `INSERT INTO runs (parent_ref, child_ref) VALUES ($1, $2) ON CONFLICT (parent_ref, child_ref) DO NOTHING`
	createRoot  = `INSERT INTO runs (email) VALUES ($1) ON CONFLICT (nickname, email) DO NOTHING`
	createPlain = `INSERT INTO runs (email) VALUES ($1)`
)
