package gormcreate

import (
	"crypto/rand"
	"net/http"
	"time"

	"gopkg.in/guregu/null.v4"
	"gorm.io/gorm"
)

// Stamped's hook stamps the time and never writes the key: the key is
// what the caller's row holds.
type Stamped struct { // want Stamped:`GORM hooks fill fields 4`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
	CreatedAt      time.Time
}

func (Stamped) TableName() string { return "messages" }

func (s *Stamped) BeforeCreate(tx *gorm.DB) error {
	s.CreatedAt = time.Now()
	return nil
}

// Filled's hook fills the key when the row has none.
type Filled struct { // want Filled:`GORM hooks fill fields 3`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (Filled) TableName() string { return "messages" }

func (f *Filled) BeforeCreate(tx *gorm.DB) error {
	if f.IdempotencyKey == nil {
		k := rand.Text()
		f.IdempotencyKey = &k
	}
	return nil
}

// Always's hook sets the key on every row.
type Always struct { // want Always:`GORM hooks fill fields 3`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (Always) TableName() string { return "messages" }

func (a *Always) BeforeSave(tx *gorm.DB) error {
	k := rand.Text()
	a.IdempotencyKey = &k
	return nil
}

// Sometimes's hook sets the key on some rows only, whatever the row holds.
type Sometimes struct { // want Sometimes:`GORM hooks fill nothing`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (Sometimes) TableName() string { return "messages" }

func (s *Sometimes) BeforeCreate(tx *gorm.DB) error {
	if s.Body != "" {
		k := rand.Text()
		s.IdempotencyKey = &k
	}
	return nil
}

func hooked(db *gorm.DB, s, b string) {
	db.Create(&Stamped{SessionID: s, Body: b}) // want `IDEM201: .*the IdempotencyKey field is left out of the Stamped literal, so GORM writes NULL`
	k := rand.Text()
	db.Create(&Stamped{SessionID: s, Body: b, IdempotencyKey: &k})
	db.Create(&Filled{SessionID: s, Body: b})    // the hook fills the key
	db.Create(&Always{SessionID: s, Body: b})    // the hook sets the key
	db.Create(&Sometimes{SessionID: s, Body: b}) // want `IDEM201: .*the IdempotencyKey field is left out of the Sometimes literal, so GORM writes NULL`
	k2 := rand.Text()
	db.Create(&Sometimes{SessionID: s, Body: b, IdempotencyKey: &k2})
}

// Minted's hook fills the key when the row has none; Embedded gets that
// hook by embedding Minted, and GORM calls the promoted hook on the
// outer row, so it fills Embedded's key (field 3, then Minted's field 0).
type Minted struct { // want Minted:`GORM hooks fill fields 0`
	IdempotencyKey *string
}

func (m *Minted) BeforeCreate(tx *gorm.DB) error {
	if m.IdempotencyKey == nil {
		k := rand.Text()
		m.IdempotencyKey = &k
	}
	return nil
}

type Embedded struct { // want Embedded:`GORM hooks fill fields 3.0`
	ID        uint
	SessionID string
	Body      string
	Minted
}

func (Embedded) TableName() string { return "messages" }

func embeddedHook(db *gorm.DB, s, b string) {
	db.Create(&Embedded{SessionID: s, Body: b}) // the promoted hook fills the key
}

// CreateEmbedded takes the row whole: its *string key is no contract,
// since the promoted hook fills a nil one; a pointer to "" is written as
// it is, so its callers are judged on that.
func CreateEmbedded(db *gorm.DB, e *Embedded) error { // want CreateEmbedded:`writes key param 1.Minted.IdempotencyKey → messages.idempotency_key`
	return db.Create(e).Error
}

// NilFilled's hook fills the key only where it is nil: a pointer to ""
// is not nil, so the hook keeps it and GORM writes the empty string.
type NilFilled struct { // want NilFilled:`GORM hooks fill fields 3 \(where nil or invalid\)`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (NilFilled) TableName() string { return "messages" }

func (n *NilFilled) BeforeCreate(tx *gorm.DB) error {
	if n.IdempotencyKey == nil {
		k := rand.Text()
		n.IdempotencyKey = &k
	}
	return nil
}

// EmptyFilled's hook fills the key where it is nil or points to "".
type EmptyFilled struct { // want EmptyFilled:`GORM hooks fill fields 3$`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey *string
}

func (EmptyFilled) TableName() string { return "messages" }

func (e *EmptyFilled) BeforeCreate(tx *gorm.DB) error {
	if e.IdempotencyKey == nil || *e.IdempotencyKey == "" {
		k := rand.Text()
		e.IdempotencyKey = &k
	}
	return nil
}

// ValidFilled's hook fills the key where it is invalid: guregu's
// null.StringFrom("") is valid, so the hook keeps its "".
type ValidFilled struct { // want ValidFilled:`GORM hooks fill fields 3 \(where nil or invalid\)`
	ID             uint
	SessionID      string
	Body           string
	IdempotencyKey null.String
}

func (ValidFilled) TableName() string { return "messages" }

func (v *ValidFilled) BeforeCreate(tx *gorm.DB) error {
	if !v.IdempotencyKey.Valid {
		v.IdempotencyKey = null.StringFrom(rand.Text())
	}
	return nil
}

func nilHooked(db *gorm.DB, r *http.Request, s, b string) {
	db.Create(&NilFilled{SessionID: s, Body: b}) // the hook fills the nil key
	h := r.Header.Get("Idempotency-Key")
	db.Create(&NilFilled{SessionID: s, Body: b, IdempotencyKey: &h})                                                 // want `IDEM202: idempotency key messages.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	db.Create(&EmptyFilled{SessionID: s, Body: b, IdempotencyKey: &h})                                               // the hook fills a key that points to ""
	db.Create(&ValidFilled{SessionID: s, Body: b})                                                                   // the hook fills the invalid key
	db.Create(&ValidFilled{SessionID: s, Body: b, IdempotencyKey: null.StringFrom(r.Header.Get("Idempotency-Key"))}) // want `IDEM202: idempotency key messages.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	db.Create(&ValidFilled{SessionID: s, Body: b, IdempotencyKey: null.NewString(h, h != "")})                       // invalid where empty: the hook fills it
}

// CreateNilFilled takes the row whole: its *string key is no contract,
// since the hook fills a nil one; a pointer to "" is its callers'.
func CreateNilFilled(db *gorm.DB, n *NilFilled) error { // want CreateNilFilled:`writes key param 1.IdempotencyKey → messages.idempotency_key`
	return db.Create(n).Error
}

func nilFilledCallers(db *gorm.DB, r *http.Request) {
	h := r.Header.Get("Idempotency-Key")
	_ = CreateNilFilled(db, &NilFilled{IdempotencyKey: &h}) // want `IDEM202: idempotency key messages.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	_ = CreateNilFilled(db, &NilFilled{})                   // the hook fills the nil key
}
