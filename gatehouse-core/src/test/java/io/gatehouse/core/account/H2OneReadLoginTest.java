package io.gatehouse.core.account;

import io.gatehouse.core.testing.TestDatabases;

class H2OneReadLoginTest extends OneReadLoginContract {

    @Override
    protected Fresh fresh() {
        return new Fresh(TestDatabases.h2Url(), () -> { });
    }
}
