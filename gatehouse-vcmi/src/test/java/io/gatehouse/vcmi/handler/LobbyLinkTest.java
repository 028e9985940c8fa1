package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.cluster.NodeMail;
import io.gatehouse.core.cluster.Seniority;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.link.LinkCodec;
import io.gatehouse.vcmi.link.LinkMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lobby node's side of the lobby link, on in-process mail: node "c" (played by the test)
 * forwards a connection to node "b", whose lobby answers through a stand-in; a node that is
 * not the lobby, or a lobby that does not know the connection, refuses it; bytes that are no
 * message are dropped.
 */
class LobbyLinkTest {

    private static final int MAX_PAYLOAD = 4096;
    private final Map<String, Consumer<byte[]>> boxesOfB = new ConcurrentHashMap<>();
    /** Node b's boxes, delivered on the sending thread; what goes to node c is kept. */
    private final NodeMail mail = new NodeMail() {
        @Override
        public void send(String node, String box, byte[] payload) {
            if (node.equals("c") && box.equals(LobbyLink.MEMBER_BOX)) {
                toC.add(LinkCodec.decode(payload));
            } else if (node.equals("b") && boxesOfB.containsKey(box)) {
                boxesOfB.get(box).accept(payload);
            }
        }

        @Override
        public int maxPayloadBytes() {
            return MAX_PAYLOAD;
        }

        @Override
        public Bus.Subscription open(String box, Consumer<byte[]> taker) {
            boxesOfB.put(box, taker);
            return () -> boxesOfB.remove(box);
        }
    };
    private final LobbyHarness h = new LobbyHarness(VcmiConfig.defaults());
    private final List<LinkMessage> toC = new CopyOnWriteArrayList<>();
    private LobbyLink link;

    private void nodeB(String eldest) {
        link = new LobbyLink(mail, new Seniority() {
            @Override
            public String self() {
                return "b";
            }

            @Override
            public String eldest() {
                return eldest;
            }

            @Override
            public boolean alive(String node) {
                return true;
            }
        }, h.lobby);
    }

    @AfterEach
    void close() {
        if (link != null) {
            link.close();
        }
    }

    private void fromC(LinkMessage.ToLobby m) {
        mail.send("b", LobbyLink.LOBBY_BOX, LinkCodec.encode(m));
        h.drain();
    }

    private static String text(List<byte[]> replies) {
        StringBuilder text = new StringBuilder();
        replies.forEach(r -> text.append(new String(r, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private String repliesToC() {
        StringBuilder text = new StringBuilder();
        toC.stream().filter(m -> m instanceof LinkMessage.Reply).forEach(m -> text.append(new String(((LinkMessage.Reply) m).bytes(),
                StandardCharsets.UTF_8)));
        return text.toString();
    }

    @Test
    void aForwardedConnectionIsGreetedThroughItsStandInAndLeavesWhenItCloses() {
        nodeB("b");
        LobbyHarness.Conn alice = h.connect();
        alice.packet("\u0005\u0000<GREETINGS>alice<VER>1.5.0".getBytes(StandardCharsets.UTF_8));
        alice.replies();
        fromC(new LinkMessage.Open("c", 1, "10.0.0.3:4000"));
        fromC(new LinkMessage.Packet("c", 1, "\u0005\u0000<GREETINGS>carol<VER>1.5.0".getBytes(StandardCharsets.UTF_8)));
        assertThat(repliesToC()).isEqualTo(":>>USERS:2:alice:carol:>>SESSIONS:0:>>USERS:2:alice:carol"
                + ":>>MSG:System:Here available 1 users, currently playing 0");
        assertThat(toC).contains(new LinkMessage.Handled(1));
        assertThat(h.sessions.live()).anyMatch(s -> s.account().equals("carol") && s.connection().remoteAddress().equals("10.0.0.3:4000"));
        assertThat(text(alice.replies())).isEqualTo(":>>USERS:2:alice:carol");
        fromC(new LinkMessage.Closed("c", 1));
        assertThat(text(alice.replies())).isEqualTo(":>>USERS:1:alice");
        assertThat(h.sessions.live()).noneMatch(s -> s.account().equals("carol"));
    }

    @Test
    void aNodeThatIsNotTheLobbyRefusesAConnectionForwardedToIt() {
        nodeB("a");
        fromC(new LinkMessage.Open("c", 4, "10.0.0.3:4000"));
        assertThat(toC).containsExactly(new LinkMessage.Refused(4));
    }

    @Test
    void theLobbyRefusesAConnectionItDoesNotKnow() {
        nodeB("b");
        fromC(new LinkMessage.Packet("c", 5, "<MSG>hi".getBytes(StandardCharsets.UTF_8)));
        fromC(new LinkMessage.Closed("c", 6));
        assertThat(toC).containsExactly(new LinkMessage.Refused(5));
    }

    @Test
    void aPacketFitsWhenItsMessageToTheLobbyNodeFitsInOnePayload() {
        nodeB("a");
        int most = MAX_PAYLOAD - LinkCodec.encode(new LinkMessage.Packet("b", Long.MAX_VALUE, new byte[0])).length;
        assertThat(link.fits(most)).isTrue();
        assertThat(link.fits(most + 1)).isFalse();
    }

    @Test
    void bytesThatAreNoMessageAreDropped() {
        nodeB("b");
        for (byte[] junk : List.of(new byte[0], new byte[] {1}, new byte[] {99, 1, 2}, LinkCodec.encode(new LinkMessage.Refused(1)))) {
            mail.send("b", LobbyLink.LOBBY_BOX, junk);
            mail.send("b", LobbyLink.MEMBER_BOX, junk);
        }
        h.drain();
        assertThat(toC).isEmpty();
    }
}
