package io.gatehouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.testing.NatsServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three nodes' buses on one nats-server: what one node publishes reaches the others' subscribers, once each. */
class NatsBusAcrossNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static NatsServer server;
    private NatsBus a;
    private NatsBus b;
    private NatsBus c;

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

    @BeforeEach
    void nodes() throws Exception {
        a = node("a");
        b = node("b");
        c = node("c");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        c.close();
    }

    private static NatsBus node(String name) throws Exception {
        return new NatsBus(NatsConnections.connect(List.of(server.url()), name), "gh-nodes");
    }

    private static final String PROBE = "probe";

    /**
     * Another node's subscription reaches the server some time after it is made: publish probes
     * until every recorder has heard one (the probes are left out of what the test compares).
     */
    private static void settled(NatsBus from, String topic, List<Queue<String>> recorders) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            from.publish(new BusMessage(topic, BusMessage.ContentType.UNKNOWN, PROBE.getBytes(StandardCharsets.UTF_8)));
            return recorders.stream().allMatch(r -> r.stream().anyMatch(line -> line.contains(":" + PROBE)));
        });
    }

    private static List<String> withoutProbes(Queue<String> got) {
        return got.stream().filter(line -> !line.contains(":" + PROBE)).toList();
    }

    @Test
    void aTopicPublishOnOneNodeReachesEverySubscriberOnEveryNodeOnce() {
        Queue<String> onB = new ConcurrentLinkedQueue<>();
        Queue<String> onC = new ConcurrentLinkedQueue<>();
        Bus.Subscriber recordB = m -> onB.add(m.channel() + ":" + new String(m.payload(), StandardCharsets.UTF_8));
        Bus.Subscriber recordC = m -> onC.add(m.channel() + ":" + new String(m.payload(), StandardCharsets.UTF_8)
                + ":" + m.contentType());
        b.subscribe("quotes/700.HK", recordB);
        b.subscribe("quotes/700.HK", recordB);
        c.subscribe("quotes/700.HK", recordC);
        settled(a, "quotes/700.HK", List.of(onB, onC));
        a.publish(new BusMessage("quotes/700.HK", BusMessage.ContentType.JSON, "{\"p\":1}".getBytes(StandardCharsets.UTF_8)));
        await().atMost(WAIT).until(() -> withoutProbes(onB).size() >= 2 && withoutProbes(onC).size() >= 1);
        // a later message on the same topic from the same publisher comes after it: nothing more follows
        a.publish(new BusMessage("quotes/700.HK", BusMessage.ContentType.UNKNOWN, "last".getBytes(StandardCharsets.UTF_8)));
        await().atMost(WAIT).until(() -> onB.contains("quotes/700.HK:last") && onC.stream().anyMatch(l -> l.contains(":last")));
        assertThat(withoutProbes(onB)).containsExactly("quotes/700.HK:{\"p\":1}", "quotes/700.HK:{\"p\":1}",
                "quotes/700.HK:last", "quotes/700.HK:last");
        assertThat(withoutProbes(onC)).containsExactly("quotes/700.HK:{\"p\":1}:JSON", "quotes/700.HK:last:UNKNOWN");
        assertThat(a.localSubscribers("quotes/700.HK")).isZero();
        assertThat(b.localSubscribers("quotes/700.HK")).isEqualTo(2);
    }

    @Test
    void aDatagramReachesMembersOnOtherNodesOnceAndNeverItsSender() {
        Queue<Long> onA = new ConcurrentLinkedQueue<>();
        Queue<Long> onB = new ConcurrentLinkedQueue<>();
        Queue<Long> onC = new ConcurrentLinkedQueue<>();
        Bus.ChannelMember sender = a.join(d -> take(d, onA));
        sender.subscribe(5000);
        Bus.ChannelMember ranged = b.join(d -> take(d, onB));
        ranged.subscribeRange(4000, 6000);
        ranged.subscribe(7000);
        Bus.ChannelMember single = c.join(d -> take(d, onC));
        single.subscribe(7000);
        ByteBuf datagram = Unpooled.buffer().writeLong(42);
        sender.publish(new long[] {5000, 7000}, datagram);
        sender.publish(new long[] {-2L}, Unpooled.buffer().writeLong(43));
        a.publish(new long[] {5000}, Unpooled.buffer().writeLong(44));
        await().atMost(WAIT).until(() -> onB.size() == 2 && onC.size() == 1 && onA.size() == 1);
        assertThat(onB).containsExactly(42L, 44L);
        assertThat(onC).containsExactly(42L);
        assertThat(onA).as("the sender hears a datagram from outside it, never its own").containsExactly(44L);
        assertThat(datagram.refCnt()).as("the publisher keeps its buffer").isEqualTo(1);
        datagram.release();
    }

    private static void take(ByteBuf d, Queue<Long> into) {
        try {
            into.add(d.readLong());
        } finally {
            d.release();
        }
    }
}
