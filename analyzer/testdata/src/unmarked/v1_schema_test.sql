CREATE TABLE refunds (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    external_ref text, -- want "not checked as a key: refunds.external_ref is nullable in unique constraint refunds_order_id_external_ref_key \\(order_id, external_ref\\), where NULLs repeat.*; this schema is embedded by a test file \\(unmarked_test.go\\), as test data$"
    UNIQUE (order_id, external_ref)
);
