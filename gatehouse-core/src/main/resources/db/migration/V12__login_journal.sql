-- How far the store has applied a node's login journal: the sequence number of the last frame
-- whose entries are rows here, written in the same transaction as those rows.
CREATE TABLE journal_applied (
    journal VARCHAR(64) PRIMARY KEY,
    seq     BIGINT      NOT NULL
);
