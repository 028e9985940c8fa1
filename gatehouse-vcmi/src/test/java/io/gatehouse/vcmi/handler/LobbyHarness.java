package io.gatehouse.vcmi.handler;

import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.relay.LocalRelay;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.RecordingSessions;
import io.gatehouse.core.time.Deadline;
import io.gatehouse.vcmi.VcmiConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A {@link VcmiLobby} without sockets: its actor is a queue that {@link #drain} runs on the
 * calling thread, as the lobby's one thread would, and each connection is an
 * {@link EmbeddedChannel} whose writes (one buffer per reply) are read back with
 * {@link Conn#replies}. Its clock is manual.
 */
final class LobbyHarness {

    final ManualScheduler clock = new ManualScheduler();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final VcmiConfig config;
    final Relay relay;
    final VcmiLobby lobby;
    final RecordingSessions sessions = new RecordingSessions();
    private final ArrayDeque<Runnable> actor = new ArrayDeque<>();

    LobbyHarness(VcmiConfig config) {
        this.config = config;
        FrontMetrics metrics = new FrontMetrics(registry, "vcmi");
        this.relay = new LocalRelay(clock, config.sessionGrace());
        this.lobby = new VcmiLobby(actor::add, config, new VcmiStats(registry), relay, clock,
                metrics.clientFaults(LoggerFactory.getLogger(VcmiConnectionHandler.class), clock::nowMillis), sessions);
    }

    /** One connection as the lobby sees it. */
    final class Conn {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final LobbyClient client;

        private Conn() {
            LobbyClient[] self = new LobbyClient[1];
            // As the connection handler does for a lobby connection; one that never sent a packet is closed with no reply.
            Deadline handshake = new Deadline(clock, config.admission().handshakeTimeout(), () -> {
                if (self[0].kind == LobbyClient.Kind.LOBBY) {
                    lobby.handshakeExpired(self[0]);
                } else {
                    channel.close();
                }
            });
            client = new LobbyClient(channel, lobby.faults, handshake);
            self[0] = client;
            lobby.accepted(client);
            channel.closeFuture().addListener(f -> lobby.disconnected(client));
            handshake.start();
            drain();
        }

        /** One lobby packet, handled before this returns. */
        void packet(byte[] bytes) {
            if (channel.isOpen()) {
                lobby.packet(client, bytes, () -> { });
                drain();
            }
        }

        /** The replies written since the last call, one per message, as raw bytes. */
        List<byte[]> replies() {
            channel.runPendingTasks();
            List<byte[]> out = new ArrayList<>();
            for (Object m; (m = channel.readOutbound()) != null; ) {
                ByteBuf b = (ByteBuf) m;
                if (b.isReadable()) {
                    out.add(ByteBufUtil.getBytes(b));
                }
                b.release();
            }
            return out;
        }

        boolean closed() {
            channel.runPendingTasks();
            return !channel.isOpen();
        }
    }

    Conn connect() {
        return new Conn();
    }

    /** Runs what waits on the lobby's actor, and what that queues, until nothing is left. */
    void drain() {
        for (Runnable r; (r = actor.poll()) != null; ) {
            r.run();
        }
    }

    double faults(String kind) {
        Counter c = registry.find("gatehouse.client.faults").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }
}
