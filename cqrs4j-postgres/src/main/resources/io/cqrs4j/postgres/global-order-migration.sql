-- Adds cqrs4j's global order to an events table that postgres-es created: the columns
-- global_position, tx_id and recorded_at, and the (tx_id, global_position) index the log is read
-- by. Idempotent; run by PostgresCqrs.upgradeSchema in one transaction. It rewrites the table
-- under an exclusive lock (writers wait), so run it in a maintenance window on a large table.
-- The Rust crate keeps reading and writing the table afterwards: the new columns have defaults.
--
-- Existing rows all get the migration's transaction id and recorded_at, and positions that follow
-- the rows' physical order (ctid) but are then redistributed within each aggregate so that its
-- events are in sequence order: a per-aggregate order is guaranteed; an order across aggregates
-- for history written before the migration is as good as the table's physical order.

ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS global_position bigint;
ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS recorded_at timestamptz NOT NULL DEFAULT now();

-- Numbering and the identity happen once, while global_position is not yet an identity column
-- (an identity column cannot be set, even by an UPDATE that matches no row).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('${events}')
               AND attname = 'global_position' AND attidentity <> '') THEN
        RETURN;
    END IF;
    UPDATE ${events} AS e
    SET global_position = numbered.position
    FROM (SELECT by_sequence.aggregate_type, by_sequence.aggregate_id, by_sequence.sequence,
                 by_place.place + (SELECT COALESCE(MAX(global_position), 0) FROM ${events}) AS position
          FROM (SELECT aggregate_type, aggregate_id, sequence,
                       row_number() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY sequence) AS k
                FROM ${events} WHERE global_position IS NULL) AS by_sequence
          JOIN (SELECT aggregate_type, aggregate_id, place,
                       row_number() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY place) AS k
                FROM (SELECT aggregate_type, aggregate_id, row_number() OVER (ORDER BY ctid) AS place
                      FROM ${events} WHERE global_position IS NULL) AS physical) AS by_place
            ON by_place.aggregate_type = by_sequence.aggregate_type
           AND by_place.aggregate_id = by_sequence.aggregate_id
           AND by_place.k = by_sequence.k) AS numbered
    WHERE e.aggregate_type = numbered.aggregate_type
      AND e.aggregate_id = numbered.aggregate_id
      AND e.sequence = numbered.sequence;
    ALTER TABLE ${events} ALTER COLUMN global_position SET NOT NULL;
    -- new rows: positions from an identity that starts after the highest one given above
    EXECUTE format('ALTER TABLE ${events} ALTER COLUMN global_position'
                   ' ADD GENERATED ALWAYS AS IDENTITY (START WITH %s)',
                   (SELECT COALESCE(MAX(global_position), 0) + 1 FROM ${events}));
END
$$;

CREATE UNIQUE INDEX IF NOT EXISTS ${eventsname}_log_order ON ${events} (tx_id, global_position);
