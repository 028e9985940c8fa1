package io.gatehouse.control.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.control.ControlConfig;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limit when auths share one group transaction: each unit sees the account's
 * count before any of them is bound, so only the places held inside the units keep the
 * limit. The group committer is held busy so that every auth lands in the same batch.
 */
class AuthenticatorTest {

    private static final int LIMIT = 2;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ManualScheduler clock = new ManualScheduler();
    private Database db;
    private GroupCommitter commits;
    private TokenService tokens;
    private LocalSessionRegistry sessions;
    private Authenticator authenticator;

    @BeforeEach
    void open() {
        db = TestDatabases.h2();
        commits = new GroupCommitter(db, 64);
        AccountService accounts = TestDatabases.accounts(db, clock);
        accounts.create("pia", "pw".toCharArray());
        tokens = new TokenService(db, accounts, clock);
        sessions = new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER);
        ControlConfig config = ControlConfig.defaults().withConnectionLimit(LIMIT);
        authenticator = new Authenticator(new ControlServices(config, commits, accounts, tokens, sessions,
                null, clock, Runnable::run, null, null, LoginThrottle.none()));
    }

    @AfterEach
    void close() {
        commits.close();
        db.close();
    }

    @Test
    void authsInOneGroupTransactionFillTheLimitAndNoMore() throws Exception {
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        commits.submit(tx -> {
            taken.countDown();
            return awaitQuietly(release);
        });
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<AuthOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(authenticator.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection(), LOOPBACK));
        }
        release.countDown();

        List<AuthOutcome> answers = new ArrayList<>();
        for (CompletableFuture<AuthOutcome> o : outcomes) {
            answers.add(o.get(10, TimeUnit.SECONDS));
        }
        assertThat(answers).filteredOn(AuthOutcome.Granted.class::isInstance).hasSize(LIMIT);
        assertThat(answers).filteredOn(AuthOutcome.Refused.class::isInstance)
                .allSatisfy(r -> assertThat(((AuthOutcome.Refused) r).error().code()).isEqualTo(429));
        long accountId = answers.stream().filter(AuthOutcome.Granted.class::isInstance)
                .map(g -> ((AuthOutcome.Granted) g).session().accountId()).findFirst().orElseThrow();
        assertThat(sessions.onlineCount(accountId)).as("refused auths gave their places back").isEqualTo(LIMIT);
    }

    @Test
    void anAddressOverItsFailedLoginLimitIsRefusedWithoutAStoreCall() throws Exception {
        LoginThrottle throttle = new LoginThrottle(LoginLimits.perAddress(2, Duration.ofMinutes(1)), AddressSet.NONE, 100,
                clock::nowMillis, Refusals.discarding("control"), "failed logins");
        Authenticator limited = new Authenticator(new ControlServices(ControlConfig.defaults(), commits, TestDatabases.accounts(db, clock),
                tokens, sessions, null, clock, Runnable::run, null, null, throttle));
        for (int i = 0; i < 2; i++) {
            assertThat(limited.auth("forged-" + i, new FakeConnection(), LOOPBACK).get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(AuthOutcome.Refused.class, r -> assertThat(r.result()).isEqualTo(LoginResult.BAD_TOKEN));
        }
        String good = tokens.issue("pia", Duration.ofMinutes(1)).token();
        CompletableFuture<AuthOutcome> third = limited.auth(good, new FakeConnection(), LOOPBACK);
        assertThat(third).as("answered at once: no group transaction").isCompleted();
        assertThat(third.get()).isInstanceOfSatisfying(AuthOutcome.Refused.class, r -> {
            assertThat(r.result()).isEqualTo(LoginResult.THROTTLED);
            assertThat(r.status()).isEqualTo(StatusCode.PERMISSION_DENIED);
            assertThat(r.error().code()).isEqualTo(ErrorBody.QUOTA);
            assertThat(r.error().msg()).isEqualTo("too many failed attempts from this address; retry in 30 s");
        });
        assertThat(tokens.consume(good)).as("the throttled attempt did not spend the token").isPresent();
        assertThat(limited.reconnect("unknown", new FakeConnection(), LOOPBACK)).isInstanceOfSatisfying(AuthOutcome.Refused.class,
                r -> assertThat(r.result()).isEqualTo(LoginResult.THROTTLED));
        clock.advance(Duration.ofSeconds(30));
        assertThat(limited.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection(), LOOPBACK).get(10, TimeUnit.SECONDS))
                .isInstanceOf(AuthOutcome.Granted.class);
        assertThat(limited.auth("forged-again", new FakeConnection(), LOOPBACK).get(10, TimeUnit.SECONDS))
                .as("a good token gave its place back").isInstanceOfSatisfying(AuthOutcome.Refused.class,
                        r -> assertThat(r.result()).isEqualTo(LoginResult.BAD_TOKEN));
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
