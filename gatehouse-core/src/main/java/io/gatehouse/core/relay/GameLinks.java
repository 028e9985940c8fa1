package io.gatehouse.core.relay;

import io.gatehouse.core.time.Cancellable;
import java.util.ArrayList;
import java.util.List;

/**
 * A started game as a relay keeps it: the host's uuid, one uuid per player, and its links, each
 * a server end and a client end, either of which may be missing. What an end is belongs to the
 * relay: the pipe itself in-process ({@link LocalRelay}), a pipe named by its node and number
 * across a cluster; ends are told apart by {@code equals}. Guarded by its relay; and holds the
 * game's expiry, armed while it has no links.
 *
 * @param <E> how the relay names a pipe
 */
public final class GameLinks<E> {

    /** One game connection: a server end and a client end, either of which may be missing. */
    public static final class Link<E> {
        private E server;
        private E client;

        public E server() {
            return server;
        }

        public E client() {
            return client;
        }

        /** Both ends are there. */
        public boolean complete() {
            return server != null && client != null;
        }

        private boolean empty() {
            return server == null && client == null;
        }

        private boolean holds(E end) {
            return end.equals(server) || end.equals(client);
        }
    }

    private final String hostUuid;
    private final List<String> clientUuids;
    private final List<Link<E>> links = new ArrayList<>();
    private Cancellable expiry = Cancellable.NONE;

    public GameLinks(String hostUuid, List<String> clientUuids) {
        this.hostUuid = hostUuid;
        this.clientUuids = List.copyOf(clientUuids);
    }

    /** Whether a pipe of {@code uuid} in {@code role} belongs to this game. */
    public boolean admits(String uuid, PipeRole role) {
        return role == PipeRole.SERVER ? hostUuid.equals(uuid) : clientUuids.contains(uuid);
    }

    /** The uuids whose pipes this game admits, the host's first. */
    public List<String> uuids() {
        List<String> all = new ArrayList<>(clientUuids.size() + 1);
        all.add(hostUuid);
        all.addAll(clientUuids);
        return all;
    }

    /** Puts the end into the oldest link that lacks its role, or a new one; returns that link. */
    public Link<E> place(E end, PipeRole role) {
        for (Link<E> l : links) {
            if (role == PipeRole.SERVER && l.server == null) {
                l.server = end;
                return l;
            }
            if (role == PipeRole.CLIENT && l.client == null) {
                l.client = end;
                return l;
            }
        }
        Link<E> l = new Link<>();
        if (role == PipeRole.SERVER) {
            l.server = end;
        } else {
            l.client = end;
        }
        links.add(l);
        return l;
    }

    /** The link that holds the end, or null. */
    public Link<E> linkOf(E end) {
        for (Link<E> l : links) {
            if (l.holds(end)) {
                return l;
            }
        }
        return null;
    }

    /** Takes the end out of its link; returns the peer left waiting there, or null (none, or the end is not here). */
    public E remove(E end) {
        Link<E> l = linkOf(end);
        if (l == null) {
            return null;
        }
        E peer = end.equals(l.server) ? l.client : l.server;
        if (end.equals(l.server)) {
            l.server = null;
        } else {
            l.client = null;
        }
        links.removeIf(Link::empty);
        return peer;
    }

    /** No pipe is in the game: it waits out its grace period. */
    public boolean idle() {
        return links.isEmpty();
    }

    /** Every end in the game now. */
    public List<E> ends() {
        List<E> all = new ArrayList<>();
        for (Link<E> l : links) {
            if (l.server != null) {
                all.add(l.server);
            }
            if (l.client != null) {
                all.add(l.client);
            }
        }
        return all;
    }

    /** Calls off the expiry armed before, and arms {@code next} (or none: {@link Cancellable#NONE}). */
    public void expireWith(Cancellable next) {
        expiry.cancel();
        expiry = next;
    }
}
