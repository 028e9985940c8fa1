package io.gatehouse.cluster.relay;

import io.gatehouse.core.relay.PipeRole;
import io.gatehouse.core.time.Cancellable;
import java.util.ArrayList;
import java.util.List;

/**
 * A game as its authority (the node that opened it) keeps it: the host's uuid, one uuid per
 * player, and its links, each a server slot and a client slot naming a pipe by its node and
 * number, wherever that pipe is attached. Guarded by its {@link NatsRelay}.
 */
final class ClusterGame {

    /** A pipe somewhere in the cluster: the node it is attached on and its number there. */
    record Slot(long node, long pipe) {
    }

    /** One game connection: a server slot and a client slot, either of which may be empty. */
    static final class Link {
        Slot server;
        Slot client;

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

    ClusterGame(String name, String hostUuid, List<String> clientUuids) {
        this.name = name;
        this.hostUuid = hostUuid;
        this.clientUuids = List.copyOf(clientUuids);
    }

    boolean admits(String uuid, PipeRole role) {
        return role == PipeRole.SERVER ? hostUuid.equals(uuid) : clientUuids.contains(uuid);
    }

    /** The uuids whose pipes this game admits, the host's first. */
    List<String> uuids() {
        List<String> all = new ArrayList<>(clientUuids.size() + 1);
        all.add(hostUuid);
        all.addAll(clientUuids);
        return all;
    }

    /** Puts the slot into the oldest link that lacks its role, or a new one; returns that link. */
    Link place(Slot slot, PipeRole role) {
        for (Link l : links) {
            if (role == PipeRole.SERVER && l.server == null) {
                l.server = slot;
                return l;
            }
            if (role == PipeRole.CLIENT && l.client == null) {
                l.client = slot;
                return l;
            }
        }
        Link l = new Link();
        if (role == PipeRole.SERVER) {
            l.server = slot;
        } else {
            l.client = slot;
        }
        links.add(l);
        return l;
    }

    /** The link that holds the slot, or null. */
    Link linkOf(Slot slot) {
        for (Link l : links) {
            if (slot.equals(l.server) || slot.equals(l.client)) {
                return l;
            }
        }
        return null;
    }

    /** Takes the slot out of {@code link}; returns the peer left waiting there, or null. */
    Slot remove(Link link, Slot slot) {
        Slot peer = slot.equals(link.server) ? link.client : link.server;
        if (slot.equals(link.server)) {
            link.server = null;
        } else {
            link.client = null;
        }
        links.removeIf(Link::empty);
        return peer;
    }

    /** Every slot of pipes attached on {@code node}. */
    List<Slot> slotsOn(long node) {
        List<Slot> found = new ArrayList<>();
        for (Link l : links) {
            if (l.server != null && l.server.node() == node) {
                found.add(l.server);
            }
            if (l.client != null && l.client.node() == node) {
                found.add(l.client);
            }
        }
        return found;
    }
}
