-- One view table: the view's id, its version (the optimistic lock of every update) and its JSON.

CREATE TABLE IF NOT EXISTS ${view}
(
    view_id TEXT    NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 0),
    payload TEXT    NOT NULL CHECK (json_valid(payload)),
    PRIMARY KEY (view_id)
);
