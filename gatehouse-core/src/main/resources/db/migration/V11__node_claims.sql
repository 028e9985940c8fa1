-- What one node alone may serve in a cluster (an astron State Server's channel, say), by name.
-- A claim lives as long as its node's row: when the node leaves, or is judged gone and its row
-- deleted, its claims go with it, and another node may take them.
CREATE TABLE node_claims (
    name VARCHAR(128) PRIMARY KEY,
    node VARCHAR(64)  NOT NULL REFERENCES nodes (name) ON DELETE CASCADE
);
