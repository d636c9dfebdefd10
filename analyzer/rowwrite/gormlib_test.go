package rowwrite_test

import (
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/utils/tests"
)

// What gorm.go models, checked against GORM itself: a dry-run session
// runs GORM's real create callbacks and keeps the INSERT they build, so
// the columns and values GORM sends are visible without a database.

type gormOrder struct {
	ID             uint
	AccountID      string
	IdempotencyKey *string `gorm:"default:gen_random_uuid()"`
}

type gormStamped struct {
	ID             uint
	SessionID      string
	IdempotencyKey *string
	CreatedAt      time.Time
}

func (s *gormStamped) BeforeCreate(*gorm.DB) error {
	s.CreatedAt = time.Now()
	return nil
}

type gormFilled struct {
	ID             uint
	SessionID      string
	IdempotencyKey *string
}

func (f *gormFilled) BeforeCreate(*gorm.DB) error {
	if f.IdempotencyKey == nil {
		k := rand.Text()
		f.IdempotencyKey = &k
	}
	return nil
}

func dryRun(t *testing.T) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(tests.DummyDialector{}, &gorm.Config{DryRun: true, Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	return db.WithContext(context.Background())
}

// insertOf returns the INSERT GORM builds for row, and its values by
// column.
func insertOf(t *testing.T, db *gorm.DB, row any) (string, map[string]any) {
	t.Helper()
	stmt := db.Create(row).Statement
	sql := stmt.SQL.String()
	open, closing := strings.Index(sql, "("), strings.Index(sql, ")")
	if open < 0 || closing < open {
		t.Fatalf("no column list in %s", sql)
	}
	vals := map[string]any{}
	for i, c := range strings.Split(sql[open+1:closing], ",") {
		if i < len(stmt.Vars) {
			vals[strings.Trim(strings.TrimSpace(c), "`\"")] = stmt.Vars[i]
		}
	}
	return sql, vals
}

// TestGormDefaultPointer: a *string field tagged default: is left out of
// the INSERT when nil (the database default fills it), but a pointer to
// "" is sent as the empty string: GORM tests the field, not what it
// points to. So Source.ZeroAs is ZeroAsDefault for such a field, and the
// "" it points to is a key.
func TestGormDefaultPointer(t *testing.T) {
	db := dryRun(t)
	sql, vals := insertOf(t, db, &gormOrder{AccountID: "a"})
	if _, ok := vals["idempotency_key"]; ok {
		t.Errorf("nil key tagged default: is sent: %s", sql)
	}
	empty := ""
	sql, vals = insertOf(t, db, &gormOrder{AccountID: "a", IdempotencyKey: &empty})
	v, ok := vals["idempotency_key"]
	if !ok {
		t.Fatalf("a pointer to \"\" is not sent: %s", sql)
	}
	if p, isPtr := v.(*string); !isPtr || *p != "" {
		t.Errorf("a pointer to \"\" is sent as %#v, want a pointer to \"\"", v)
	}
}

// TestGormHooks: a BeforeCreate hook that never writes the key leaves it
// what the row holds (nil: NULL); one that fills it when nil gives every
// row a key.
func TestGormHooks(t *testing.T) {
	db := dryRun(t)
	sql, vals := insertOf(t, db, &gormStamped{SessionID: "s"})
	if v, ok := vals["idempotency_key"]; !ok || v.(*string) != nil {
		t.Errorf("a hook that stamps the time: key sent as %#v (sent: %v) in %s, want nil", v, ok, sql)
	}
	sql, vals = insertOf(t, db, &gormFilled{SessionID: "s"})
	if v, ok := vals["idempotency_key"]; !ok || v.(*string) == nil || *v.(*string) == "" {
		t.Errorf("a hook that fills the key: key sent as %#v in %s", v, sql)
	}
}

// TestGormFirstOrCreate: FirstOrCreate's create branch writes the row's
// fields after copying in the condition's non-zero fields, so a key the
// condition leaves nil is written NULL, and one it sets is written. The
// dry run finds no row, so the create branch runs.
func TestGormFirstOrCreate(t *testing.T) {
	db := dryRun(t)
	var m gormStamped
	stmt := db.FirstOrCreate(&m, gormStamped{SessionID: "s"}).Statement
	if sql := stmt.SQL.String(); !strings.HasPrefix(sql, "INSERT") {
		t.Fatalf("FirstOrCreate on no rows ran %s, want an INSERT", sql)
	}
	if m.IdempotencyKey != nil || m.SessionID != "s" {
		t.Errorf("created row %+v: want the condition's session and a nil key", m)
	}
	k := "k1"
	var m2 gormStamped
	db.Where(gormStamped{SessionID: "s"}).Attrs(gormStamped{IdempotencyKey: &k}).FirstOrCreate(&m2)
	if m2.IdempotencyKey == nil || *m2.IdempotencyKey != "k1" {
		t.Errorf("Attrs' key not copied into the created row: %+v", m2)
	}
}
