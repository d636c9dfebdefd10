// Package gorm is a test double of gorm.io/gorm: only the signatures
// idemlint's tests call.
package gorm

import "context"

type DB struct {
	Error        error
	RowsAffected int64
}

func (db *DB) Create(value interface{}) *DB                         { return db }
func (db *DB) CreateInBatches(value interface{}, batchSize int) *DB { return db }
func (db *DB) WithContext(ctx context.Context) *DB                  { return db }
func (db *DB) Table(name string, args ...interface{}) *DB           { return db }
func (db *DB) Omit(columns ...string) *DB                           { return db }
func (db *DB) Select(query interface{}, args ...interface{}) *DB    { return db }
func (db *DB) Exec(sql string, values ...interface{}) *DB           { return db }
func (db *DB) Transaction(fc func(tx *DB) error) error              { return fc(db) }
