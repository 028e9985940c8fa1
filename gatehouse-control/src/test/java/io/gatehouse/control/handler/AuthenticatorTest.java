package io.gatehouse.control.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.control.ControlConfig;
import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.session.LocalSessionGrants;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Control's half of auth and reconnect: the throttle in front of the core's grants, and the
 * core's answers mapped to control's status, error body and close (the bytes on the wire are
 * proven by the server's ControlAuthTest and ControlReconnectTest).
 */
class AuthenticatorTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ManualScheduler clock = new ManualScheduler();
    private Database db;
    private GroupCommitter commits;
    private AccountService accounts;
    private TokenService tokens;
    private LocalSessionRegistry sessions;
    private LocalSessionGrants grants;

    @BeforeEach
    void open() {
        db = TestDatabases.h2();
        commits = new GroupCommitter(db, 64);
        accounts = TestDatabases.accounts(db, clock);
        accounts.create("pia", "pw".toCharArray());
        tokens = new TokenService(db, accounts, clock);
        sessions = new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER);
        grants = new LocalSessionGrants(sessions, tokens, accounts, commits, clock, Runnable::run);
    }

    @AfterEach
    void close() {
        commits.close();
        db.close();
    }

    private Authenticator authenticator(ControlConfig config, LoginThrottle throttle) {
        return new Authenticator(new ControlServices(config, grants, sessions, clock, null, null, throttle));
    }

    @Test
    void eachOfTheCoresAnswersBecomesItsControlAnswer() throws Exception {
        Authenticator a = authenticator(ControlConfig.defaults().withConnectionLimit(1), LoginThrottle.none());
        AuthOutcome granted = a.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection("control"), LOOPBACK)
                .get(10, TimeUnit.SECONDS);
        assertThat(granted).isInstanceOfSatisfying(AuthOutcome.Granted.class, g -> {
            assertThat(g.limit()).isEqualTo(1);
            assertThat(g.online()).isEqualTo(1);
        });
        String sessionId = ((AuthOutcome.Granted) granted).session().id();

        assertRefused(a.auth("forged", new FakeConnection(), LOOPBACK), StatusCode.UNAUTHENTICATED, ErrorBody.UNAUTHENTICATED,
                "invalid, expired or used token", CloseReason.AUTH_FAILED, LoginResult.BAD_TOKEN);
        assertRefused(a.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection(), LOOPBACK),
                StatusCode.PERMISSION_DENIED, ErrorBody.QUOTA, "connection limit of 1 reached", CloseReason.AUTH_FAILED,
                LoginResult.OVER_LIMIT);
        assertRefused(a.reconnect("unknown", new FakeConnection(), LOOPBACK), StatusCode.UNAUTHENTICATED, ErrorBody.UNAUTHENTICATED,
                "session expired", CloseReason.SESSION_EXPIRED, LoginResult.BAD_SESSION);

        Authenticator rejecting = new Authenticator(new ControlServices(ControlConfig.defaults(),
                new LocalSessionGrants(new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.REJECT_NEWER), tokens,
                        accounts, commits, clock, Runnable::run), sessions, clock, null, null, LoginThrottle.none()));
        AuthOutcome held = rejecting.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection(), LOOPBACK)
                .get(10, TimeUnit.SECONDS);
        String heldId = ((AuthOutcome.Granted) held).session().id();
        assertRefused(rejecting.reconnect(heldId, new FakeConnection(), LOOPBACK), StatusCode.PERMISSION_DENIED, ErrorBody.FORBIDDEN,
                "session is live on another connection", CloseReason.DUPLICATE_LOGIN, LoginResult.BAD_SESSION);

        accounts.ban("pia", "x", null);
        assertRefused(a.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection(), LOOPBACK),
                StatusCode.UNAUTHENTICATED, ErrorBody.FORBIDDEN, "account banned", CloseReason.AUTH_FAILED, LoginResult.BANNED);
        assertRefused(a.reconnect(sessionId, new FakeConnection(), LOOPBACK), StatusCode.UNAUTHENTICATED, ErrorBody.FORBIDDEN,
                "account blocked", CloseReason.AUTH_FAILED, LoginResult.BANNED);
    }

    private static void assertRefused(CompletableFuture<AuthOutcome> outcome, StatusCode status, long code, String msg, CloseReason close,
                                      LoginResult result) throws Exception {
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(new AuthOutcome.Refused(status, new ErrorBody(code, msg), close, result));
    }

    @Test
    void anAddressOverItsFailedLoginLimitIsRefusedWithoutAStoreCall() throws Exception {
        LoginThrottle throttle = new LoginThrottle(LoginLimits.perAddress(2, Duration.ofMinutes(1)), AddressSet.NONE, 100,
                clock::nowMillis, Refusals.discarding("control"), "failed logins");
        Authenticator limited = authenticator(ControlConfig.defaults(), throttle);
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
        CompletableFuture<AuthOutcome> reconnect = limited.reconnect("unknown", new FakeConnection(), LOOPBACK);
        assertThat(reconnect).isCompleted();
        assertThat(reconnect.get()).isInstanceOfSatisfying(AuthOutcome.Refused.class,
                r -> assertThat(r.result()).isEqualTo(LoginResult.THROTTLED));
        clock.advance(Duration.ofSeconds(30));
        assertThat(limited.auth(tokens.issue("pia", Duration.ofMinutes(1)).token(), new FakeConnection(), LOOPBACK).get(10, TimeUnit.SECONDS))
                .isInstanceOf(AuthOutcome.Granted.class);
        assertThat(limited.auth("forged-again", new FakeConnection(), LOOPBACK).get(10, TimeUnit.SECONDS))
                .as("a good token gave its place back").isInstanceOfSatisfying(AuthOutcome.Refused.class,
                        r -> assertThat(r.result()).isEqualTo(LoginResult.BAD_TOKEN));
    }
}
