// Package notes holds writes idemlint recognises but cannot follow: under
// -v (the analyzer's notes flag) each gets a note saying what was not
// followed and where, beside writes that are read and get none.
package notes

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"net/http"

	sq "github.com/Masterminds/squirrel"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/uptrace/bun"
	"gorm.io/gorm"

	"example.com/libs/entapi/ent"
)

//go:embed schema.sql
var schema string

// messageColumns is a slice, not constants: the values cannot be matched
// to columns.
var messageColumns = []string{"session_id", "body", "idempotency_key"}

// runInsert runs a builder it is passed, as firefly's InsertTx does.
func runInsert(db *sql.DB, q sq.InsertBuilder) error {
	_, err := q.RunWith(db).Exec() // want `not followed: squirrel's write here: its builder is not built in one chain or one variable of this function`
	return err
}

// Columns spread from a slice, the builder run by a helper.
func Spread(db *sql.DB, session, body string, key *string) error {
	return runInsert(db, sq.Insert("messages").Columns(messageColumns...).Values(session, body, key)) // want `not followed: squirrel's insert sq.Insert\("messages"\) is passed to runInsert, and idemlint does not follow it there \(to the values it gets or the call that executes it\); its column names are spread from a slice \(Columns\(messageColumns\.\.\.\)\), whose content idemlint does not read, so the key it writes is not checked`
}

// Columns spread from a slice, run here.
func SpreadRunHere(db *sql.DB, session, body string, key *string) error {
	_, err := sq.Insert("messages").Columns(messageColumns...).Values(session, body, key).RunWith(db).Exec() // want `not followed: squirrel's write here: its column names are spread from a slice \(Columns\(messageColumns\.\.\.\)\), whose content idemlint does not read, so the key it writes is not checked`
	return err
}

// A table named at run time.
func TableFromCaller(db *sql.DB, table, session, body string, key *string) error {
	_, err := sq.Insert(table).Columns("session_id", "body", "idempotency_key").Values(session, body, key).RunWith(db).Exec() // want `not followed: squirrel's write here: its table is not a constant \(Insert\(table\)\)`
	return err
}

// A table no schema declares.
func UnknownTable(db *sql.DB, session string, key *string) error {
	_, err := sq.Insert("audit_log").Columns("session_id", "idempotency_key").Values(session, key).RunWith(db).Exec() // want `not followed: squirrel's Insert\("audit_log"\) writes table audit_log, which no schema idemlint read declares`
	return err
}

// Read whole: a finding, and no note.
func Read(db *sql.DB, r *http.Request, session, body string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := sq.Insert("messages").Columns("session_id", "body", "idempotency_key").
		Values(session, body, key). // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
		RunWith(db).Exec()
	return err
}

// Read whole, the key set only when the caller's string is not empty:
// like Valid: ref != "", NULL exactly when ref is empty, which is the
// callers' to decide (the fact), not a finding here.
func ReadRef(db *sql.DB, session, ref string) error { // want ReadRef:"writes key param 2 → messages.idempotency_key"
	var key *string
	if ref != "" {
		key = &ref
	}
	_, err := sq.Insert("messages").Columns("session_id", "idempotency_key").
		Values(session, key).
		RunWith(db).Exec()
	return err
}

func readRefFromHeader(db *sql.DB, r *http.Request) error {
	return ReadRef(db, "s", r.Header.Get("Idempotency-Key")) // want `IDEM201: .*empty when the Idempotency-Key header is absent .*passed to notes.ReadRef, which writes it into messages.idempotency_key as NULL when it is empty`
}

func readRefGenerated(db *sql.DB) error {
	return ReadRef(db, "s", rand.Text())
}

// Read whole, and the key is always there: nothing at all.
func ReadFine(db *sql.DB, session, body string) error {
	_, err := sq.Insert("messages").Columns("session_id", "body", "idempotency_key").
		Values(session, body, session+":"+body).RunWith(db).Exec()
	return err
}

