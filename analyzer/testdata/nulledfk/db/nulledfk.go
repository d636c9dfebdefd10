// Package db upserts on unique rules whose nullable columns are
// foreign keys the database sets NULL when the referenced row is deleted.
package db

import _ "embed"

//go:embed schema.sql
var Schema string

const (
	upsertList  = `INSERT INTO campaign_lists (campaign_id, list_id, list_name) SELECT $1, id, name FROM lists WHERE id = ANY($2) ON CONFLICT (campaign_id, list_id) DO UPDATE SET list_name = EXCLUDED.list_name`
	upsertMedia = `INSERT INTO campaign_media (campaign_id, media_id) SELECT $1, id FROM media WHERE id = ANY($2) ON CONFLICT (campaign_id, media_id) DO NOTHING`
	upsertTag   = `INSERT INTO campaign_tags (campaign_id, tag_id) VALUES ($1, $2) ON CONFLICT (campaign_id, tag_id) DO NOTHING`
	upsertSub   = `INSERT INTO list_subscribers (list_id, subscriber_id) VALUES ($1, $2) ON CONFLICT (list_id, subscriber_id) DO NOTHING`
)
