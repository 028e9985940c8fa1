package io.gatehouse.client.vcmi;

import io.gatehouse.client.ClientSockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw connection to the {@code vcmi} front (docs/protocol/vcmi.md): length-prefixed packets
 * out, and whatever the server writes in. {@link VcmiLobbyClient} and {@link VcmiPipeClient}
 * speak the two kinds of connection over it.
 */
public class VcmiConnection implements AutoCloseable {

    protected final Channel channel;
    private final ByteInbox inbox;
    protected Duration timeout = Duration.ofSeconds(10);

    /** Connects from {@code local} (null: any address). */
    protected VcmiConnection(InetSocketAddress server, InetSocketAddress local) throws InterruptedException {
        ByteInbox box = new ByteInbox();
        this.channel = ClientSockets.connect(server, local, pipeline -> pipeline.addLast(box));
        this.inbox = box;
    }

    /** How long reads wait before they give up. */
    public VcmiConnection timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Sends one packet: its 4-byte little-endian length, then the bytes. */
    public void sendPacket(byte[] bytes) {
        ByteBuf b = Unpooled.buffer(4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        b.writeIntLE(bytes.length).writeBytes(bytes);
        channel.writeAndFlush(b);
    }

    /** Sends bytes as they are, with no length. */
    public void sendRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** Sends bytes with no length and waits until they are written to the socket. */
    public void sendRawAwait(byte[] bytes) throws InterruptedException {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).sync();
    }

    /** Between 1 and {@code max} of the bytes received next. */
    public byte[] takeSome(int max) throws InterruptedException {
        return inbox.takeSome(max, timeout.toMillis());
    }

    /** The next {@code n} bytes the server sent. */
    public byte[] take(int n) throws InterruptedException {
        return inbox.take(n, timeout.toMillis());
    }

    /** The next bytes, as many as {@code expected} has in {@code charset}, as text. */
    public String take(String expected, Charset charset) throws InterruptedException {
        return new String(take(expected.getBytes(charset).length), charset);
    }

    /** The next bytes, as many as {@code expected} has in UTF-8, as text. */
    public String take(String expected) throws InterruptedException {
        return take(expected, StandardCharsets.UTF_8);
    }

    /** Everything received up to and including {@code marker} (UTF-8), as text. */
    public String takeThrough(String marker) throws InterruptedException {
        return new String(inbox.takeThrough(marker.getBytes(StandardCharsets.UTF_8), timeout.toMillis()), StandardCharsets.UTF_8);
    }

    /** Bytes received and not taken yet. */
    public int available() {
        return inbox.available();
    }

    public boolean awaitClosed() throws InterruptedException {
        return inbox.awaitClosed(timeout.toMillis());
    }

    /** Stops or resumes reading from the socket. */
    public void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }
}
