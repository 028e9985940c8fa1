package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 3: {@code Aiya!} then 300 packets of 1 MiB with no role and no uuid were all
 * kept (+730 MB RSS) while the connection stayed open. A pipe may send at most
 * {@code max_handshake_bytes} and {@code max_handshake_packets} before its handshake is
 * complete, and a lobby connection as much before its greeting (docs/protocol/vcmi.md section 8).
 */
class VcmiPipeHandshakeLimitTest extends VcmiFrontFixture {

    private static final int MEBIBYTES = 64;

    @Test
    void aPipeSendingMebibytesWithNoRoleOrUuidIsClosedWithoutReadingThem() throws Exception {
        start(config());
        RawClient pipe = connect();
        pipe.packet("Aiya!\n");
        byte[] mebibyte = new byte[1024 * 1024];
        int sent = 0;
        IOException refused = null;
        try {
            for (; sent < MEBIBYTES; sent++) {
                pipe.packet(mebibyte);
            }
        } catch (IOException e) {
            refused = e;
        }
        // The kernel's buffers hold a few MiB at most: the rest could only go if the server read it.
        assertThat(refused).as("the server closed the connection instead of taking %d MiB", MEBIBYTES).isNotNull();
        assertThat(sent).isLessThan(MEBIBYTES);
        awaitCloses("oversized", 1);
        assertThat(faults("handshake_limit")).isEqualTo(1);
    }

    @Test
    void aPipeSendingPacketAfterPacketWithNoUuidIsClosedWithNoReply() throws Exception {
        start(config());
        RawClient pipe = connect();
        pipe.packet("Aiya!\n");
        pipe.packet("VCMI client (client)");
        try {
            for (int i = 0; i < 300; i++) {
                pipe.packet("not a uuid " + i);
            }
        } catch (IOException closedMeanwhile) {
            // the server may have closed before the last ones went
        }
        assertThat(pipe.readToEnd()).as("a pipe gets no text").isEmpty();
        awaitCloses("oversized", 1);
        assertThat(faults("handshake_limit")).isEqualTo(1);
    }

    @Test
    void aLobbyConnectionThatSendsTooMuchBeforeItsGreetingIsRefused() throws Exception {
        start(config());
        RawClient c = connect();
        c.hello(5, "");
        for (int i = 0; i < 20; i++) {
            c.packet("<MSG>not greeted " + i);
        }
        assertThat(c.readToEnd()).isEqualTo(":>>ERROR:Too many messages before login");
        awaitCloses("oversized", 1);
        assertThat(faults("handshake_limit")).isEqualTo(1);
    }

    @Test
    void aGreetedUserIsNotUnderTheHandshakeLimits() throws Exception {
        start(config());
        RawClient c = connect();
        c.hello(5, "<GREETINGS>talker<VER>1.5.0");
        c.readThrough("currently playing 0");
        for (int i = 0; i < 40; i++) {
            c.packet("<MSG>hello " + i);
        }
        assertThat(c.readThrough(":>>MSGCH:talker:global:hello 39")).contains(":>>MSGCH:talker:global:hello 0");
        assertThat(faults("handshake_limit")).isZero();
    }
}
