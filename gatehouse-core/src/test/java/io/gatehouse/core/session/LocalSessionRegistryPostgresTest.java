package io.gatehouse.core.session;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.ManualScheduler;
import java.time.Duration;
import java.util.function.Consumer;

/** The contract on one node's registry and grants over PostgreSQL (started by {@code ./gatehouse test}). */
class LocalSessionRegistryPostgresTest extends SessionRegistryContract {

    @Override
    protected AutoCloseable openStore(Consumer<Database> sink) {
        return postgres(sink);
    }

    @Override
    protected Node node(Database db, AccountService accounts, TokenService tokens, ManualScheduler clock, Duration ttl,
                        DuplicatePolicy duplicates) {
        return LocalSessionRegistryTest.local(db, accounts, tokens, clock, ttl, duplicates);
    }
}
