package io.gatehouse.astron.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.bus.LocalBus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** No internal datagram goes out longer than its uint16 length tag can say. */
class DatagramTest {

    /** recipient count 1, one recipient, sender, type. */
    private static final int HEADER = 1 + 8 + 8 + 2;

    @Test
    void theLongestDatagramIsBuilt() {
        ByteBuf d = Datagram.to(5, 6, 7).bytes(new byte[0xFFFF - HEADER]).build();
        assertThat(d.readableBytes()).isEqualTo(0xFFFF);
        d.release();
    }

    @Test
    void aLongerOneIsRefused() {
        Datagram d = Datagram.to(5, 6, 7).bytes(new byte[0xFFFF - HEADER + 1]);
        assertThatThrownBy(d::build).isInstanceOf(DatagramOverflowException.class)
                .hasMessage("datagram 65536 bytes (max 65535)");
    }

    @Test
    void aNetworkLinkSendsNoDatagramItsLengthTagCannotSay() {
        MessageDirector md = new MessageDirector(new LocalBus());
        EmbeddedChannel link = new EmbeddedChannel(new MdNetworkParticipant(md, TestLinks.defaults()));
        try {
            MdNetworkParticipant p = link.pipeline().get(MdNetworkParticipant.class);
            ByteBuf oversized = link.alloc().buffer(0x10000).writeZero(0x10000);
            p.deliver(oversized);
            assertThat((Object) link.readOutbound()).as("nothing written, not a wrapped length").isNull();
            assertThat(oversized.refCnt()).as("released").isZero();

            ByteBuf three = link.alloc().buffer(3).writeBytes(new byte[] {1, 2, 3});
            p.deliver(three);
            ByteBuf frame = link.readOutbound();
            assertThat(frame.readUnsignedShortLE()).isEqualTo(3);
            assertThat(frame.readableBytes()).isEqualTo(3);
            assertThat(three.refCnt()).as("copied into the link's own buffer and released").isZero();
            frame.release();
        } finally {
            assertThat(link.finishAndReleaseAll()).isFalse();
            md.close();
        }
    }
}
