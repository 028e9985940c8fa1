package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.vcmi.link.LinkMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stand-in member's line: replies in order, the close after them, and the slow-consumer bound on what its node has not written. */
class StandInLineTest {

    private static final int MAX_OUTBOUND = 64 * 1024;

    private final List<LinkMessage.ToMember> sent = new ArrayList<>();
    private final AtomicInteger slow = new AtomicInteger();
    private final StandInLine line = new StandInLine("node-b", 9, "10.0.0.2:4000", MAX_OUTBOUND, sent::add, slow::incrementAndGet);

    @Test
    void repliesGoInOrderAndTheCloseAfterThemNamesTheReason() {
        line.write("one".getBytes());
        line.write("two".getBytes());
        line.closing(CloseReason.HEARTBEAT_TIMEOUT);
        line.closing(CloseReason.BAD_FRAME);
        line.closeAfterWrites();
        line.write("late".getBytes());
        line.closeAfterWrites();
        assertThat(sent).hasSize(3);
        assertThat(((LinkMessage.Reply) sent.get(0)).bytes()).isEqualTo("one".getBytes());
        assertThat(((LinkMessage.Reply) sent.get(1)).bytes()).isEqualTo("two".getBytes());
        assertThat(sent.get(2)).as("the first reason named counts").isEqualTo(new LinkMessage.Close(9, CloseReason.HEARTBEAT_TIMEOUT));
        assertThat(line.address()).isEqualTo("10.0.0.2:4000");
    }

    @Test
    void aCloseWithNoReasonNamedCountsAsTheClientsOwn() {
        line.closeAfterWrites();
        assertThat(sent).containsExactly(new LinkMessage.Close(9, CloseReason.CLIENT_CLOSED));
    }

    @Test
    void aNodeThatReportsWhatItWroteKeepsItsMemberWhateverPasses() {
        byte[] reply = new byte[ForwardedMember.REPORT_BYTES];
        long total = 0;
        for (int i = 0; i < 100; i++) {
            line.write(reply);
            total += reply.length;
            line.written(total);
        }
        assertThat(slow).hasValue(0);
        assertThat(sent).hasSize(100).allMatch(m -> m instanceof LinkMessage.Reply);
    }

    @Test
    void moreThanMaxOutboundBytesNotWrittenOnTheMembersNodeIsASlowConsumer() {
        byte[] reply = new byte[1024];
        for (int i = 0; i < MAX_OUTBOUND / reply.length; i++) {
            line.write(reply);
        }
        line.written(4096);
        line.write(reply);
        line.write(reply);
        line.write(reply);
        line.write(reply);
        assertThat(slow).as("within the bound while the node reports").hasValue(0);
        line.write(reply);
        assertThat(slow).hasValue(1);
        assertThat(sent.get(sent.size() - 1)).isEqualTo(new LinkMessage.Close(9, CloseReason.SLOW_CONSUMER));
        int before = sent.size();
        line.write(reply);
        line.closeAfterWrites();
        assertThat(sent).as("nothing more for a member gone").hasSize(before);
        assertThat(slow).hasValue(1);
    }
}
