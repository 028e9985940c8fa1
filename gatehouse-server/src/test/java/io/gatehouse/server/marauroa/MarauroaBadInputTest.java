package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Garbage and hostile frames: ignored or refused as the spec says, and the server keeps serving. */
class MarauroaBadInputTest extends MarauroaFixture {

    @BeforeEach
    void start() throws Exception {
        start("  max_message_bytes: 4096\n");
    }

    @Test
    void randomFramesAreIgnoredAndTheConnectionStillWorks() throws Exception {
        Random random = new Random(7);
        try (MarauroaClient c = new MarauroaClient(gatehouse.marauroa().address())) {
            for (int i = 0; i < 200; i++) {
                byte[] body = new byte[random.nextInt(60)];
                random.nextBytes(body);
                if (body.length > 0) {
                    body[0] = 35;
                }
                c.sendRaw(ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + body.length).put(body).array());
            }
            assertThat(c.createAccount("after", "secret", "a@example.org")).isEqualTo(new CreateAccountAck("after"));
        }
    }

    @Test
    void anOversizedFrameClosesTheConnectionOnly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gatehouse.marauroa().address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1_000_000).array());
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("closed").isEqualTo(-1);
        }
        try (MarauroaClient c = new MarauroaClient(gatehouse.marauroa().address())) {
            assertThat(c.createAccount("still", "secret", "s@example.org")).isEqualTo(new CreateAccountAck("still"));
        }
    }
}
