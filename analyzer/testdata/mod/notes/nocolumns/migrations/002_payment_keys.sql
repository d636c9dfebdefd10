-- idemlint:file-ignore IDEM101 this package tests the Go side
-- The key comes last: ADD COLUMN appends it, so an INSERT that names no
-- columns writes it with its fourth value.
ALTER TABLE payments ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX payments_idempotency_key ON payments (idempotency_key);

-- refunds gains a column: a VALUES list written for the old table no
-- longer matches it.
ALTER TABLE refunds ADD COLUMN reason text;
