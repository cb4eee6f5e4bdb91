-- The postgres-es schema (db/init.sql) with IF NOT EXISTS and the table names, plus three columns
-- that only cqrs4j reads: the global order of durable projections. They have defaults, so
-- writers that know nothing of them (the Rust crate) keep inserting rows as before, and the
-- Rust crate reads the tables as its own. jsonb instead of json works too.
--
-- global_position  unique, assigned at insert (identity); the order within a transaction
-- tx_id            the writing transaction (pg_current_xact_id()); the log is ordered by
--                  (tx_id, global_position) and read only below the oldest running transaction,
--                  so no event that commits late is ever skipped (docs/adr/06-global-order.md)
-- recorded_at      when the writing transaction started (the database clock)
--
-- A table postgres-es created gets them from global-order-migration.sql (PostgresCqrs.upgradeSchema).

CREATE TABLE IF NOT EXISTS ${events}
(
    aggregate_type  text                         NOT NULL,
    aggregate_id    text                         NOT NULL,
    sequence        bigint CHECK (sequence >= 0) NOT NULL,
    event_type      text                         NOT NULL,
    event_version   text                         NOT NULL,
    payload         json                         NOT NULL,
    metadata        json                         NOT NULL,
    global_position bigint GENERATED ALWAYS AS IDENTITY,
    tx_id           xid8                         NOT NULL DEFAULT pg_current_xact_id(),
    recorded_at     timestamptz                  NOT NULL DEFAULT now(),
    PRIMARY KEY (aggregate_type, aggregate_id, sequence),
    CONSTRAINT ${eventsname}_log_order UNIQUE (tx_id, global_position)
);

CREATE TABLE IF NOT EXISTS ${snapshots}
(
    aggregate_type   text                                 NOT NULL,
    aggregate_id     text                                 NOT NULL,
    last_sequence    bigint CHECK (last_sequence >= 0)    NOT NULL,
    current_snapshot bigint CHECK (current_snapshot >= 0) NOT NULL,
    payload          json                                 NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id, last_sequence)
);
