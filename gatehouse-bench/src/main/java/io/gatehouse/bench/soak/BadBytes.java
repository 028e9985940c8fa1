package io.gatehouse.bench.soak;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Bad bytes at one listener: each {@link #fire} opens a connection from a source address with
 * room, writes the next kind of bad input (kinds taken in turn) and waits up to
 * {@code holdMillis} for the server to close it; a connection still open then is counted and
 * closed from this side.
 */
final class BadBytes {

    /** One kind of bad input: a name for the report and a fresh payload each time. */
    record Kind(String name, Supplier<byte[]> bytes) {
    }

    /** What happened to one kind at one listener. */
    record Outcome(String listener, String kind, long sent, int closedByServer, double medianSecondsToClose, long leftOpen) {
    }

    private final Listener listener;
    private final List<Kind> kinds;
    private final long holdMillis;
    private final EventLoopGroup group;
    private final SourceAddresses sources;
    private final ScheduledExecutorService timer;
    private final Tally tally;
    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private volatile boolean ending;

    private static final class Counts {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong leftOpen = new AtomicLong();
        final Lifetimes closes = new Lifetimes();
    }

    BadBytes(Listener listener, List<Kind> kinds, long holdMillis, EventLoopGroup group, SourceAddresses sources,
             ScheduledExecutorService timer, Tally tally) {
        this.listener = listener;
        this.kinds = kinds;
        this.holdMillis = holdMillis;
        this.group = group;
        this.sources = sources;
        this.timer = timer;
        this.tally = tally;
        kinds.forEach(k -> counts.put(k.name(), new Counts()));
    }

    /** Sends the {@code n}th bad input. */
    void fire(long n) {
        if (ending) {
            return;
        }
        Kind kind = kinds.get((int) (n % kinds.size()));
        InetSocketAddress local = sources.acquire();
        if (local == null) {
            tally.failed(new IllegalStateException("no source address with room for " + listener.name()));
            return;
        }
        RawConnection.open(group, listener.address(), local, 0, true).whenComplete((c, failure) -> {
            if (failure != null) {
                sources.release(local);
                tally.failed(failure);
                return;
            }
            tally.connected();
            tally.ok();
            Counts k = counts.get(kind.name());
            k.sent.incrementAndGet();
            c.closed().thenAccept(closed -> {
                sources.release(local);
                if (closed.closedByServer()) {
                    k.closes.add(closed.seconds());
                }
            });
            c.write(kind.bytes().get());
            timer.schedule(() -> {
                if (c.isOpen()) {
                    k.leftOpen.incrementAndGet();
                    c.close();
                }
            }, holdMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** Stops sending; connections still waiting are left to their timers. */
    void stop() {
        ending = true;
    }

    List<Outcome> outcomes() {
        return counts.entrySet().stream().map(e -> new Outcome(listener.name(), e.getKey(), e.getValue().sent.get(),
                e.getValue().closes.count(), e.getValue().closes.median(), e.getValue().leftOpen.get())).toList();
    }
}
