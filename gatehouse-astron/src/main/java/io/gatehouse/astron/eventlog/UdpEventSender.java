package io.gatehouse.astron.eventlog;

import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Sends events to an event logger over UDP from one unconnected socket, as astrond's roles do:
 * one packet per event, nothing waited for. What is queued for the socket is bounded
 * ({@link #MAX_QUEUED_BYTES}); an event that finds the queue full, or that the socket fails to
 * send, is dropped and counted in {@code gatehouse_astron_events_dropped_total}.
 */
public final class UdpEventSender implements EventSender {

    /** Bytes of events that may wait for the socket before more are dropped. */
    public static final int MAX_QUEUED_BYTES = 256 * 1024;

    private final InetSocketAddress target;
    private final Channel channel;
    private final Counter sent;
    private final Counter dropped;
    private final ChannelFutureListener counted;

    private UdpEventSender(InetSocketAddress target, Channel channel, MeterRegistry meters) {
        this.target = target;
        this.channel = channel;
        this.sent = Counter.builder("gatehouse.astron.events.sent").description("events sent to the event logger").register(meters);
        this.dropped = Counter.builder("gatehouse.astron.events.dropped")
                .description("events not sent to the event logger: its queue was full, or the socket failed").register(meters);
        this.counted = f -> (f.isSuccess() ? sent : dropped).increment();
    }

    /**
     * A sender to {@code target} (resolved now, as astrond resolves it at start) on a socket of
     * {@code group}.
     *
     * @throws IllegalArgumentException when the host does not resolve, naming it (as {@link HostPort#toSocketAddress()} does)
     */
    public static UdpEventSender open(HostPort target, EventLoopGroup group, MeterRegistry meters) throws InterruptedException {
        InetSocketAddress address = target.toSocketAddress();
        Channel channel = new Bootstrap().group(group).channel(Transports.datagramChannel())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(MAX_QUEUED_BYTES / 2, MAX_QUEUED_BYTES))
                .handler(new ChannelInboundHandlerAdapter())
                .bind(0).sync().channel();
        return new UdpEventSender(address, channel, meters);
    }

    @Override
    public void send(LoggedEvent event) {
        sendPacket(EventEncoder.encode(event));
    }

    @Override
    public void sendPacket(byte[] packet) {
        if (!channel.isWritable()) {
            dropped.increment();
            return;
        }
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), target)).addListener(counted);
    }

    /** How many events were dropped. */
    public double dropped() {
        return dropped.count();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