// A builder returned to the caller.
func Builder(session, body string, key *string) sq.InsertBuilder {
	return sq.Insert("messages").Columns("session_id", "body", "idempotency_key").Values(session, body, key) // want `not followed: squirrel's insert sq.Insert\("messages"\) is returned, and idemlint does not follow it to the call that executes it, so the key it writes is not checked`
}

type message struct {
	bun.BaseModel  `bun:"table:messages"`
	ID             int64   `bun:",pk,autoincrement"`
	SessionID      string  `bun:"session_id"`
	Body           string  `bun:"body"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// bun with its table computed at run time, as formance ledger's
// ModelTableExpr(store.GetPrefixedRelationName("logs")): where the name
// is computed from the model's own table ("messages", ".messages") it is
// that table under a schema the code picks, and the write is read; where
// nothing names it, it is not followed.
func BunPrefixed(ctx context.Context, db *bun.DB, schemaName string, m *message) error { // want BunPrefixed:"writes key param 3.IdempotencyKey → messages.idempotency_key"
	_, err := db.NewInsert().Model(m).ModelTableExpr(schemaName + ".messages").Exec(ctx) // want `IDEM201: .*BunPrefixed's parameter field m.IdempotencyKey is a \*string`
	return err
}

func BunComputedTable(ctx context.Context, db *bun.DB, table string, m *message) error {
	_, err := db.NewInsert().Model(m).ModelTableExpr(table).Exec(ctx) // want `not followed: bun's write here: its table is not a constant name \(ModelTableExpr\(table\)\)`
	return err
}

// A column set in a branch, as formance ledger's InsertLog sets its id:
// that column is unknown, the others are read. A branch that changes
// which columns are written is not followed.
func BunBranch(ctx context.Context, db *bun.DB, m *message, withID bool) error { // want BunBranch:"writes key param 2.IdempotencyKey → messages.idempotency_key"
	q := db.NewInsert().Model(m) // want `IDEM201: .*BunBranch's parameter field m.IdempotencyKey is a \*string`
	if withID {
		q = q.Value("id", "nextval('message_ids')")
	}
	_, err := q.Exec(ctx)
	return err
}

func BunBranchColumns(ctx context.Context, db *bun.DB, m *message, short bool) error {
	q := db.NewInsert().Model(m)
	if short {
		q = q.Column("session_id", "body")
	}
	_, err := q.Exec(ctx) // want `not followed: bun's write here: q = q.Column\(…\) changes its columns after its definition, perhaps in a branch`
	return err
}

// A store whose insert writes its parameter's key; callers reach it
// through an interface, as formance ledger's controller reaches its
// store.
type Store struct{ db *bun.DB }

func (s *Store) InsertMessage(ctx context.Context, m *message) error { // want InsertMessage:"writes key param 1.IdempotencyKey → messages.idempotency_key"
	_, err := s.db.NewInsert().Model(m).Exec(ctx) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: InsertMessage's parameter field m.IdempotencyKey is a \*string`
	return err
}

type MessageWriter interface {
	InsertMessage(ctx context.Context, m *message) error
}

// fakeWriter is a test double: it implements MessageWriter but writes no
// key, so Store.InsertMessage stays the one implementation that does.
type fakeWriter struct{ got []*message }

func (f *fakeWriter) InsertMessage(_ context.Context, m *message) error {
	f.got = append(f.got, m)
	return nil
}

