-- The tables of durable projections, in SQL that PostgreSQL, MySQL/MariaDB and SQLite accept.
-- No LOB or OID column anywhere; times are epoch milliseconds on the database's clock.

-- Where each projection has read up to, and the fencing token a checkpoint write must carry:
-- a write with any other token changes nothing (the writer lost its lease).
CREATE TABLE IF NOT EXISTS ${checkpoints}
(
    projection      VARCHAR(200) NOT NULL,
    log_transaction BIGINT       NOT NULL,
    log_position    BIGINT       NOT NULL,
    token           BIGINT       NOT NULL,
    updated_at_ms   BIGINT       NOT NULL,
    PRIMARY KEY (projection)
);

-- Who runs each projection, until when: heartbeat rows, kept apart from the checkpoints so a
-- renewal never touches (or locks) the checkpoint row.
CREATE TABLE IF NOT EXISTS ${leases}
(
    projection    VARCHAR(200) NOT NULL,
    owner         VARCHAR(200) NOT NULL,
    token         BIGINT       NOT NULL,
    expires_at_ms BIGINT       NOT NULL,
    renewed_at_ms BIGINT       NOT NULL,
    PRIMARY KEY (projection)
);

-- Events a projection failed on after its retries (dead letters), with the last error.
CREATE TABLE IF NOT EXISTS ${parked}
(
    projection      VARCHAR(200) NOT NULL,
    log_transaction BIGINT       NOT NULL,
    log_position    BIGINT       NOT NULL,
    aggregate_type  TEXT         NOT NULL,
    aggregate_id    TEXT         NOT NULL,
    sequence        BIGINT       NOT NULL,
    event_type      TEXT         NOT NULL,
    event_version   TEXT         NOT NULL,
    payload         TEXT         NOT NULL,
    metadata        TEXT         NOT NULL,
    recorded_at_ms  BIGINT       NOT NULL,
    error           TEXT         NOT NULL,
    attempts        INTEGER      NOT NULL,
    parked_at_ms    BIGINT       NOT NULL,
    PRIMARY KEY (projection, log_transaction, log_position)
);
