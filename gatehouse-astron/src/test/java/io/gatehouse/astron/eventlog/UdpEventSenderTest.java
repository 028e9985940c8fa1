package io.gatehouse.astron.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The roles' sender: one packet per event in astrond's bytes, and what it cannot send dropped with a count, never thrown. */
class UdpEventSenderTest {

    private final EventLoopGroup group = Transports.group("events-test", 1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private double counted(String name) {
        return meters.get(name).counter().count();
    }

    @Test
    void eachEventIsOnePacketOfAstrondsBytes() throws Exception {
        LoggedEvent e = LoggedEvent.of("client-disconnected", "Client:1000");
        try (DatagramSocket logger = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             UdpEventSender sender = UdpEventSender.open(new HostPort("127.0.0.1", logger.getLocalPort()), group, meters)) {
            logger.setSoTimeout(10_000);
            sender.send(e);
            DatagramPacket p = new DatagramPacket(new byte[1024], 1024);
            logger.receive(p);
            assertThat(Arrays.copyOf(p.getData(), p.getLength())).isEqualTo(EventEncoder.encode(e));
            await().until(() -> counted("gatehouse.astron.events.sent") == 1);
            assertThat(sender.dropped()).isZero();
        }
    }

    @Test
    void aPacketTheSocketRefusesIsDroppedAndCounted() throws Exception {
        // a broadcast address on a socket without SO_BROADCAST: the kernel refuses every send
        try (UdpEventSender sender = UdpEventSender.open(new HostPort("255.255.255.255", 7197), group, meters)) {
            for (int i = 0; i < 3; i++) {
                sender.send(LoggedEvent.of("client-disconnected", "Client:1000"));
            }
            await().until(() -> sender.dropped() == 3);
            assertThat(counted("gatehouse.astron.events.sent")).isZero();
        }
    }

    @Test
    void aClosedSenderDropsWhatItIsGiven() throws Exception {
        UdpEventSender sender = UdpEventSender.open(new HostPort("127.0.0.1", 7197), group, meters);
        sender.close();
        sender.sendPacket(new byte[] {(byte) 0x80});
        assertThat(sender.dropped()).isEqualTo(1);
    }
}
