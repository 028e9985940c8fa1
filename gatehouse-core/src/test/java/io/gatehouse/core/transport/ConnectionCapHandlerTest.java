package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The cap on real loopback sockets: 127.0.0.1 at its cap is refused while 127.0.0.2 is admitted. */
class ConnectionCapHandlerTest {

    private static final int CAP = 3;

    private final EventLoopGroup group = Transports.group("cap-test", 1);
    private final Refusals refusals = new Refusals(new SimpleMeterRegistry(), "demo", LoggerFactory.getLogger(ConnectionCapHandlerTest.class),
            System::currentTimeMillis);
    private final ConnectionCap cap = new ConnectionCap(new ConnectionLimit(CAP, AddressSet.NONE), refusals);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger inactive = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private Channel listener;

    @BeforeEach
    void listen() throws Exception {
        ConnectionCapHandler handler = new ConnectionCapHandler(cap);
        listener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handler).addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                active.incrementAndGet();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                inactive.incrementAndGet();
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                reads.addAndGet(((ByteBuf) msg).readableBytes());
                                ReferenceCountUtil.release(msg);
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        listener.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private Socket connectFrom(String local) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(listener.localAddress());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    @Test
    void theConnectionOverTheCapIsClosedAtOnceAndTheRestOfThePipelineNeverSeesIt() throws Exception {
        for (int i = 0; i < CAP; i++) {
            connectFrom("127.0.0.1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> active.get() == CAP);

        Socket over = connectFrom("127.0.0.1");
        assertThat(over.getInputStream().read()).as("closed by the server, without an answer").isEqualTo(-1);
        Socket other = connectFrom("127.0.0.2");
        other.getOutputStream().write(new byte[] {4, 5});
        await().atMost(Duration.ofSeconds(10)).until(() -> active.get() == CAP + 1 && reads.get() == 2);

        assertThat(refusals.count(Refusal.CONNECTIONS_PER_ADDRESS)).isEqualTo(1);
        assertThat(inactive.get()).as("the refused connection's close was not passed on").isZero();
        assertThat(cap.openFrom(InetAddress.getByName("127.0.0.1"))).isEqualTo(CAP);
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() throws Exception {
        for (int i = 0; i < CAP; i++) {
            connectFrom("127.0.0.1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> active.get() == CAP);
        sockets.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> inactive.get() == 1 && cap.openFrom(InetAddress.getByName("127.0.0.1")) == CAP - 1);
        connectFrom("127.0.0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> active.get() == CAP + 1);
        assertThat(refusals.count(Refusal.CONNECTIONS_PER_ADDRESS)).isZero();
    }
}
