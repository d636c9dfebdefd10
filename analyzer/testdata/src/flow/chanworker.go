package flow

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"net/http"
)

// A payment job a handler hands to a worker over a channel.
type payJob struct {
	Account, Key string
}

// enqueuePay sends the request's key, empty when the header is absent.
func enqueuePay(jobs chan<- payJob, r *http.Request) {
	jobs <- payJob{Account: r.PathValue("account"), Key: r.Header.Get("Idempotency-Key")}
}

// payWorker inserts what it receives: the handler's empty key too.
func payWorker(ctx context.Context, db *sql.DB, jobs <-chan payJob) {
	for j := range jobs {
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Account, j.Key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the Idempotency-Key header is absent \(Header.Get, chanworker.go:18\), which flow.enqueuePay sends on a channel \(chanworker.go:18\) that this function receives from`
	}
}

// A refund job whose key the sender always generates.
type refundJob struct{ Account, Key string }

func enqueueRefund(jobs chan<- refundJob, account string) {
	jobs <- refundJob{Account: account, Key: rand.Text()}
}

// refundWorker receives only generated keys: not reported.
func refundWorker(ctx context.Context, db *sql.DB, jobs <-chan refundJob) {
	for j := range jobs {
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Account, j.Key)
	}
}

// payWorkerChecked skips a job without a key.
func payWorkerChecked(ctx context.Context, db *sql.DB, jobs <-chan payJob) {
	for j := range jobs {
		if j.Key == "" {
			continue
		}
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Account, j.Key)
	}
}

// A transfer job sent by pointer.
type transferJob struct{ Account, Key string }

// enqueueTransfer sends the query parameter's key, empty when absent.
func enqueueTransfer(jobs chan<- *transferJob, r *http.Request) {
	jobs <- &transferJob{Account: r.PathValue("account"), Key: r.URL.Query().Get("key")}
}

// transferWorker inserts the pointed-to job's key: the sender's empty
// key too.
func transferWorker(ctx context.Context, db *sql.DB, jobs <-chan *transferJob) {
	for {
		j, ok := <-jobs
		if !ok {
			return
		}
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Account, j.Key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the "key" query parameter is absent \(Query\(\)\.Get, chanworker.go:57\), which flow.enqueueTransfer sends on a channel \(chanworker.go:57\) that this function receives from`
	}
}

// An audit job sent by pointer whose sender fills the key when the
// request has none.
type auditJob struct{ Account, Key string }

func enqueueAudit(jobs chan<- *auditJob, r *http.Request) {
	j := &auditJob{Account: r.PathValue("account"), Key: r.URL.Query().Get("key")}
	if j.Key == "" {
		j.Key = rand.Text()
	}
	jobs <- j
}

// auditWorker receives only keyed jobs: not reported.
func auditWorker(ctx context.Context, db *sql.DB, jobs <-chan *auditJob) {
	for j := range jobs {
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Account, j.Key)
	}
}

// A queue worker with two channels of one job type, drained by a select.
type queueJob struct{ Queue, Key string }

type queueWorker struct {
	db     *sql.DB
	urgent chan queueJob
	bulk   chan queueJob
}

// submitUrgent sends the caller's dedupe header, empty when absent.
func (w *queueWorker) submitUrgent(r *http.Request) {
	w.urgent <- queueJob{Queue: "urgent", Key: r.Header.Get("X-Dedupe-Id")}
}

// submitBulk sends only generated keys.
func (w *queueWorker) submitBulk() {
	w.bulk <- queueJob{Queue: "bulk", Key: rand.Text()}
}

