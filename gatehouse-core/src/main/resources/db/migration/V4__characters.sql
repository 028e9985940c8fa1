-- Characters of an account on a front, each with the front's own serialized state of it
-- (for marauroa, the character's RPObject). Names are unique per front.
CREATE TABLE characters (
    front      VARCHAR(16) NOT NULL,
    name       VARCHAR(64) NOT NULL,
    account_id BIGINT      NOT NULL REFERENCES accounts (id),
    data       BYTEA       NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (front, name)
);
CREATE INDEX characters_by_account ON characters (front, account_id, created_at);
