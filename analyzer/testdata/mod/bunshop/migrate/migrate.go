// Package migrate creates the shop's tables from a list of models
// declared in another package.
package migrate

import (
	"context"

	"github.com/uptrace/bun"

	"example.com/libs/bunshop/models"
)

func Migrate(ctx context.Context, db *bun.DB) error {
	for _, m := range models.ShopModels {
		if _, err := db.NewCreateTable().Model(m).IfNotExists().Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
