// Package store writes runs; it imports nothing of db, as is common when
// queries are plain strings.
package store

import "database/sql"

const insertRun = `INSERT INTO runs (parent_id, child_ref) VALUES ($1, $2)
ON CONFLICT (parent_id, child_ref) DO NOTHING`

// An upsert by email: email is a natural key, and NOT the target of a
// unique whose columns differ, so nickname stays unreported.
const upsertEmail = `INSERT INTO runs (email) VALUES ($1) ON CONFLICT (nickname, email) DO NOTHING`

func CreateRun(db *sql.DB, parent, child string) error {
	_, err := db.Exec(insertRun, parent, child)
	return err
}

func Touch(db *sql.DB, email string) error {
	_, err := db.Exec(upsertEmail, email)
	return err
}
