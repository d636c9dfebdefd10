CREATE TABLE holds (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL,
    client_token uuid NOT NULL,
    UNIQUE (account_id, client_token)
);
