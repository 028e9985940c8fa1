package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.Notification;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer.Transport;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Outbound gzip (spec 5.6, {@code control.gzip_min_bytes}): off by default, on from the threshold. */
class ControlGzipTest extends ServerTestBase {

    private static final byte[] LARGE = "{\"symbol\":\"700.HK\",\"last\":\"321.4\"},".repeat(60).getBytes(StandardCharsets.US_ASCII);

    /** A heartbeat with a large body, sent raw, and the answer's header byte and inflated body. */
    private record Echo(int header, byte[] body) {
    }

    private Echo rawHeartbeatEcho(byte[] body) throws IOException {
        try (Socket s = new Socket(server.tcp().getAddress(), server.tcp().getPort())) {
            s.setSoTimeout(10_000);
            ByteBuffer request = ByteBuffer.allocate(2 + 11 + body.length);
            request.put((byte) 0x11).put((byte) 0x09);
            request.put((byte) 0x01).put((byte) 0x01).putInt(7).putShort((short) 0);
            request.put((byte) (body.length >>> 16)).put((byte) (body.length >>> 8)).put((byte) body.length).put(body);
            OutputStream out = s.getOutputStream();
            out.write(request.array());
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int header = in.readUnsignedByte();
            assertThat(in.readUnsignedByte()).as("cmd").isEqualTo(1);
            assertThat(in.readInt()).as("request id").isEqualTo(7);
            assertThat(in.readUnsignedByte()).as("status").isZero();
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            byte[] wire = new byte[length];
            in.readFully(wire);
            if ((header & 0x20) == 0) {
                return new Echo(header, wire);
            }
            assertThat(length).as("gzip made it smaller").isLessThan(body.length);
            try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(wire))) {
                return new Echo(header, gz.readAllBytes());
            }
        }
    }

    @Test
    void byDefaultBodiesGoOutAsTheyAre() throws Exception {
        Echo e = rawHeartbeatEcho(LARGE);
        assertThat(e.header()).isEqualTo(0x02);
        assertThat(e.body()).isEqualTo(LARGE);
    }

    @Test
    void fromTheThresholdOnAnswersGoOutGzipped() throws Exception {
        restart("  gzip_min_bytes: 1024\n");
        Echo e = rawHeartbeatEcho(LARGE);
        assertThat(e.header()).as("response with the gzip bit").isEqualTo(0x22);
        assertThat(e.body()).isEqualTo(LARGE);
        Echo small = rawHeartbeatEcho(new byte[] {1, 2, 3});
        assertThat(small.header()).isEqualTo(0x02);
    }

    @Test
    void gzippedPushesReachSubscribersOnBothTransportsIntact() throws Exception {
        restart("  gzip_min_bytes: 1024\n");
        try (ControlClient tcp = server.authed(Transport.TCP, "tia"); ControlClient ws = server.authed(Transport.WS, "wes");
             ControlClient pub = server.authed(Transport.TCP, "pat")) {
            tcp.subscribe("quotes");
            ws.subscribe("quotes");
            assertThat(pub.publish("quotes", LARGE).delivered()).isEqualTo(2);
            for (ControlClient c : new ControlClient[] {tcp, ws}) {
                Notification n = c.nextNotification();
                assertThat(n.topic()).isEqualTo("quotes");
                assertThat(n.data()).isEqualTo(LARGE);
            }
        }
    }
}
