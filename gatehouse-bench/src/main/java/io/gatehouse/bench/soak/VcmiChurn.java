package io.gatehouse.bench.soak;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * One vcmi game's life: two lobby users greet, one opens a room, the other joins, they chat
 * in the room, both ready up and the game starts; then the host's game-server pipe and the
 * guest's game-client pipe meet by their uuids and relay 4 KiB each way; everyone leaves.
 */
final class VcmiChurn implements PlayerCycle {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int UUID_LENGTH = 36;
    private static final int RELAYED = 4096;

    private final InetSocketAddress server;
    private final Tally tally;

    VcmiChurn(InetSocketAddress server, Tally tally) {
        this.server = server;
        this.tally = tally;
    }

    @Override
    public void run(long n, InetSocketAddress local) throws Exception {
        String host = "soakh" + n;
        String guest = "soakg" + n;
        String room = "soakroom" + n;
        String hostUuid;
        String guestUuid;
        try (VcmiLobbyClient h = VcmiLobbyClient.connect(server, local); VcmiLobbyClient g = VcmiLobbyClient.connect(server, local)) {
            tally.connected();
            tally.connected();
            h.timeout(TIMEOUT);
            g.timeout(TIMEOUT);
            h.greet(host, "1.5.0");
            h.takeThrough("currently playing ");
            g.greet(guest, "1.5.0");
            g.takeThrough("currently playing ");
            h.send("<NEW>" + room + "<PSWD><COUNT>2");
            h.takeThrough("You are in the room chat.");
            g.send("<JOIN>" + room + "<PSWD>");
            g.takeThrough(":>>GAMEMODE:0");
            g.send("<CHANNEL>room");
            g.takeThrough(":>>CHANNEL:room");
            g.send("<MSG>good luck");
            h.takeThrough(":>>MSGCH:" + guest + ":room:good luck");
            h.send("<READY>" + room);
            g.send("<READY>" + room);
            h.takeThrough(":>>HOST:");
            hostUuid = new String(h.take(UUID_LENGTH), StandardCharsets.US_ASCII);
            g.takeThrough(":>>START:");
            guestUuid = new String(g.take(UUID_LENGTH), StandardCharsets.US_ASCII);
        }
        byte[] down = new byte[RELAYED];
        byte[] up = new byte[RELAYED];
        Random random = new Random(n);
        random.nextBytes(down);
        random.nextBytes(up);
        try (VcmiPipeClient gameServer = VcmiPipeClient.open(server, local, "server", hostUuid);
             VcmiPipeClient gameClient = VcmiPipeClient.open(server, local, "client", guestUuid)) {
            tally.connected();
            tally.connected();
            gameServer.timeout(TIMEOUT);
            gameClient.timeout(TIMEOUT);
            gameServer.sendRaw(down);
            gameClient.sendRaw(up);
            expect(gameClient, VcmiPipeClient.handshakeBytes("server", hostUuid), down);
            expect(gameServer, VcmiPipeClient.handshakeBytes("client", guestUuid), up);
        }
    }

    private static void expect(VcmiPipeClient pipe, byte[] handshake, byte[] relayed) throws InterruptedException {
        if (!Arrays.equals(pipe.take(handshake.length), handshake) || !Arrays.equals(pipe.take(relayed.length), relayed)) {
            throw new IllegalStateException("the pipe relayed other bytes than were sent");
        }
    }
}
