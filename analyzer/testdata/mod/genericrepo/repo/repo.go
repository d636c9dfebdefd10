// Package repo is a module's generic repository in a package of its own:
// the row's type, and so the table, is each caller's type argument, so
// its facts tell the packages that call it which parameter each function
// GORM-creates, and each call is judged there.
package repo

import (
	"context"

	"gorm.io/gorm"
)

func Create[T any](ctx context.Context, db *gorm.DB, row *T) error { // want Create:`writes param 2 as a GORM row`
	return db.WithContext(ctx).Create(row).Error
}

func CreateAll[T any](ctx context.Context, db *gorm.DB, rows []T) error { // want CreateAll:`writes param 2 as a GORM row`
	return db.WithContext(ctx).Create(&rows).Error
}

type Repo[T any] struct{ DB *gorm.DB }

func (r *Repo[T]) Insert(ctx context.Context, row *T) error { // want Insert:`writes param 1 as a GORM row`
	return r.DB.WithContext(ctx).Create(row).Error
}

// CreateKeyless leaves a column out by name: the chain is not carried to
// the callers, so no fact.
func CreateKeyless[T any](ctx context.Context, db *gorm.DB, row *T) error {
	return db.WithContext(ctx).Omit("IdempotencyKey").Create(row).Error
}
