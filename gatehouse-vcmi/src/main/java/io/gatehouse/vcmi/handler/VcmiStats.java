package io.gatehouse.vcmi.handler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The statistics {@code <ROOT>} reports (section 5), kept as Micrometer meters so that
 * {@code /metrics} shows the same numbers as {@code gatehouse_vcmi_*}.
 */
public final class VcmiStats {

    private final Set<String> uniques = ConcurrentHashMap.newKeySet();
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Counter logins;
    private final Counter rooms;
    private final Counter sessions;
    private final Counter splices;
    private final AtomicInteger splicedPipes = new AtomicInteger();

    public VcmiStats(MeterRegistry registry) {
        logins = Counter.builder("gatehouse.vcmi.logins").description("connections accepted").register(registry);
        rooms = Counter.builder("gatehouse.vcmi.rooms").description("rooms created").register(registry);
        sessions = Counter.builder("gatehouse.vcmi.sessions").description("games started").register(registry);
        splices = Counter.builder("gatehouse.vcmi.splices").description("pipe pairs whose bytes the kernel came to move")
                .register(registry);
        Gauge.builder("gatehouse.vcmi.spliced.pipes", splicedPipes, AtomicInteger::get)
                .description("pipes whose bytes the kernel moves now (splice), not the JVM").register(registry);
        Gauge.builder("gatehouse.vcmi.uniques", uniques, Set::size).description("distinct client addresses").register(registry);
        Gauge.builder("gatehouse.vcmi.users", users, Set::size).description("distinct user names greeted").register(registry);
    }

    void login(String host) {
        uniques.add(host);
        logins.increment();
    }

    void user(String name) {
        users.add(name);
    }

    void roomCreated() {
        rooms.increment();
    }

    void sessionStarted() {
        sessions.increment();
    }

    /** A pair of pipes went over to splice(2). */
    void spliceStarted() {
        splices.increment();
        splicedPipes.addAndGet(2);
    }

    /** A spliced pair is back to copying (a client left, or the server closes it). */
    void spliceEnded() {
        splicedPipes.addAndGet(-2);
    }

    /** Pipes whose bytes the kernel moves now. */
    public int splicedPipes() {
        return splicedPipes.get();
    }

    /** Pipe pairs that went over to splice(2) since the start. */
    public long splices() {
        return (long) splices.count();
    }

    /** The value {@code <ROOT>field} reports, or none for a field that does not exist. */
    OptionalLong field(String name) {
        return switch (name) {
            case "uniques" -> OptionalLong.of(uniques.size());
            case "users" -> OptionalLong.of(users.size());
            case "logins" -> OptionalLong.of((long) logins.count());
            case "rooms" -> OptionalLong.of((long) rooms.count());
            case "sessions" -> OptionalLong.of((long) sessions.count());
            case "clients", "connections" -> OptionalLong.of(0);
            default -> OptionalLong.empty();
        };
    }
}
