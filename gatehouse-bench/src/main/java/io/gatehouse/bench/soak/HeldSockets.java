package io.gatehouse.bench.soak;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Keeps {@code count} abusive connections to one listener open: each is opened from a source
 * address with room, handed to {@code onOpen} (which sends what that kind of abuse sends:
 * nothing for an idle socket), and held until the server closes it or {@code holdMillis}
 * pass; then it is replaced on the next {@link #tick}. Counts how many the server cut, and
 * after how long.
 */
final class HeldSockets {

    /** What happened to one listener's held connections. */
    record Outcome(String kind, String listener, long opened, int cutByServer, double medianSecondsToCut, long closedAtHold,
                   long openAtEnd, long failedToConnect, long noSourceAddress) {
    }

    private final String kind;
    private final Listener listener;
    private final int count;
    private final long holdMillis;
    private final EventLoopGroup group;
    private final SourceAddresses sources;
    private final Consumer<RawConnection> onOpen;
    private final List<RawConnection> open = new ArrayList<>();
    private int pending;
    private volatile boolean ending;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closedAtHold = new AtomicLong();
    private final AtomicLong openAtEnd = new AtomicLong();
    private final AtomicLong failedToConnect = new AtomicLong();
    private final AtomicLong noSourceAddress = new AtomicLong();
    private final Lifetimes cuts = new Lifetimes();

    HeldSockets(String kind, Listener listener, int count, long holdMillis, EventLoopGroup group, SourceAddresses sources,
                Consumer<RawConnection> onOpen) {
        this.kind = kind;
        this.listener = listener;
        this.count = count;
        this.holdMillis = holdMillis;
        this.group = group;
        this.sources = sources;
        this.onOpen = onOpen;
    }

    /** Closes connections past their hold and opens new ones up to the count. */
    synchronized void tick() {
        if (ending) {
            return;
        }
        open.removeIf(c -> !c.isOpen());
        for (RawConnection c : open) {
            if (c.seconds() * 1000 >= holdMillis) {
                c.close();
            }
        }
        for (int i = open.size() + pending; i < count; i++) {
            InetSocketAddress local = sources.acquire();
            if (local == null) {
                noSourceAddress.incrementAndGet();
                return;
            }
            pending++;
            RawConnection.open(group, listener.address(), local, 0, true).whenComplete((c, failure) -> connected(local, c, failure));
        }
    }

    private synchronized void connected(InetSocketAddress local, RawConnection c, Throwable failure) {
        pending--;
        if (failure != null) {
            sources.release(local);
            failedToConnect.incrementAndGet();
            return;
        }
        opened.incrementAndGet();
        c.closed().thenAccept(this::closed);
        open.add(c);
        onOpen.accept(c);
        if (ending) {
            c.close();
        }
    }

    private void closed(RawConnection c) {
        sources.release(c.local());
        if (c.closedByServer()) {
            cuts.add(c.seconds());
        } else if (ending) {
            openAtEnd.incrementAndGet();
        } else {
            closedAtHold.incrementAndGet();
        }
    }

    /** Closes every connection still open; no more are opened. */
    synchronized void closeAll() {
        ending = true;
        open.forEach(RawConnection::close);
    }

    Outcome outcome() {
        return new Outcome(kind, listener.name(), opened.get(), cuts.count(), cuts.median(), closedAtHold.get(), openAtEnd.get(),
                failedToConnect.get(), noSourceAddress.get());
    }
}
