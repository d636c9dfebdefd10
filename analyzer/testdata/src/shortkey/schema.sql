CREATE TABLE tickets (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    body text NOT NULL,
    idempotency_key varchar(20) NOT NULL,
    UNIQUE (queue, idempotency_key)
);

CREATE TABLE codes (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    body text NOT NULL,
    idempotency_key char(8) NOT NULL,
    UNIQUE (queue, idempotency_key)
);
