package io.gatehouse.core.relay;

import io.gatehouse.core.time.Cancellable;
import java.util.ArrayList;
import java.util.List;

/**
 * A started game: the host's uuid, one uuid per player, and the pairs of pipes formed so far.
 * Guarded by its {@link LocalRelay}.
 */
final class RelaySession {

    /** One game connection: a server end and a client end, either of which may be missing. */
    static final class Link {
        PipeEnd server;
        PipeEnd client;

        boolean complete() {
            return server != null && client != null;
        }

        boolean empty() {
            return server == null && client == null;
        }
    }

    final String name;
    final String hostUuid;
    final List<String> clientUuids;
    final List<Link> links = new ArrayList<>();
    Cancellable expiry = Cancellable.NONE;

    RelaySession(String name, String hostUuid, List<String> clientUuids) {
        this.name = name;
        this.hostUuid = hostUuid;
        this.clientUuids = List.copyOf(clientUuids);
    }

    boolean admits(String uuid, PipeRole role) {
        return role == PipeRole.SERVER ? hostUuid.equals(uuid) : clientUuids.contains(uuid);
    }

    /** Puts the end into the oldest link that lacks its role, or a new one; returns that link. */
    Link place(PipeEnd end, PipeRole role) {
        for (Link l : links) {
            if (role == PipeRole.SERVER && l.server == null) {
                l.server = end;
                return l;
            }
            if (role == PipeRole.CLIENT && l.client == null) {
                l.client = end;
                return l;
            }
        }
        Link l = new Link();
        if (role == PipeRole.SERVER) {
            l.server = end;
        } else {
            l.client = end;
        }
        links.add(l);
        return l;
    }

    /** Takes the end out of its link; returns its peer, or null. */
    PipeEnd remove(PipeEnd end) {
        for (Link l : links) {
            if (l.server == end || l.client == end) {
                PipeEnd peer = l.server == end ? l.client : l.server;
                if (l.server == end) {
                    l.server = null;
                } else {
                    l.client = null;
                }
                links.removeIf(Link::empty);
                return peer;
            }
        }
        return null;
    }
}
