-- A cluster's nodes and where its control sessions are bound. `sessions.node` names the node
-- whose live connection holds the session (NULL: not connected, or the node runs alone and
-- keeps that in memory); the connection limit of a cluster counts these marks. `nodes` has a
-- row per running node whose `beats` it raises every second: a node whose beats stop is
-- judged dead by the others, which clear its marks and its row. The beats are a counter, not
-- a time, so that nodes with clocks apart judge each other by their own clocks only.
ALTER TABLE sessions ADD COLUMN node VARCHAR(64);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_node ON sessions (node);

CREATE TABLE nodes (
    name       VARCHAR(64) PRIMARY KEY,
    beats      BIGINT      NOT NULL,
    started_at BIGINT      NOT NULL
);
