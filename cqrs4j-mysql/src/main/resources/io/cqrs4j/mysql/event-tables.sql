-- The mysql-es schema (db/init.sql): the same columns, types and keys, so tables the Rust crate
-- wrote are read as they are and it reads what cqrs4j writes. Differences, all compatible:
-- IF NOT EXISTS and the table names; NOT NULL before CHECK (MariaDB refuses the other order);
-- InnoDB and utf8mb4 spelled out; and ids compared exactly, by a binary collation without
-- padding (@ID_COLLATION@), so 'acct-1', 'ACCT-1' and 'ACCT-1 ' are three aggregates, not one.

CREATE TABLE IF NOT EXISTS ${events}
(
    aggregate_type varchar(255) COLLATE @ID_COLLATION@ NOT NULL,
    aggregate_id   varchar(255) COLLATE @ID_COLLATION@ NOT NULL,
    sequence       bigint NOT NULL CHECK (sequence >= 0),
    event_type     text   NOT NULL,
    event_version  text   NOT NULL,
    payload        json   NOT NULL,
    metadata       json   NOT NULL,
    CONSTRAINT events_pk PRIMARY KEY (aggregate_type, aggregate_id, sequence)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4;

CREATE TABLE IF NOT EXISTS ${snapshots}
(
    aggregate_type   varchar(255) COLLATE @ID_COLLATION@ NOT NULL,
    aggregate_id     varchar(255) COLLATE @ID_COLLATION@ NOT NULL,
    last_sequence    bigint NOT NULL CHECK (last_sequence >= 0),
    current_snapshot bigint NOT NULL CHECK (current_snapshot >= 0),
    payload          json   NOT NULL,
    CONSTRAINT snapshots_pk PRIMARY KEY (aggregate_type, aggregate_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4;