// run receives in a select: the urgent case is judged by the sends on
// w.urgent, the bulk case by those on w.bulk alone, though both channels
// carry a queueJob.
func (w *queueWorker) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-w.urgent:
			w.db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Queue, j.Key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the X-Dedupe-Id header is absent \(Header.Get, chanworker.go:102\), which queueWorker.submitUrgent sends on a channel \(chanworker.go:102\) that this function receives from`
		case j := <-w.bulk:
			w.db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Queue, j.Key)
		}
	}
}

// A job holding its item by pointer: the key is read through the pointer
// inside the value received.
type payItem struct{ Key string }

type itemJob struct {
	Account string
	Item    *payItem
}

func enqueueItem(jobs chan<- itemJob, r *http.Request) {
	jobs <- itemJob{Account: r.PathValue("account"), Item: &payItem{Key: r.Header.Get("Idempotency-Key")}}
}

// itemWorker keeps the received job and reads its item's key: the
// handler's empty key too.
func itemWorker(ctx context.Context, db *sql.DB, jobs <-chan itemJob) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			defer func() { _ = j }()
			db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Account, j.Item.Key) // want `IDEM202: .*empty when the Idempotency-Key header is absent \(Header.Get, chanworker.go:\d+\), which flow.enqueueItem sends on a channel`
		}
	}
}

// A batch handler that queues each decoded item by pointer: an item
// without a key is sent as it came.
type batchJob struct {
	Account string
	Item    *payItem
}

type batchWorker struct {
	db      *sql.DB
	jobs    chan batchJob
	checked chan batchJob
}

func (w *batchWorker) postBatch(r *http.Request) {
	var items []*payItem
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		return
	}
	for _, it := range items {
		w.jobs <- batchJob{Account: r.PathValue("account"), Item: it}
	}
}

func (w *batchWorker) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-w.jobs:
			w.storeItem(ctx, j.Account, j.Item) // want `IDEM202: .*empty when an element of the JSON body has no Key, decoded at chanworker.go:\d+, which batchWorker.postBatch sends on a channel`
		}
	}
}

// storeItem writes the item's key as it is: the decoded item's empty key
// too.
func (w *batchWorker) storeItem(ctx context.Context, account string, it *payItem) { // want storeItem:`writes key param 2.Key → payments.idempotency_key`
	w.db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, account, it.Key)
}

// postBatchChecked rejects a batch with a keyless item before queueing
// any: its sends carry keys.
func (w *batchWorker) postBatchChecked(r *http.Request) {
	var items []*payItem
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		return
	}
	for _, it := range items {
		if it.Key == "" {
			return
		}
	}
	for _, it := range items {
		w.checked <- batchJob{Account: r.PathValue("account"), Item: it}
	}
}

// runChecked receives only checked items: not reported.
func (w *batchWorker) runChecked(ctx context.Context) {
	for j := range w.checked {
		w.storeItem(ctx, j.Account, j.Item)
	}
}

// Two package queues of one job type. A worker that drains its parameter
// is judged by the sends on the queues its callers pass: drainBulkQueue
// is only given bulkQueue, which carries generated keys.
type queuedJob struct{ Queue, Key string }

var (
	urgentQueue = make(chan queuedJob, 1)
	bulkQueue   = make(chan queuedJob, 1)
)

func submitQueued(r *http.Request) {
	urgentQueue <- queuedJob{"urgent", r.Header.Get("X-Dedupe-Id")}
	bulkQueue <- queuedJob{"bulk", rand.Text()}
}

// drainBulkQueue receives only generated keys: not reported.
func drainBulkQueue(ctx context.Context, db *sql.DB, ch <-chan queuedJob) {
	for j := range ch {
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Queue, j.Key)
	}
}

// drainUrgentQueue is given urgentQueue: the header's empty key too.
func drainUrgentQueue(ctx context.Context, db *sql.DB, ch <-chan queuedJob) {
	for j := range ch {
		db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, j.Queue, j.Key) // want `IDEM202: .*empty when the X-Dedupe-Id header is absent \(Header.Get, chanworker.go:\d+\), which flow.submitQueued sends on a channel`
	}
}

func startQueues(ctx context.Context, db *sql.DB) {
	go drainBulkQueue(ctx, db, bulkQueue)
	go drainUrgentQueue(ctx, db, urgentQueue)
}
