-- One view table, as mysql-es defines them, with the view id compared exactly (@ID_COLLATION@).

CREATE TABLE IF NOT EXISTS ${view}
(
    view_id varchar(255) COLLATE @ID_COLLATION@ NOT NULL,
    version bigint NOT NULL CHECK (version >= 0),
    payload json   NOT NULL,
    PRIMARY KEY (view_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4;
