package io.gatehouse.client.vcmi;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A game pipe as {@code vcmiserver} or {@code vcmiclient} opens it: {@code Aiya!\n}, a name
 * with the role in parentheses, the uuid from the lobby, one endianness byte; raw bytes after.
 */
public final class VcmiPipeClient extends VcmiConnection {

    private VcmiPipeClient(InetSocketAddress server, InetSocketAddress local) throws InterruptedException {
        super(server, local);
    }

    /** Connects and sends the handshake; {@code role} is {@code server} or {@code client}. */
    public static VcmiPipeClient open(InetSocketAddress server, String role, String uuid) throws InterruptedException {
        return open(server, null, role, uuid);
    }

    /** The same from {@code local} (null: any address). */
    public static VcmiPipeClient open(InetSocketAddress server, InetSocketAddress local, String role, String uuid)
            throws InterruptedException {
        VcmiPipeClient p = new VcmiPipeClient(server, local);
        p.sendPacket("Aiya!\n".getBytes(StandardCharsets.US_ASCII));
        p.sendPacket(("VCMI " + role + " (" + role + ")").getBytes(StandardCharsets.US_ASCII));
        p.sendPacket(uuid.getBytes(StandardCharsets.US_ASCII));
        p.sendRaw(new byte[] {1});
        return p;
    }

    /** The handshake bytes a peer with this role and uuid sends, as the other end receives them. */
    public static byte[] handshakeBytes(String role, String uuid) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : new String[] {"Aiya!\n", "VCMI " + role + " (" + role + ")", uuid}) {
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
            b.writeBytes(bytes);
        }
        b.write(1);
        return b.toByteArray();
    }
}
