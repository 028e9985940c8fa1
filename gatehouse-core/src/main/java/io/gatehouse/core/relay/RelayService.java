package io.gatehouse.core.relay;

import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs byte pipes by session uuid and role. A pipe that arrives before its peer waits (its
 * front holds the bytes back); when both ends are there each is told of the other. A session
 * with no pipes left is kept for the grace period so that players can reconnect.
 */
public final class RelayService {

    private final Scheduler scheduler;
    private final Duration grace;
    private final List<RelaySession> sessions = new ArrayList<>();
    private final Map<PipeEnd, RelaySession> sessionOf = new HashMap<>();

    public RelayService(Scheduler scheduler, Duration grace) {
        this.scheduler = scheduler;
        this.grace = grace;
    }

    /** Registers a started game; its pipes may attach from now on, for the grace period at least. */
    public synchronized void open(String name, String hostUuid, List<String> clientUuids) {
        RelaySession s = new RelaySession(name, hostUuid, clientUuids);
        sessions.add(s);
        armExpiry(s);
    }

    /**
     * Attaches a pipe to the session its uuid and role belong to. Returns false when there is
     * none. When this completes a pair, both ends are told (outside the relay's lock).
     */
    public boolean attach(String uuid, PipeRole role, PipeEnd end) {
        PipeEnd peer;
        synchronized (this) {
            RelaySession s = sessions.stream().filter(x -> x.admits(uuid, role)).findFirst().orElse(null);
            if (s == null) {
                return false;
            }
            s.expiry.cancel();
            RelaySession.Link link = s.place(end, role);
            sessionOf.put(end, s);
            peer = link.complete() ? (link.server == end ? link.client : link.server) : null;
        }
        if (peer != null) {
            end.paired(peer);
            peer.paired(end);
        }
        return true;
    }

    /** The pipe closed: its peer goes back to waiting; an empty session starts its grace period. */
    public void detach(PipeEnd end) {
        PipeEnd peer;
        synchronized (this) {
            RelaySession s = sessionOf.remove(end);
            if (s == null) {
                return;
            }
            peer = s.remove(end);
            if (s.links.isEmpty()) {
                armExpiry(s);
            }
        }
        if (peer != null) {
            peer.unpaired();
        }
    }

    /** Sessions kept now (started games with pipes, or within their grace period). */
    public synchronized int sessionCount() {
        return sessions.size();
    }

    /** Pipes attached now, paired or waiting. */
    public synchronized int pipeCount() {
        return sessionOf.size();
    }

    private void armExpiry(RelaySession s) {
        s.expiry.cancel();
        s.expiry = scheduler.schedule(grace, () -> {
            synchronized (this) {
                if (s.links.isEmpty()) {
                    sessions.remove(s);
                }
            }
        });
    }
}
