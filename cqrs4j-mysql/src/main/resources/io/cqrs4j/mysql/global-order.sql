-- The global order of events (docs/adr/07-global-order-mysql-sqlite.md), added to an events table
-- that exists, idempotently: a mysql-es table, or one cqrs4j just created. Additive only, with
-- defaults, so writers that know nothing of it (mysql-es) keep inserting rows.
--   global_position  AUTO_INCREMENT, assigned at insert; appends through cqrs4j lock the sequencer
--                    row first, so positions are assigned in commit order. Existing rows are
--                    numbered in primary-key order, which keeps each aggregate's sequence order.
--   recorded_at      when the row was inserted, on the server's clock.
-- MySQL has no ADD COLUMN IF NOT EXISTS (MariaDB has), so the ALTER is prepared only when the
-- column is missing.

SET @cqrs4j_schema = COALESCE(NULLIF(SUBSTRING_INDEX('${schemaprefix}', '.', 1), ''), DATABASE());

SET @cqrs4j_alter = IF((SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = @cqrs4j_schema
        AND table_name = '${eventsname}' AND column_name = 'global_position') = 0,
    'ALTER TABLE ${events} ADD COLUMN global_position bigint NOT NULL AUTO_INCREMENT, ADD COLUMN recorded_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), ADD CONSTRAINT ${eventsname}_global_position UNIQUE (global_position)',
    'DO 0');

PREPARE cqrs4j_statement FROM @cqrs4j_alter;

EXECUTE cqrs4j_statement;

DEALLOCATE PREPARE cqrs4j_statement;

-- The sequencer: one row, locked by every append through cqrs4j until it commits.
CREATE TABLE IF NOT EXISTS ${events}_sequencer
(
    id      int    NOT NULL,
    appends bigint NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT IGNORE INTO ${events}_sequencer (id, appends) VALUES (1, 0);
