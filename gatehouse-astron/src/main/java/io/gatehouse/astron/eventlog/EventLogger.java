package io.gatehouse.astron.eventlog;

import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.core.transport.Listeners;
import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * astrond's event logger role (docs/protocol/astron.md, section 14.3): receives one
 * MessagePack map per UDP packet and writes it as one line of its file, with the local time in
 * front; a packet that is no whole map is dropped and counted as a fault of its sender, the
 * log lines about them limited as client faults are. Its socket and its file live on a thread
 * of its own, so that a slow disk holds up no client. With a {@code rotate_interval} it opens
 * a new file each interval (astrond reads that key but never rotates).
 */
public final class EventLogger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventLogger.class);
    /** The largest UDP payload: every packet is read whole. */
    private static final int MAX_PACKET = 65_536;
    private static final String TIME = "%Y-%m-%d %H:%M:%S%z";

    private final EventLoggerConfig config;
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final ClientFaults faults;
    private final EventLoopGroup thread = Transports.group("astron-eventlogger", 1);
    private final EventLogFile file;
    private final Channel channel;
    private Cancellable rotation = Cancellable.NONE;
    private boolean closed;

    /**
     * Opens the file and the socket, and writes the first line, astrond's {@code log-opened}.
     *
     * @throws UncheckedIOException when the file cannot be opened, naming it
     * @throws Listeners.ListenerException when the address cannot be bound
     */
    public EventLogger(EventLoggerConfig config, Scheduler scheduler, ZoneId zone, ClientFaults faults) throws InterruptedException {
        this.config = config;
        this.scheduler = scheduler;
        this.zone = zone;
        this.faults = faults;
        this.file = new EventLogFile(config.directory(), config.output(), zone);
        InetSocketAddress address = config.bind().toSocketAddress();
        try {
            file.open(scheduler.nowMillis());
            channel = bind(address);
        } catch (IOException e) {
            thread.shutdownGracefully();
            throw new UncheckedIOException("astron event logger: cannot open its file " + config.output() + " (" + e.getMessage() + ")", e);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        onThread(() -> {
            logged("Log opened upon Event Logger startup.");
            channel.config().setAutoRead(true);
            rotateLater();
        });
    }

    private Channel bind(InetSocketAddress address) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(thread).channel(Transports.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_PACKET))
                // nothing is read until the first line, log-opened, is written
                .option(ChannelOption.AUTO_READ, false)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        packet(ByteBufUtil.getBytes(p.content()), p.sender());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        log.debug("event logger socket: {}", cause.toString());
                    }
                });
        try {
            return b.bind(address).sync().channel();
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new Listeners.ListenerException("astron event logger: cannot listen on udp " + address.getHostString() + ":" + address.getPort()
                    + " (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")", e);
        }
    }

    /** Where it receives events. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** One packet, on the logger's thread: its line, or the fault of its sender. */
    private void packet(byte[] data, InetSocketAddress from) {
        EventRendering r = EventRenderer.render(data);
        if (r instanceof EventRendering.Event e) {
            write(e.map());
        } else if (r instanceof EventRendering.Refused bad) {
            String who = "event logger, packet from " + from.getAddress().getHostAddress() + ":" + from.getPort();
            String text = bad.rendered().length() > 200 ? bad.rendered().substring(0, 200) + "..." : bad.rendered();
            faults.connection(who).report(bad.why().faultKind(), bad.why().what() + (text.isEmpty() ? "" : ": " + text) + "; dropped");
        }
    }

    /** The line of an event map: the time stamp first, then the map's own items. */
    private void write(String map) {
        String time = Strftime.format(TIME, ZonedDateTime.ofInstant(Instant.ofEpochMilli(scheduler.nowMillis()), zone));
        String line = "{\"_time\": \"" + time + "\"" + (map.equals("{}") ? "}" : ", " + map.substring(1));
        try {
            file.write(line);
        } catch (IOException e) {
            faults.connection("event logger " + file.path()).report("event_write_error", "cannot write an event (" + e.getMessage() + "); dropped");
        }
    }

    /** astrond's own {@code log-opened} event, written as if it had come in a packet. */
    private void logged(String msg) {
        packet(EventEncoder.encode(LoggedEvent.of("log-opened", "EventLogger").with("msg", msg)), address());
    }

    private void rotateLater() {
        if (config.rotateInterval().isZero() || closed) {
            return;
        }
        rotation = scheduler.schedule(config.rotateInterval(), () -> onThread(this::rotate));
    }

    /** A new file, named for now, that starts with {@code log-opened}; the old one is kept when the new cannot be opened. */
    private void rotate() {
        if (closed) {
            return;
        }
        try {
            file.open(scheduler.nowMillis());
            logged("Log cycled.");
        } catch (IOException e) {
            log.error("astron event logger: cannot open a new file for {} ({}); still writing {}", config.output(), e.getMessage(), file.path());
        }
        rotateLater();
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("astron event logger: stopped; a task is dropped");
        }
    }

    /** Stops receiving, stops rotating and closes the file; once closed, closing again does nothing. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                closed = true;
                rotation.cancel();
                if (channel != null) {
                    channel.close();
                }
                try {
                    file.close();
                } catch (IOException e) {
                    log.warn("astron event logger: closing {}: {}", file.path(), e.getMessage());
                }
                done.complete(null);
            });
        } catch (RejectedExecutionException e) {
            return;
        }
        done.orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        thread.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
