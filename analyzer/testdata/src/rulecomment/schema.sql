CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    reference text NOT NULL
);

-- Unique index on the transfer reference to enforce idempotency
CREATE UNIQUE INDEX transfers_reference ON transfers (reference);

CREATE TABLE snapshots (
    id bigserial PRIMARY KEY,
    environment text NOT NULL,
    subscription text NOT NULL,
    period text NOT NULL
);

-- The snapshot job's idempotency guarantee
CREATE UNIQUE INDEX snapshots_once ON snapshots (environment, subscription, period);
