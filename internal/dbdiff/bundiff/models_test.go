package bundiff

import (
	"context"
	"database/sql"
	"time"

	"github.com/uptrace/bun"
)

// The models NewCreateTable creates, read by the test as source too: every
// tag shape whose meaning is in question.

type Payment struct {
	bun.BaseModel `bun:"table:bun_payments,alias:p"`

	ID             int64   `bun:",pk,autoincrement"`
	TenantID       string  `bun:",notnull,unique:bun_tenant_key"`
	IdempotencyKey *string `bun:"idempotency_key,unique:bun_tenant_key,type:varchar(64)"`
	PlainKey       string  `bun:",unique"`
	NullZeroKey    string  `bun:",nullzero,unique:\"bun_null_zero_key\""`
	StrictKey      string  `bun:",notnull,nullzero,unique"`
	Amount         int64   `bun:",notnull,default:0"`
	Status         string  `bun:",notnull,default:'new'"`
	Note           string
	Count          int
	Seq            int64 `bun:",identity"`
	Ptr            *int64
	Null           sql.NullString
	CreatedAt      time.Time `bun:",nullzero,notnull,default:current_timestamp"`
	DeletedAt      time.Time `bun:",soft_delete,nullzero"`
	Meta           map[string]any
	Renamed        string    `bun:"column:ext_ref,unique"`
	Skipped        string    `bun:"-"`
	Customer       *Customer `bun:"rel:belongs-to,join:customer_id=id"`
	CustomerID     int64
	hidden         string
}

// The table named by the tag's name part, an identity key, a column in
// two groups at once (quoted list, and the option given twice).
type Order struct {
	bun.BaseModel `bun:"bun_orders"`

	ID       int64  `bun:",pk,identity"`
	Shop     string `bun:",notnull,unique:\"bun_order_shop_ref,bun_order_shop_code\""`
	Ref      string `bun:",unique:bun_order_shop_ref"`
	Code     string `bun:",unique:bun_order_shop_code,unique:bun_order_code_only"`
	ItemA    string `bun:",unique"`
	Key2ID   string `bun:",notnull"`
	V1Key    *string
	HTTPCode int
}

// No BaseModel: the table is the pluralised snake_case type name; the
// columns of embedded structs are the table's, with embed:'s prefix on
// the columns and on the names of their unique groups.
type Customer struct {
	ID string `bun:",pk,type:varchar(36)"`
	Audit
	Billing Address `bun:"embed:billing_"`
	Extra   Address `bun:"extra"`
	Tags    []string
	Members []*Person `bun:"m2m:bun_customer_people,join:Customer=Person"`
}

type Audit struct {
	RequestID string `bun:",unique"`
	By        string `bun:",notnull"`
	At        *time.Time
}

type Address struct {
	Street string `bun:",notnull"`
	Zip    string `bun:",unique:zipgroup"`
	City   string `bun:",unique:zipgroup"`
}

type Person struct {
	ID   int64 `bun:",pk"`
	Name string
}

// CustomerPerson is the join table of the m2m relation.
type CustomerPerson struct {
	bun.BaseModel `bun:"table:bun_customer_people"`

	CustomerID string    `bun:",pk"`
	Customer   *Customer `bun:"rel:belongs-to,join:customer_id=id"`
	PersonID   int64     `bun:",pk"`
	Person     *Person   `bun:"rel:belongs-to,join:person_id=id"`
}

type Category struct {
	Slug string `bun:",pk"`
	Key  string `bun:",scanonly"`
}

// RowOnly has bun tags but no table is created from it: it is not a schema.
type RowOnly struct {
	Key string `bun:",notnull,unique"`
}

// UserStatus has neither bun.BaseModel nor any bun tag: bun creates its
// table all the same, named by inflection after the type
// (user_statuses).
type UserStatus struct {
	ID             int64
	IdempotencyKey *string
}

// Quiz, likewise: quizzes.
type Quiz struct {
	Title string
}

// Delivery's unique rules are created by NewCreateIndex: a composite one
// over a nullable key, and a partial one whose two Where calls bun joins
// by AND.
type Delivery struct {
	bun.BaseModel `bun:"table:bun_deliveries"`

	ID             int64   `bun:",pk,autoincrement"`
	Source         string  `bun:",notnull"`
	IdempotencyKey *string `bun:"idempotency_key"`
	DedupKey       *string `bun:"dedup_key"`
}

// createAll creates every model's table, as a module's migration would.
func createAll(ctx context.Context, db *bun.DB) error {
	db.RegisterModel((*CustomerPerson)(nil))
	for _, m := range []any{(*Payment)(nil), (*Order)(nil), (*Customer)(nil), (*Person)(nil), (*CustomerPerson)(nil), (*Category)(nil)} {
		if _, err := db.NewCreateTable().Model(m).Exec(ctx); err != nil {
			return err
		}
	}
	if _, err := db.NewCreateTable().Model((*UserStatus)(nil)).Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateTable().Model((*Quiz)(nil)).Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateTable().Model((*Delivery)(nil)).Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateIndex().Model((*Delivery)(nil)).Index("bun_deliveries_source_key").Unique().
		Column("source", "idempotency_key").Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateIndex().Table("bun_deliveries").Index("bun_deliveries_dedup").Unique().
		Column("dedup_key").Where("dedup_key IS NOT NULL").Where("source <> ''").Exec(ctx); err != nil {
		return err
	}
	// Not unique: no rule.
	if _, err := db.NewCreateIndex().Model((*Delivery)(nil)).Index("bun_deliveries_source").Column("source").Exec(ctx); err != nil {
		return err
	}
	return nil
}

var _ = Payment{}.hidden
var _ = RowOnly{}
