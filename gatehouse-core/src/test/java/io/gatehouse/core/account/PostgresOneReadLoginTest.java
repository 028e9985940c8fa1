package io.gatehouse.core.account;

import io.gatehouse.core.testing.TestDatabases;

/** The same on a real PostgreSQL server (started by {@code ./gatehouse test}). */
class PostgresOneReadLoginTest extends OneReadLoginContract {

    @Override
    protected Fresh fresh() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
        return new Fresh(schema.url(), schema::close);
    }
}
