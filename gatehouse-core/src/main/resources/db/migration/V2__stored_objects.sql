-- Persistent objects for fronts that keep game objects in the store (astron's Database
-- Server). An object is a class id and a set of fields, each an opaque byte value; the front
-- owns the meaning of both. Each front has its own id space.

CREATE TABLE stored_objects (
    space    VARCHAR(32) NOT NULL,
    id       BIGINT      NOT NULL,
    class_id INTEGER     NOT NULL,
    PRIMARY KEY (space, id)
);

CREATE TABLE stored_object_fields (
    space     VARCHAR(32) NOT NULL,
    object_id BIGINT      NOT NULL,
    field_id  INTEGER     NOT NULL,
    val       BYTEA       NOT NULL,
    PRIMARY KEY (space, object_id, field_id),
    FOREIGN KEY (space, object_id) REFERENCES stored_objects (space, id) ON DELETE CASCADE
);

-- The next id to hand out per space. Ids are never handed out twice, even after a delete,
-- so that a stale reference can never reach a newer object.
CREATE TABLE stored_object_ids (
    space   VARCHAR(32) PRIMARY KEY,
    next_id BIGINT      NOT NULL
);
