package io.gatehouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.testing.NatsServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes' mail on one nats-server: a box gets what was sent to it, in order, and nothing a bus topic of the same name carries. */
class NatsNodeMailTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static NatsServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private NatsNodeMail mail(String node) throws Exception {
        NatsNodeMail m = new NatsNodeMail(NatsConnections.connect(List.of(server.url()), node + "-mail"), "gh-mail", node);
        opened.add(m);
        return m;
    }

    @Test
    void aBoxGetsWhatIsSentToItInOrderAndNoOtherBoxOrNodeDoes() throws Exception {
        NatsNodeMail a = mail("a");
        NatsNodeMail b = mail("node b");
        Queue<Long> inBox = new ConcurrentLinkedQueue<>();
        Queue<byte[]> elsewhere = new ConcurrentLinkedQueue<>();
        opened.add(b.open("vcmi.lobby", p -> inBox.add(ByteBuffer.wrap(p).getLong())));
        opened.add(b.open("vcmi.member", elsewhere::add));
        opened.add(a.open("vcmi.lobby", elsewhere::add));
        for (long i = 0; i < 1000; i++) {
            a.send("node b", "vcmi.lobby", ByteBuffer.allocate(8).putLong(i).array());
        }
        await().atMost(WAIT).until(() -> inBox.size() == 1000);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertThat(List.copyOf(inBox)).isEqualTo(expected);
        assertThat(elsewhere).isEmpty();
    }

    @Test
    void aClientsBusTopicNamedAsABoxNeverReachesIt() throws Exception {
        NatsNodeMail a = mail("a");
        Queue<byte[]> inBox = new ConcurrentLinkedQueue<>();
        opened.add(a.open("vcmi.lobby", inBox::add));
        NatsBus bus = new NatsBus(NatsConnections.connect(List.of(server.url()), "publisher"), "gh-mail");
        opened.add(bus);
        Queue<BusMessage> onTopic = new ConcurrentLinkedQueue<>();
        Bus.Subscription s = bus.subscribe("mail.a.vcmi.lobby", onTopic::add);
        opened.add(s::close);
        for (String topic : List.of("vcmi.lobby", "mail.a.vcmi.lobby", "gh-mail.mail.a.vcmi.lobby")) {
            bus.publish(new BusMessage(topic, BusMessage.ContentType.UNKNOWN, new byte[] {1}));
        }
        a.send("a", "vcmi.lobby", new byte[] {2});
        await().atMost(WAIT).until(() -> inBox.size() == 1 && onTopic.size() == 1);
        assertThat(inBox.peek()).containsExactly(2);
    }
}
