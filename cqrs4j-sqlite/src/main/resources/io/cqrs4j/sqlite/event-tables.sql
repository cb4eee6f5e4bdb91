-- The events and snapshots tables of postgres-es in SQLite: the same columns, JSON kept as TEXT
-- (checked with json_valid), INTEGER for the 64-bit sequences. The events' primary key is the
-- optimistic lock: a second commit at a taken sequence violates it and becomes a conflict.
-- Snapshots hold one row per aggregate, updated in place (as in mysql-es).
-- global_position and recorded_at (epoch milliseconds) are the global order of durable
-- projections, filled in by the trigger of global-order.sql under SQLite's single write lock.

CREATE TABLE IF NOT EXISTS ${events}
(
    aggregate_type TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    sequence       INTEGER NOT NULL CHECK (sequence >= 0),
    event_type     TEXT    NOT NULL,
    event_version  TEXT    NOT NULL,
    payload        TEXT    NOT NULL CHECK (json_valid(payload)),
    metadata       TEXT    NOT NULL CHECK (json_valid(metadata)),
    global_position INTEGER,
    recorded_at     INTEGER,
    PRIMARY KEY (aggregate_type, aggregate_id, sequence)
);

CREATE TABLE IF NOT EXISTS ${snapshots}
(
    aggregate_type   TEXT    NOT NULL,
    aggregate_id     TEXT    NOT NULL,
    last_sequence    INTEGER NOT NULL CHECK (last_sequence >= 0),
    current_snapshot INTEGER NOT NULL CHECK (current_snapshot >= 0),
    payload          TEXT    NOT NULL CHECK (json_valid(payload)),
    PRIMARY KEY (aggregate_type, aggregate_id)
);
