package io.gatehouse.client.vcmi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Collects every byte a connection receives; readers wait for as many as they need. */
final class ByteInbox extends SimpleChannelInboundHandler<ByteBuf> {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int consumed;
    private boolean closed;

    @Override
    protected synchronized void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
        byte[] b = new byte[msg.readableBytes()];
        msg.readBytes(b);
        received.writeBytes(b);
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (received.size() - consumed < n) {
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                byte[] have = Arrays.copyOfRange(received.toByteArray(), consumed, received.size());
                throw new IllegalStateException("wanted " + n + " bytes, got " + have.length + (closed ? " before the close" : " in time")
                        + ": " + new String(have, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        byte[] all = received.toByteArray();
        byte[] out = Arrays.copyOfRange(all, consumed, consumed + n);
        consumed += n;
        return out;
    }

    synchronized int available() {
        return received.size() - consumed;
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
