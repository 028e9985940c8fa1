package io.gatehouse.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that never read while the server has things to send them: {@code perKind} of each
 * kind, opened at the start and held for the whole phase. One the server is seen to have
 * closed is replaced on the next {@link #tick}. (A reader whose receive buffer is full cannot
 * see the server's close, which waits behind the data; the server's own counters tell.)
 */
final class SlowReaders {

    /** An open slow reader. */
    interface Reader {
        boolean isOpen();

        void close();
    }

    /** How one kind opens a reader; {@code slot} numbers the readers of a kind from 0. */
    @FunctionalInterface
    interface Opener {
        Reader open(int slot) throws Exception;
    }

    /** What happened to one kind's readers. */
    record Outcome(String kind, long opened, long seenClosed, long failedToOpen) {
    }

    private final class Kind {
        final String name;
        final Opener opener;
        final Reader[] slots;
        final AtomicLong opened = new AtomicLong();
        final AtomicLong seenClosed = new AtomicLong();
        final Tally tally;

        Kind(String name, Opener opener, Tally tally) {
            this.name = name;
            this.opener = opener;
            this.slots = new Reader[perKind];
            this.tally = tally;
        }
    }

    private final int perKind;
    private final List<Kind> kinds = new ArrayList<>();
    private volatile boolean ending;

    SlowReaders(int perKind) {
        this.perKind = perKind;
    }

    SlowReaders kind(String name, Tally tally, Opener opener) {
        kinds.add(new Kind(name, opener, tally));
        return this;
    }

    /** Opens the readers that are missing, replacing those seen closed. */
    synchronized void tick() {
        for (Kind k : kinds) {
            for (int slot = 0; slot < perKind && !ending; slot++) {
                Reader r = k.slots[slot];
                if (r != null && r.isOpen()) {
                    continue;
                }
                if (r != null) {
                    k.seenClosed.incrementAndGet();
                    r.close();
                    k.slots[slot] = null;
                }
                try {
                    k.slots[slot] = k.opener.open(slot);
                    k.opened.incrementAndGet();
                    k.tally.connected();
                    k.tally.ok();
                } catch (Exception e) {
                    k.tally.failed(e);
                }
            }
        }
    }

    synchronized void closeAll() {
        ending = true;
        for (Kind k : kinds) {
            for (int slot = 0; slot < perKind; slot++) {
                if (k.slots[slot] != null) {
                    k.slots[slot].close();
                    k.slots[slot] = null;
                }
            }
        }
    }

    List<Outcome> outcomes() {
        return kinds.stream().map(k -> new Outcome(k.name, k.opened.get(), k.seenClosed.get(), k.tally.failedCount())).toList();
    }
}
