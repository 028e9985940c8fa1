package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What goes upstream at the edges of the channel space, without sockets. */
class UpstreamInterestTest {

    private final List<byte[]> up = new ArrayList<>();
    private final UpstreamInterest interest = new UpstreamInterest(d -> {
        up.add(ByteBufUtil.getBytes(d));
        d.release();
    });
    private final MdParticipant a = new SilentParticipant("a");
    private final MdParticipant b = new SilentParticipant("b");


    private List<byte[]> sent() {
        List<byte[]> out = List.copyOf(up);
        up.clear();
        return out;
    }

    @Test
    void rangesAtTheTopOfTheUnsignedSpaceAreOrderedUnsigned() {
        long top = -1L;
        long high = Long.MIN_VALUE; // 2^63, above every signed-positive channel
        interest.subscribeRange(a, high, top);
        assertThat(sent()).containsExactly(control(ControlMessage.ADD_RANGE, longs(high, top)));
        interest.subscribeRange(b, 5, top);
        assertThat(sent()).containsExactly(control(ControlMessage.ADD_RANGE, longs(5, top)));
        // b leaving leaves what a holds
        interest.unsubscribeAll(b);
        assertThat(sent()).containsExactly(control(ControlMessage.REMOVE_RANGE, longs(5, high - 1)));
        interest.unsubscribeRange(a, 0, top);
        assertThat(sent()).containsExactly(control(ControlMessage.REMOVE_RANGE, longs(high, top)));
    }

    @Test
    void anEmptyRangeAsksNothing() {
        interest.subscribeRange(a, 10, 5);
        interest.unsubscribeRange(a, 10, 5);
        assertThat(sent()).isEmpty();
        interest.subscribeRange(a, 1, 100);
        interest.unsubscribeRange(a, 10, 5);
        assertThat(sent()).containsExactly(control(ControlMessage.ADD_RANGE, longs(1, 100)));
    }

    @Test
    void aRangeRemovalDropsTheParticipantsSingleChannelsQuietly() {
        interest.subscribeRange(b, 1, 2);
        interest.subscribe(a, 50);
        interest.unsubscribeRange(a, 40, 60);
        assertThat(sent()).containsExactly(control(ControlMessage.ADD_RANGE, longs(1, 2)), control(ControlMessage.ADD_CHANNEL, longs(50)));
        // astrond forgot it below without a word: the next subscriber asks for it again
        interest.subscribe(b, 50);
        assertThat(sent()).containsExactly(control(ControlMessage.ADD_CHANNEL, longs(50)));
    }
}
