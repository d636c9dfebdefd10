-- name: CreateJob
INSERT INTO jobs (queue, dedup_key) VALUES ($1, $2);
