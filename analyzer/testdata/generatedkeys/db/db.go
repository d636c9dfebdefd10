// Package db upserts on generated columns.
package db

import _ "embed"

//go:embed schema.sql
var Schema string

// The upserts name generated columns as their targets.
const (
	upsertReaction = `INSERT INTO reactions (id, collection_id, comment_id, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT (actor_key, unique_key) DO UPDATE SET id = reactions.id`
	upsertVote     = `INSERT INTO votes (poll_id, user_id) VALUES ($1, $2) ON CONFLICT (poll_id, voter) DO NOTHING`
)
