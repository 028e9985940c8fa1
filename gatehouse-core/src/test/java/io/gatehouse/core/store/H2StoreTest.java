package io.gatehouse.core.store;

import io.gatehouse.core.testing.TestDatabases;
import java.util.function.Consumer;

class H2StoreTest extends StoreContract {

    @Override
    protected AutoCloseable open(Consumer<Database> sink) {
        Database db = TestDatabases.h2();
        sink.accept(db);
        return db;
    }
}
