package honestfix

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"strings"
)

// Join writes its key as given: the callers decide.
func Join(ctx context.Context, db *sql.DB, hotelID, guestID int64, key string) error { // want Join:`writes key param 4 → waitlist.dedupe_key`
	_, err := db.ExecContext(ctx, `INSERT INTO waitlist (hotel_id, guest_id, dedupe_key) VALUES ($1, $2, $3)`, hotelID, guestID, key)
	return err
}

// JoinHandler passes a query parameter inline: the fix reads it into a
// variable before the call, fills it when empty, and passes the variable.
func JoinHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hotelID, _ := strconv.ParseInt(r.PathValue("hotel"), 10, 64)
		guestID, _ := strconv.ParseInt(r.URL.Query().Get("guest"), 10, 64)
		if err := Join(r.Context(), db, hotelID, guestID, r.URL.Query().Get("dedupe")); err != nil { // want `IDEM202: idempotency key waitlist.dedupe_key can be empty here: empty when the "dedupe" query parameter is absent`
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// JoinHeader passes a header inline, named after it in the fix.
func JoinHeader(ctx context.Context, db *sql.DB, r *http.Request, hotelID, guestID int64) error {
	return Join(ctx, db, hotelID, guestID, r.Header.Get("X-Dedupe-Key")) // want `IDEM202: idempotency key waitlist.dedupe_key can be empty here: empty when the X-Dedupe-Key header is absent`
}

// JoinTrimmed passes a header through strings.TrimSpace inline: not a
// getter alone, so no variable is made of it and no fix is offered.
func JoinTrimmed(ctx context.Context, db *sql.DB, r *http.Request, hotelID, guestID int64) error {
	return Join(ctx, db, hotelID, guestID, strings.TrimSpace(r.Header.Get("X-Dedupe-Key"))) // want `IDEM202: idempotency key waitlist.dedupe_key can be empty here: .*; no fix is offered: idemlint found no edit it can make safely here`
}

// JoinChecked rejects a missing key: no finding.
func JoinChecked(ctx context.Context, db *sql.DB, r *http.Request, hotelID, guestID int64) error {
	key := r.Header.Get("X-Dedupe-Key")
	if key == "" {
		return http.ErrNoCookie
	}
	return Join(ctx, db, hotelID, guestID, key)
}
