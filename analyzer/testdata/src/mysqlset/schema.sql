CREATE TABLE transfers (
  id BIGINT NOT NULL AUTO_INCREMENT,
  account_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  idempotency_key VARCHAR(64) NULL, -- idemlint:ignore IDEM101 the Go side is what this test is about
  PRIMARY KEY (id),
  UNIQUE KEY uq_transfers_account_key (account_id, idempotency_key)
) ENGINE=InnoDB;

CREATE TABLE holds (
  id BIGINT NOT NULL AUTO_INCREMENT,
  account_id BIGINT NOT NULL,
  idempotency_token VARCHAR(64) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_holds_token (account_id, idempotency_token)
) ENGINE=InnoDB;