// The key is nil, and the call goes through the interface: Store is the
// one implementation in view that writes a key, so the call is its call.
func ThroughInterface(ctx context.Context, w MessageWriter, session string) error {
	return w.InsertMessage(ctx, &message{SessionID: session}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out, so it is nil; passed to MessageWriter.InsertMessage \(Store.InsertMessage\), which writes it into messages.idempotency_key`
}

// The row is filled in a variable, its key only when the header has one:
// the message names the method the caller called, then the one that runs.
func ThroughInterfaceHeader(ctx context.Context, w MessageWriter, r *http.Request, session string) error {
	m := &message{SessionID: session}
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		m.IdempotencyKey = &k
	}
	return w.InsertMessage(ctx, m) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: .*Idempotency-Key header.*; m.IdempotencyKey is passed to MessageWriter.InsertMessage \(Store.InsertMessage\), which writes it`
}

// An interface with no name is named by the call as written.
func ThroughAnonymous(ctx context.Context, w interface {
	InsertMessage(context.Context, *message) error
}, session string) error {
	return w.InsertMessage(ctx, &message{SessionID: session}) // want `IDEM201: .*the IdempotencyKey field is left out, so it is nil; passed to w.InsertMessage \(Store.InsertMessage\), which writes it`
}

// Through the interface with a key that is always there: nothing to say.
func ThroughInterfaceKeyed(ctx context.Context, w MessageWriter, session string) error {
	k := uuid.NewString()
	return w.InsertMessage(ctx, &message{SessionID: session, IdempotencyKey: &k})
}

// Two implementations write the key: which one runs is not known.
type EventWriter interface {
	InsertEvent(ctx context.Context, m *message) error
}

func (s *Store) InsertEvent(ctx context.Context, m *message) error { // want InsertEvent:"writes key param 1.IdempotencyKey → messages.idempotency_key"
	_, err := s.db.NewInsert().Model(m).Exec(ctx) // want `IDEM201: .*InsertEvent's parameter field m.IdempotencyKey is a \*string`
	return err
}

// Mirror writes the same rows elsewhere.
type Mirror struct{ db *bun.DB }

func (s *Mirror) InsertEvent(ctx context.Context, m *message) error { // want InsertEvent:"writes key param 1.IdempotencyKey → messages.idempotency_key"
	_, err := s.db.NewInsert().Model(m).Exec(ctx) // want `IDEM201: .*InsertEvent's parameter field m.IdempotencyKey is a \*string`
	return err
}

func ThroughTwoImplementations(ctx context.Context, w EventWriter, session string) error {
	return w.InsertEvent(ctx, &message{SessionID: session}) // want `not followed: w.InsertEvent is called through an interface that 2 methods writing messages.idempotency_key implement \(Mirror.InsertEvent, Store.InsertEvent\); which one runs is not known`
}

// The same call on the concrete store is followed, and names the method
// alone.
func Direct(ctx context.Context, s *Store, session string) error {
	return s.InsertMessage(ctx, &message{SessionID: session}) // want `IDEM201: .*the IdempotencyKey field is left out, so it is nil; passed to Store.InsertMessage, which writes it`
}

// An ent builder handed to a helper that may set its key.
func EntPassedOn(ctx context.Context, client *ent.Client, session, body string) error {
	mc := client.Message.Create().SetSessionID(session).SetBody(body)
	fillKey(mc)
	return mc.Exec(ctx) // want `not followed: ent's write here: the builder mc is passed to fillKey, which may set its fields`
}

func fillKey(mc *ent.MessageCreate) { mc.SetIdempotencyKey("k") }

// An ent builder whose setter runs in a closure.
func EntCaptured(ctx context.Context, client *ent.Client, session, body, key string) error {
	mc := client.Message.Create().SetSessionID(session).SetBody(body)
	set := func() { mc.SetIdempotencyKey(key) }
	set()
	return mc.Exec(ctx) // want `not followed: ent's write here: the builder mc is used in a closure, which may set its fields`
}

// An ent builder reassigned in a branch is read: b = b.SetX(x) is a
// setter on it, and no note is due.
func EntReassigned(ctx context.Context, client *ent.Client, r *http.Request, session, body string) error {
	mc := client.Message.Create().SetSessionID(session).SetBody(body)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		mc = mc.SetIdempotencyKey(k)
	} else {
		mc = mc.SetIdempotencyKey(rand.Text())
	}
	return mc.Exec(ctx)
}

// CopySlice's rows come from a callback: the key column it lists is not
// followed. CopyRows' are literals built here: read, no note.
func CopySlice(ctx context.Context, pool *pgxpool.Pool, keys []string) error {
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, pgx.CopyFromSlice(len(keys), func(i int) ([]any, error) { // want `not followed: the rows CopyFrom writes are not read \(only pgx.CopyFromRows over \[\]any literals built in the function is\), so the value it writes into messages.idempotency_key is not checked`
		return []any{"s", "b", keys[i]}, nil
	}))
	return err
}

