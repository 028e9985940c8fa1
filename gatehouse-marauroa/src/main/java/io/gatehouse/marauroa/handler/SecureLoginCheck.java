package io.gatehouse.marauroa.handler;


import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.AccountStatus;
import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.core.account.CheckedLogin;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginOutcome;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.marauroa.crypto.RsaKey;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.marauroa.message.LoginNackReason;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides a secure login (docs/protocol/marauroa.md, section 5) against the core's accounts:
 * the core's throttle first (too many failed logins at the account from this address, or from
 * this address at all), the password hash recovered from what the client sent, the account's
 * status, and the previous login the client is told of. A login with the right password (let
 * in, or refused for a ban) gives its attempt back to the throttle, so only wrong ones count.
 * Every result is counted in the front's meters; the login history keeps those of known
 * accounts. Blocking: run it off the event loops.
 */
final class SecureLoginCheck {

    static final String FRONT = "marauroa";
    private static final DateTimeFormatter LOGIN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter BAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AccountService accounts;
    private final TokenService tokens;
    private final Characters characters;
    private final LoginThrottle throttle;
    private final RsaKey key;
    private final ZoneId zone;
    private final FrontMetrics metrics;

    SecureLoginCheck(AccountService accounts, TokenService tokens, Characters characters, LoginThrottle throttle, RsaKey key, ZoneId zone,
                     FrontMetrics metrics) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.characters = characters;
        this.throttle = throttle;
        this.metrics = metrics;
        this.key = key;
        this.zone = zone;
    }

    /** The secure login: the password hash is recovered from what the client encrypted. */
    LoginDecision decide(String username, byte[] encryptedPassword, byte[] clientNonce, byte[] serverNonce, InetAddress from) {
        return throttled(username, from, () -> check(username, SecureLogin.passwordHash(key, encryptedPassword, clientNonce, serverNonce), from));
    }

    /** The login outside the secure channel: the password came in clear and is hashed here. */
    LoginDecision decidePlain(String username, String password, InetAddress from) {
        return throttled(username, from, () -> check(username, SecureLogin.md5(password.getBytes(StandardCharsets.UTF_8)), from));
    }

    /**
     * A browser's login (section 11.6): {@code token} is spent; let in when it was live and is
     * the named account's, in one store transaction with the previous login, the characters and
     * the success's event (TokenService#login). When it is not, and {@code passwordsToo}, it is
     * checked as the account's password instead; else USERNAME_WRONG, counted as a failed login.
     */
    LoginDecision decideToken(String username, String token, boolean passwordsToo, InetAddress from) {
        return throttled(username, from, () -> {
            Optional<CheckedLogin<List<CharacterStore.StoredCharacter>>> spent = tokens.login(token, username, from.getHostAddress(), FRONT,
                    (c, a) -> characters.stored(c, a.id()));
            if (spent.isPresent()) {
                LoginOutcome outcome = spent.get().outcome();
                Account a = outcome.account();
                metrics.auth(outcome.result());
                return outcome.ok() ? new LoginDecision.Accepted(a.username(), a.id(), previousLogin(spent.get().previous()),
                        characters.decoded(spent.get().read())) : new LoginDecision.RefusedWithMessage(statusText(a));
            }
            if (passwordsToo) {
                return check(username, SecureLogin.md5(token.getBytes(StandardCharsets.UTF_8)), from);
            }
            accounts.recordLogin(accounts.find(username).map(Account::id).orElse(null), username, from.getHostAddress(), FRONT,
                    LoginResult.BAD_TOKEN);
            metrics.auth(LoginResult.BAD_TOKEN);
            return new LoginDecision.Refused(LoginNackReason.USERNAME_WRONG, false);
        });
    }

    /**
     * A login Gatehouse cannot verify (a web login seed, a third party's token: it keeps
     * neither): after the throttle, refused with {@code reason}, and counted as a failure.
     */
    LoginDecision refuseUnverifiable(String username, LoginNackReason reason, InetAddress from) {
        return throttled(username, from, () -> {
            metrics.auth(LoginResult.BAD_TOKEN);
            return new LoginDecision.Refused(reason, false);
        });
    }

    /**
     * Runs {@code login} unless the throttle refuses the attempt, which then gets TOO_MANY_TRIES
     * and the connection closes, without a store call. A refusal for a wrong password keeps
     * its attempt counted; any other answer, and a store failure, gives it back.
     */
    private LoginDecision throttled(String username, InetAddress from, Supplier<LoginDecision> login) {
        LoginThrottle.Attempt attempt = throttle.begin(from, username);
        if (!attempt.allowed()) {
            metrics.auth(LoginResult.THROTTLED);
            return new LoginDecision.Refused(LoginNackReason.TOO_MANY_TRIES, true);
        }
        LoginDecision d;
        try {
            d = login.get();
        } catch (RuntimeException storeFailed) {
            throttle.giveBack(attempt);
            throw storeFailed;
        }
        if (!(d instanceof LoginDecision.Refused)) {
            throttle.giveBack(attempt);
        }
        return d;
    }

    /**
     * The password login in one store read (AccountService#loginInOneRead): the account, its
     * hash and status, its previous login and its characters together; the login's event joins
     * the next batch of the login history.
     */
    private LoginDecision check(String username, byte[] passwordHash, InetAddress from) {
        if (passwordHash == null) {
            metrics.auth(LoginResult.BAD_PASSWORD);
            return new LoginDecision.Refused(LoginNackReason.USERNAME_WRONG, false);
        }
        CheckedLogin<List<CharacterStore.StoredCharacter>> login = accounts.loginInOneRead(username,
                SecureLogin.credential(passwordHash), from.getHostAddress(), FRONT, (c, a) -> characters.stored(c, a.id()));
        LoginOutcome outcome = login.outcome();
        metrics.auth(outcome.result());
        return switch (outcome.result()) {
            case SUCCESS -> new LoginDecision.Accepted(outcome.account().username(), outcome.account().id(),
                    previousLogin(login.previous()), characters.decoded(login.read()));
            case BANNED, DISABLED -> new LoginDecision.RefusedWithMessage(statusText(outcome.account()));
            default -> new LoginDecision.Refused(LoginNackReason.USERNAME_WRONG, false);
        };
    }

    /** The account's latest login before this one, in Marauroa's words; none when it has none. */
    private List<String> previousLogin(Optional<LoginEvent> last) {
        if (last.isEmpty()) {
            return List.of();
        }
        LoginEvent e = last.get();
        return List.of("Login " + (e.result() == LoginResult.SUCCESS ? "successful" : "FAILED") + " at "
                + LOGIN_TIME.format(Instant.ofEpochMilli(e.atMillis()).atZone(zone)) + " server time from " + e.address());
    }

    /** What S2C_LOGIN_MESSAGE_NACK says of a banned or disabled account, as Marauroa words it. */
    String statusText(Account a) {
        if (a.status() == AccountStatus.DISABLED) {
            return "Your account has been flagged as inactive. Please contact support.\r\n";
        }
        if (a.banReason() == null || a.banReason().isEmpty()) {
            return "Your account has been banned. Please contact support.\r\n";
        }
        String head = a.bannedUntilMillis() == null
                ? "Your account is banned.\r\n"
                : "Your account is temporarily suspended until "
                        + BAN_TIME.format(Instant.ofEpochMilli(a.bannedUntilMillis()).atZone(zone)) + " server time.\r\n";
        return head + "The reason given was: " + a.banReason() + "\r\n";
    }
}
