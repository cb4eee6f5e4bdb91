-- The global order of events (docs/adr/07-global-order-mysql-sqlite.md), idempotent, for an events
-- table that has the columns global_position and recorded_at (created with them, or given them by
-- SqliteCqrs.upgradeSchema: SQLite has no ADD COLUMN IF NOT EXISTS, so that part is not here).
-- SQLite has one writer at a time: a position taken under the write lock, as MAX + 1, is taken
-- in commit order, so a reader that reads global_position > checkpoint never skips an event.

-- Rows without a position (all of them after the columns were added, or rows inserted before the
-- trigger existed) are numbered after the highest position, in primary-key order, which keeps
-- each aggregate's sequence order.
UPDATE ${events} AS e
SET global_position = n.position,
    recorded_at     = COALESCE(e.recorded_at, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
FROM (SELECT rowid AS row_id,
             ROW_NUMBER() OVER (ORDER BY aggregate_type, aggregate_id, sequence)
                 + (SELECT COALESCE(MAX(global_position), 0) FROM ${events}) AS position
      FROM ${events}
      WHERE global_position IS NULL) AS n
WHERE e.rowid = n.row_id;

CREATE UNIQUE INDEX IF NOT EXISTS ${schemaprefix}${eventsname}_global_position ON ${eventsname} (global_position);

-- Every insert that brings no position gets the next one, whoever the writer is.
CREATE TRIGGER IF NOT EXISTS ${schemaprefix}${eventsname}_global_position AFTER INSERT ON ${eventsname} FOR EACH ROW WHEN NEW.global_position IS NULL BEGIN UPDATE ${eventsname} SET global_position = (SELECT COALESCE(MAX(global_position), 0) + 1 FROM ${eventsname}), recorded_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE rowid = NEW.rowid; END;