func CopyRows(ctx context.Context, pool *pgxpool.Pool, session, body, key string) error { // want CopyRows:"writes key param 4 → messages.idempotency_key"
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"messages"}, []string{"session_id", "body", "idempotency_key"}, pgx.CopyFromRows([][]any{{session, body, key}}))
	return err
}

type entry struct {
	Session, Body string
	Key           *string
}

// QueueAll writes each element's Key: its callers decide, through a fact
// (no note).
func QueueAll(ctx context.Context, pool *pgxpool.Pool, entries []entry) error { // want QueueAll:`writes key param 2.\[\].Key → messages.idempotency_key`
	b := &pgx.Batch{}
	for _, e := range entries {
		b.Queue(`INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`, e.Session, e.Body, e.Key) // want `IDEM201: .*QueueAll's parameter entries is a slice, and the Key field of the elements is a \*string`
	}
	return pool.SendBatch(ctx, b).Close()
}

// A slice built here by append: each element appended is read, and this
// one leaves its key out (a finding, not a note).
func queueBuilt(ctx context.Context, pool *pgxpool.Pool, r *http.Request) error {
	var entries []entry
	entries = append(entries, entry{Session: "s", Body: "b"})
	return QueueAll(ctx, pool, entries) // want `IDEM201: .*Key is not set in the entry literal .*each element's Key is passed to notes.QueueAll`
}

// A slice another function returns: its elements are not read.
func queueLoaded(ctx context.Context, pool *pgxpool.Pool, load func() []entry) error {
	entries := load()
	return QueueAll(ctx, pool, entries) // want `not followed: entries, passed to notes.QueueAll, which writes each element's Key into messages.idempotency_key, is not a slice literal nor a parameter, so the elements' Key is not checked`
}

// QueueChecked returns before passing its parameter on when an element
// has no key: every element the call sees has one, nothing to say.
func QueueChecked(ctx context.Context, pool *pgxpool.Pool, entries []entry) error {
	for _, e := range entries {
		if e.Key == nil {
			return nil
		}
	}
	return QueueAll(ctx, pool, entries)
}

// QueueCounted ranges over its parameter and reads each key, but only to
// count them: what the loop does with them is not read.
func QueueCounted(ctx context.Context, pool *pgxpool.Pool, entries []entry) (int, error) {
	n := 0
	for _, e := range entries {
		if e.Key != nil {
			n++
		}
	}
	return n, QueueAll(ctx, pool, entries) // want `not followed: entries, passed to notes.QueueAll, .*is a parameter QueueCounted ranges over`
}

// MapCreateBulk's setters run in a callback ent calls: read as each
// row's builder, which leaves the key out.
func mapBulk(ctx context.Context, client *ent.Client, bodies []string) error {
	return client.Message.MapCreateBulk(bodies, func(c *ent.MessageCreate, i int) { // want `IDEM201: .*the MessageCreateBulk builder leaves out idempotency_key`
		c.SetSessionID("s").SetBody(bodies[i])
	}).Exec(ctx)
}

// GormOrder's key is tagged default:, so GORM leaves a zero one to the
// database default and writes any other: nothing is left unread, so no
// note.
type GormOrder struct {
	ID             int64
	IdempotencyKey string `gorm:"type:uuid;not null;default:gen_random_uuid();uniqueIndex"`
}

// CreateGormOrder inserts the order it is given.
func CreateGormOrder(db *gorm.DB, o *GormOrder) error {
	return db.Create(o).Error
}

// msgRow is a row of messages held in a local before database/sql
// writes its fields.
type msgRow struct {
	Session string
	Key     *string
}

// keptRows holds the rows keepRow was handed, by address.
var keptRows []*msgRow

func keepRow(m *msgRow) { keptRows = append(keptRows, m) }

// SQLEscaped: the row's address handed to keepRow before its key is
// written: row.Key is not known there, and a note names keepRow.
func SQLEscaped(ctx context.Context, db *sql.DB, session string) error {
	row := msgRow{Session: session}
	keepRow(&row)
	_, err := db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, 'b', $2)", row.Session, row.Key) // want `not followed: row.Key is read from a variable whose address is passed to notes.keepRow before this call, which the value analysis does not follow into and which may write it, so what the INSERT writes into messages.idempotency_key is not checked`
	return err
}

