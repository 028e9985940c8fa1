package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.codec.VcmiFrameDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The lobby reads ahead of its actor for one connection by at most 256 packets or
 * {@code max_packet_bytes} bytes, then stops reading it until the actor has caught up
 * (docs/protocol/vcmi.md section 9): packets of 1 MiB no longer pile up 256 deep.
 */
class VcmiLobbyInboxTest {

    private static byte[] framed(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).put(body).array();
    }

    @Test
    void aConnectionStopsBeingReadOnceMaxPacketBytesWaitForTheLobby() {
        VcmiConfig d = VcmiConfig.defaults();
        VcmiConfig config = new VcmiConfig(true, d.bind(), d.capacity(), d.healthcheck(), d.sessionGrace(), d.messageTargets(),
                64 * 1024, d.maxPendingBytes(), d.maxOutboundBytes(), d.admission(), d.splice());
        LobbyHarness h = new LobbyHarness(config);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new VcmiFrameDecoder(config.maxPacketBytes()), new VcmiConnectionHandler(h.lobby, h.relay, ch));
        ch.writeInbound(Unpooled.wrappedBuffer(framed("\u0005\u0000<GREETINGS>reader".getBytes(StandardCharsets.US_ASCII))));
        h.drain();
        ch.runPendingTasks();
        byte[] chat = ("<MSG>" + "x".repeat(40 * 1024)).getBytes(StandardCharsets.US_ASCII);
        ch.writeInbound(Unpooled.wrappedBuffer(framed(chat)));
        assertThat(ch.config().isAutoRead()).as("40 KiB waiting").isTrue();
        ch.writeInbound(Unpooled.wrappedBuffer(framed(chat)));
        assertThat(ch.config().isAutoRead()).as("80 KiB waiting, two packets only").isFalse();
        h.drain();
        ch.runPendingTasks();
        assertThat(ch.isActive()).isTrue();
        assertThat(ch.config().isAutoRead()).as("the lobby caught up").isTrue();
        ch.finishAndReleaseAll();
    }
}
