package io.gatehouse.core.relay;

import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process relay: pairs byte pipes by session uuid and role. A pipe that arrives before
 * its peer waits (its front holds the bytes back); when both ends are there each is told of the
 * other, on the thread that attached the second, outside the relay's lock; a refusal is told on
 * the attaching thread before {@code attach} returns. A session with no pipes left is kept for
 * the grace period so that players can reconnect. Peers are the other pipe's own end, so bytes
 * go from one pipe's event loop to the other's with no copy and no queue of the relay's.
 */
public final class LocalRelay implements Relay {

    private final Scheduler scheduler;
    private final Duration grace;
    private final List<GameLinks<PipeEnd>> sessions = new ArrayList<>();
    private final Map<PipeEnd, GameLinks<PipeEnd>> sessionOf = new HashMap<>();

    public LocalRelay(Scheduler scheduler, Duration grace) {
        this.scheduler = scheduler;
        this.grace = grace;
    }

    @Override
    public synchronized void open(String name, String hostUuid, List<String> clientUuids) {
        GameLinks<PipeEnd> s = new GameLinks<>(hostUuid, clientUuids);
        sessions.add(s);
        armExpiry(s);
    }

    @Override
    public void attach(String uuid, PipeRole role, PipeEnd end) {
        PipeEnd peer = null;
        GameLinks<PipeEnd> s;
        synchronized (this) {
            s = sessions.stream().filter(x -> x.admits(uuid, role)).findFirst().orElse(null);
            if (s != null) {
                s.expireWith(Cancellable.NONE);
                GameLinks.Link<PipeEnd> link = s.place(end, role);
                sessionOf.put(end, s);
                peer = link.complete() ? (link.server() == end ? link.client() : link.server()) : null;
            }
        }
        if (s == null) {
            end.refused();
        } else if (peer != null) {
            end.paired(peer);
            peer.paired(end);
        }
    }

    @Override
    public void detach(PipeEnd end) {
        PipeEnd peer;
        synchronized (this) {
            GameLinks<PipeEnd> s = sessionOf.remove(end);
            if (s == null) {
                return;
            }
            peer = s.remove(end);
            if (s.idle()) {
                armExpiry(s);
            }
        }
        if (peer != null) {
            peer.unpaired();
        }
    }

    @Override
    public synchronized int sessionCount() {
        return sessions.size();
    }

    @Override
    public synchronized int pipeCount() {
        return sessionOf.size();
    }

    private void armExpiry(GameLinks<PipeEnd> s) {
        s.expireWith(scheduler.schedule(grace, () -> {
            synchronized (this) {
                if (s.idle()) {
                    sessions.remove(s);
                }
            }
        }));
    }
}
