// Package mapdecode fills its rows from maps with mapstructure (a message
// payload unmarshalled into map[string]any): a field the map lacks keeps
// its zero value, as a field a JSON body lacks does.
package mapdecode

import (
	"encoding/json"
	"errors"

	"github.com/go-viper/mapstructure/v2"
	"gorm.io/gorm"
)

type MsEvent struct {
	ID       uint64
	Topic    string
	DedupKey string `gorm:"size:64;not null;uniqueIndex"`
}

type MsOrder struct {
	ID             uint64
	IdempotencyKey *string `gorm:"size:64;uniqueIndex"` // want `IDEM101: idempotency key MsOrder.IdempotencyKey is nullable`
}

type eventPayload struct {
	Topic    string        `mapstructure:"topic"`
	DedupKey string        `mapstructure:"dedup_key"`
	Items    []itemMessage `mapstructure:"items"`
}

type itemMessage struct {
	Topic    string `mapstructure:"topic"`
	DedupKey string `mapstructure:"dedup_key"`
}

type orderPayload struct {
	IdempotencyKey *string `mapstructure:"idempotency_key"`
}

func decode(payload []byte, out any) error {
	var raw map[string]any
	if err := json.Unmarshal(payload, &raw); err != nil {
		return err
	}
	return mapstructure.Decode(raw, out)
}

// Store writes the key of a map that may lack it.
func Store(db *gorm.DB, raw map[string]any) error {
	var evt eventPayload
	if err := mapstructure.Decode(raw, &evt); err != nil {
		return err
	}
	return db.Create(&MsEvent{Topic: evt.Topic, DedupKey: evt.DedupKey}).Error // want `IDEM202: idempotency key ms_events.dedup_key can be empty here: empty when the mapstructure input has no dedup_key`
}

// StoreChecked rejects a map without a key.
func StoreChecked(db *gorm.DB, raw map[string]any) error {
	var evt eventPayload
	if err := mapstructure.Decode(raw, &evt); err != nil {
		return err
	}
	if evt.DedupKey == "" {
		return errors.New("dedup_key required")
	}
	return db.Create(&MsEvent{Topic: evt.Topic, DedupKey: evt.DedupKey}).Error
}

// StoreItems writes one row per element of a decoded slice.
func StoreItems(db *gorm.DB, raw map[string]any) error {
	var evt eventPayload
	if err := mapstructure.WeakDecode(raw, &evt); err != nil {
		return err
	}
	rows := make([]MsEvent, 0, len(evt.Items))
	for _, it := range evt.Items {
		rows = append(rows, MsEvent{Topic: it.Topic, DedupKey: it.DedupKey}) // want `IDEM202: idempotency key ms_events.dedup_key can be empty here: empty when an element of the mapstructure input has no dedup_key`
	}
	return db.Create(&rows).Error
}

// StoreOrder writes a pointer key a map may leave nil.
func StoreOrder(db *gorm.DB, raw map[string]any) error {
	var o orderPayload
	if err := mapstructure.Decode(raw, &o); err != nil {
		return err
	}
	return db.Create(&MsOrder{IdempotencyKey: o.IdempotencyKey}).Error // want `IDEM201: idempotency key ms_orders.idempotency_key can be NULL here: nil when the mapstructure input has no idempotency_key`
}

// StoreDecoded decodes through a helper of the package.
func StoreDecoded(db *gorm.DB, payload []byte) error {
	var evt eventPayload
	if err := decode(payload, &evt); err != nil {
		return err
	}
	return db.Create(&MsEvent{Topic: evt.Topic, DedupKey: evt.DedupKey}).Error // want `IDEM202: idempotency key ms_events.dedup_key can be empty here: empty when the mapstructure input has no dedup_key`
}
