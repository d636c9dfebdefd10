package notes

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
)

// Row is a value that knows its table and columns: a generic helper
// writes any of them with an INSERT it builds at run time, whose table,
// columns and key are not read (a note says so, at the helper's Exec).
type Row interface {
	Table() string
	Columns() []string
	Values() []any
}

func InsertRow[T Row](ctx context.Context, db *sql.DB, r T) error {
	cols := r.Columns()
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", r.Table(), strings.Join(cols, ", "), marks)
	_, err := db.ExecContext(ctx, q, r.Values()...) // want `not followed: the INSERT executed here is built at run time \(fmt.Sprintf\("INSERT INTO %s \(%s\) VALUES \(%s\)", …\)\), so its table and columns, and any key it writes, are not checked`
	return err
}

// insertInto concatenates the table onto the statement.
func insertInto(ctx context.Context, db *sql.DB, table, key string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO "+table+" (idempotency_key) VALUES ($1)", key) // want `not followed: the INSERT executed here is built at run time \("INSERT INTO" \+ …\)`
	return err
}

// A query built at run time that is no INSERT, and a constant INSERT
// (read as an insert site): no note.
func selectFrom(ctx context.Context, db *sql.DB, table string) error {
	_, err := db.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE expired", table))
	return err
}

func insertConst(ctx context.Context, db *sql.DB, s, b string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, gen_random_uuid())", s, b)
	return err
}

// Column lists joined once into a package variable: the statement is
// built at run time all the same.
var jobColumns = []string{"queue", "dedup_key"}

var insertJobJoined = "INSERT INTO jobs (" + strings.Join(jobColumns, ", ") + ") VALUES ($1, $2)"

func insertJob(ctx context.Context, db *sql.DB, queue, key string) error {
	_, err := db.ExecContext(ctx, insertJobJoined, queue, key) // want `not followed: the INSERT executed here is built at run time \("INSERT INTO jobs \(" \+ …, in package variable insertJobJoined\)`
	return err
}

// A package variable a loader sets (its address handed out) is not read
// as its declaration says: no note.
var insertLoaded = "INSERT INTO jobs (" + strings.Join(jobColumns, ", ") + ") VALUES ($1, $2)"

func load(dst *string) { *dst = "" }

func insertJobLoaded(ctx context.Context, db *sql.DB, queue, key string) error {
	load(&insertLoaded)
	_, err := db.ExecContext(ctx, insertLoaded, queue, key)
	return err
}

// A statement read from an embedded query file at run time: its text is
// not the Go code's, so a note says it is not checked.
//
//go:embed queries/create_job.sql
var queryFiles embed.FS

var insertJobFromFile = mustReadQuery("queries/create_job.sql")

func mustReadQuery(name string) string {
	b, err := queryFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func insertJobFile(ctx context.Context, db *sql.DB, queue, key string) error {
	_, err := db.ExecContext(ctx, insertJobFromFile, queue, key) // want `not followed: the statement executed here is read at run time from queries/create_job.sql by mustReadQuery, in package variable insertJobFromFile, so if it is an INSERT`
	return err
}
