package io.gatehouse.client.vcmi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Collects the bytes a connection receives; readers wait for as many as they need. Bytes
 * taken are dropped, so a long stream costs only what is not read yet.
 */
final class ByteInbox extends SimpleChannelInboundHandler<ByteBuf> {

    private final ByteBuf received = Unpooled.buffer(4096);
    private boolean closed;

    @Override
    protected synchronized void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
        if (received.readerIndex() > 1024 * 1024) {
            received.discardReadBytes();
        }
        received.writeBytes(msg);
        notifyAll();
    }

    @Override
    public synchronized void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        notifyAll();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The next {@code n} bytes, waiting up to {@code timeoutMillis}; throws when they do not come. */
    synchronized byte[] take(int n, long timeoutMillis) throws InterruptedException {
        awaitReadable(n, timeoutMillis, n + " bytes");
        byte[] out = new byte[n];
        received.readBytes(out);
        return out;
    }

    /** Between 1 and {@code max} bytes, as many as have arrived. */
    synchronized byte[] takeSome(int max, long timeoutMillis) throws InterruptedException {
        awaitReadable(1, timeoutMillis, "any bytes");
        byte[] out = new byte[Math.min(max, received.readableBytes())];
        received.readBytes(out);
        return out;
    }

    /** Everything up to and including the first {@code marker} from here on, waiting for it to arrive. */
    synchronized byte[] takeThrough(byte[] marker, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ByteBuf needle = Unpooled.wrappedBuffer(marker);
        while (true) {
            int at = ByteBufUtil.indexOf(needle, received);
            if (at >= 0) {
                byte[] out = new byte[at - received.readerIndex() + marker.length];
                received.readBytes(out);
                return out;
            }
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                throw new IllegalStateException("'" + new String(marker, StandardCharsets.ISO_8859_1) + "' did not come; got: "
                        + received.toString(StandardCharsets.ISO_8859_1));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void awaitReadable(int n, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (received.readableBytes() < n) {
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                throw new IllegalStateException("wanted " + what + ", got " + received.readableBytes()
                        + (closed ? " before the close" : " in time") + ": " + received.toString(StandardCharsets.ISO_8859_1));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized int available() {
        return received.readableBytes();
    }

    /** Waits until the connection closes; true if it did within the time. */
    synchronized boolean awaitClosed(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
