package io.gatehouse.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Refusals refusals = new Refusals(registry, "demo", LoggerFactory.getLogger(LoginThrottleTest.class), now::get);

    private LoginThrottle throttle(LoginLimits limits, AddressSet exempt) {
        return new LoginThrottle(limits, exempt, 1000, now::get, refusals, "failed logins");
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void failuresFromOneAddressDoNotRefuseTheRightPasswordFromAnother() throws Exception {
        LoginThrottle t = throttle(new LoginLimits(100, 3, Duration.ofMinutes(10)), AddressSet.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(t.begin(ip("198.51.100.1"), "kim").allowed()).isTrue();
        }
        LoginThrottle.Attempt stranger = t.begin(ip("198.51.100.1"), "kim");
        assertThat(stranger.allowed()).isFalse();
        assertThat(stranger.refusal()).isEqualTo(Refusal.ATTEMPTS_PER_ACCOUNT);
        assertThat(stranger.retryAfterSeconds()).isEqualTo(200);
        assertThat(t.begin(ip("198.51.100.1"), "lou").allowed()).as("another account from that address").isTrue();

        LoginThrottle.Attempt owner = t.begin(ip("203.0.113.5"), "kim");
        assertThat(owner.allowed()).as("kim from her own address").isTrue();
        t.giveBack(owner);
        assertThat(refusals.count(Refusal.ATTEMPTS_PER_ACCOUNT)).isEqualTo(1);
    }

    @Test
    void anAddressOverItsLimitIsRefusedForEveryAccountAndSuccessesDoNotCount() throws Exception {
        LoginThrottle t = throttle(new LoginLimits(2, 10, Duration.ofMinutes(1)), AddressSet.NONE);
        for (int i = 0; i < 50; i++) {
            t.giveBack(t.begin(ip("198.51.100.2"), "ann"));
        }
        t.begin(ip("198.51.100.2"), "a");
        t.begin(ip("198.51.100.2"), "b");
        LoginThrottle.Attempt third = t.begin(ip("198.51.100.2"), "c");
        assertThat(third.allowed()).isFalse();
        assertThat(third.refusal()).isEqualTo(Refusal.ATTEMPTS_PER_ADDRESS);
        assertThat(third.retryAfterSeconds()).isEqualTo(30);
        assertThat(registry.get("gatehouse.refused").tag("front", "demo").tag("reason", "attempts_per_address").counter().count())
                .isEqualTo(1);
        now.addAndGet(30_000);
        assertThat(t.begin(ip("198.51.100.2"), "c").allowed()).isTrue();
    }

    @Test
    void anAttemptRefusedForItsAccountLeavesTheAddressBucketAlone() throws Exception {
        LoginThrottle t = throttle(new LoginLimits(3, 1, Duration.ofMinutes(1)), AddressSet.NONE);
        t.begin(ip("198.51.100.3"), "kim");
        for (int i = 0; i < 10; i++) {
            assertThat(t.begin(ip("198.51.100.3"), "kim").refusal()).isEqualTo(Refusal.ATTEMPTS_PER_ACCOUNT);
        }
        assertThat(t.begin(ip("198.51.100.3"), "lou").allowed()).isTrue();
        assertThat(t.begin(ip("198.51.100.3"), "max").allowed()).isTrue();
        assertThat(t.begin(ip("198.51.100.3"), "ned").refusal()).isEqualTo(Refusal.ATTEMPTS_PER_ADDRESS);
    }

    @Test
    void exemptAddressesAndZeroLimitsAreNotThrottled() throws Exception {
        LoginThrottle t = throttle(new LoginLimits(1, 1, Duration.ofMinutes(1)), AddressSet.parse(List.of("10.0.0.0/8")));
        for (int i = 0; i < 100; i++) {
            assertThat(t.begin(ip("10.1.2.3"), "kim").allowed()).isTrue();
        }
        LoginThrottle off = throttle(LoginLimits.none(), AddressSet.NONE);
        for (int i = 0; i < 100; i++) {
            assertThat(off.begin(ip("198.51.100.4"), "kim").allowed()).isTrue();
        }
        assertThat(refusals.count(Refusal.ATTEMPTS_PER_ADDRESS) + refusals.count(Refusal.ATTEMPTS_PER_ACCOUNT)).isZero();
    }

    @Test
    void anIpv6ClientCannotDodgeTheLimitByChangingItsLowBits() throws Exception {
        LoginThrottle t = throttle(LoginLimits.perAddress(2, Duration.ofMinutes(1)), AddressSet.NONE);
        t.begin(ip("2001:db8:1:2::1"), null);
        t.begin(ip("2001:db8:1:2::2"), null);
        assertThat(t.begin(ip("2001:db8:1:2:ffff::3"), null).allowed()).isFalse();
        assertThat(t.begin(ip("2001:db8:1:3::1"), null).allowed()).as("another /64").isTrue();
    }
}