// SQLStoredAddress: the key's address stored into a row before a call
// that is handed the row, not the address: the note says the address was
// stored, and names the call after it.
func SQLStoredAddress(ctx context.Context, db *sql.DB, session string) error {
	k := uuid.NewString()
	row := &msgRow{Session: session, Key: &k}
	keepRow(row)
	_, err := db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, 'b', $2)", session, &k) // want `not followed: &k is read from a variable whose address is stored into another value at notes.go:\d+ before this call; the value analysis takes every call after such a store \(here notes.keepRow\) as one that may write the variable`
	return err
}

// SQLNotEscaped: the same row, its address handed to nothing: the key
// left out of the literal is nil, a finding and no note.
func SQLNotEscaped(ctx context.Context, db *sql.DB, session string) error {
	row := msgRow{Session: session}
	_, err := db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, 'b', $2)", row.Session, row.Key) // want `IDEM201: .*Key is not set in the msgRow literal`
	return err
}

// sessionOf only reads the row it is handed.
func sessionOf(m *msgRow) string { return m.Session }

// SQLRead: the row's address handed to sessionOf, which only reads it:
// row.Key is still followed, a finding and no note.
func SQLRead(ctx context.Context, db *sql.DB, session string) error {
	row := msgRow{Session: session}
	s := sessionOf(&row)
	_, err := db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, 'b', $2)", s, row.Key) // want `IDEM201: .*Key is not set in the msgRow literal`
	return err
}

// msgIn is a message as insertMsgIn takes it.
type msgIn struct {
	Session string
	Key     *string
}

// keptIns holds the messages keepIn was handed, by address.
var keptIns []*msgIn

func keepIn(m *msgIn) { keptIns = append(keptIns, m) }

// insertMsgIn writes the key it is handed; its callers are all in view,
// so they are judged.
func insertMsgIn(ctx context.Context, db *sql.DB, m *msgIn) error { // want insertMsgIn:"writes key param 2.Key → messages.idempotency_key"
	_, err := db.ExecContext(ctx, "INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, 'b', $2)", m.Session, m.Key)
	return err
}

// PassEscaped: the message's address handed to keepIn (as copier.Copy(&row,
// &in) is) before it is passed to insertMsgIn, which writes its key: the
// key is not known at the call, and a note names keepIn.
func PassEscaped(ctx context.Context, db *sql.DB, session string) error {
	var m msgIn
	m.Session = session
	keepIn(&m)
	return insertMsgIn(ctx, db, &m) // want `not followed: m.Key, passed to notes.insertMsgIn, which writes it into messages.idempotency_key, is read from a variable whose address is passed to notes.keepIn before this call, which the value analysis does not follow into and which may write it, so the key passed here is not checked`
}

// lookupFilter selects messages like one, as a repository's list filter
// does.
type lookupFilter struct{ Like *msgIn }

// lastFilter keeps the filter lookup was handed.
var lastFilter *lookupFilter

func lookup(f *lookupFilter) []string { lastFilter = f; return nil }

// PassLookedUp: the message's address is stored in a filter handed to
// lookup, and len of lookup's result comes after it, before the message
// is passed to insertMsgIn: the key is not known at the call, and the
// note names lookup, since len writes nothing.
func PassLookedUp(ctx context.Context, db *sql.DB, session string) error {
	var m msgIn
	m.Session = session
	f := &lookupFilter{Like: &m}
	items := lookup(f)
	if len(items) > 0 {
		return nil
	}
	return insertMsgIn(ctx, db, &m) // want `not followed: m.Key, passed to notes.insertMsgIn, which writes it into messages.idempotency_key, is read from a variable whose address is passed to notes.lookup before this call`
}

// PassMinted: the message's key is made here and its address goes
// nowhere else: judged, fine, no note.
func PassMinted(ctx context.Context, db *sql.DB, session string) error {
	k := uuid.NewString()
	m := msgIn{Session: session, Key: &k}
	return insertMsgIn(ctx, db, &m)
}
