package io.gatehouse.bench.astron;

import io.gatehouse.bench.support.PlainForwarder;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code astron-md}: one Message Director participant sends N small datagrams to a channel
 * another participant subscribed to, in one burst; datagrams routed per second until the last
 * has arrived, beside a plain Netty forwarder carrying the same bytes between two sockets.
 */
@Command(name = "astron-md", description = "Message Director routing: small datagrams between two participants, beside a plain Netty forwarder")
public final class MdRouteBench implements Callable<Integer> {

    private static final long CHANNEL = 77;

    @Option(names = "--datagrams", description = "datagrams per round (default ${DEFAULT-VALUE})")
    int datagrams = 100_000;

    @Option(names = "--payload", description = "bytes after the message type (default ${DEFAULT-VALUE})")
    int payload = 8;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(names = "--warmup", description = "rounds run first and not counted, for the JIT (default ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-astron-md.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        Path dc = Files.writeString(work.resolve("game.dc"), "dclass Zone {\n};\n");
        String astron = "astron:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  md_bind: \"127.0.0.1:0\"\n  version: bench\n"
                + "  dc_files: [\"" + dc + "\"]\n";
        byte[] burst = burst();
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        Results results = new Results("astron Message Director routing (" + datagrams + " datagrams of " + (burst.length / datagrams) + " B)");
        try (ServerProcess server = ServerProcess.start(work, astron, "1g");
             PlainForwarder forwarder = new PlainForwarder(baselineGroup)) {
            for (int round = -warmup; round < rounds; round++) {
                results.addDeliveries(round, rounds, throughMd(server.astronMessageDirector(), burst),
                        throughForwarder(forwarder.address(), burst));
            }
        } finally {
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("datagrams", datagrams);
        settings.put("payload", payload);
        Files.createDirectories(json.toAbsolutePath().getParent());
        results.finishDeliveries(json, settings);
        return 0;
    }

    /** N framed datagrams to {@link #CHANNEL}, one after the other. */
    private byte[] burst() {
        int frame = 2 + 1 + 8 + 8 + 2 + payload;
        ByteBuffer b = ByteBuffer.allocate(frame * datagrams).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < datagrams; i++) {
            b.putShort((short) (frame - 2)).put((byte) 1).putLong(CHANNEL).putLong(5).putShort((short) 1234).put(new byte[payload]);
        }
        return b.array();
    }

    /** Datagrams per second through the Message Director, from the first byte sent to the last received. */
    private double throughMd(InetSocketAddress md, byte[] burst) throws Exception {
        try (Socket receiver = socket(md); Socket sender = socket(md)) {
            ByteBuffer add = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
            add.putShort((short) 19).put((byte) 1).putLong(1).putShort((short) 9000).putLong(CHANNEL);
            receiver.getOutputStream().write(add.array());
            // the subscription is in force before anything routed after it (docs/protocol/astron.md, 3.2);
            // a first datagram through proves the link is up
            sender.getOutputStream().write(burst, 0, burst.length / datagrams);
            drain(receiver.getInputStream(), burst.length / datagrams);
            return timed(sender, receiver, burst);
        }
    }

    private double throughForwarder(InetSocketAddress forwarder, byte[] burst) throws Exception {
        try (Socket receiver = socket(forwarder); Socket sender = socket(forwarder)) {
            sender.getOutputStream().write(burst, 0, burst.length / datagrams);
            drain(receiver.getInputStream(), burst.length / datagrams);
            return timed(sender, receiver, burst);
        }
    }

    private double timed(Socket sender, Socket receiver, byte[] burst) throws Exception {
        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = sender.getOutputStream();
                out.write(burst);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "bench-sender");
        writer.start();
        drain(receiver.getInputStream(), burst.length);
        writer.join();
        return datagrams / ((System.nanoTime() - start) / 1e9);
    }

    private static void drain(InputStream in, long bytes) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (long got = 0; got < bytes; ) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed after " + got + " of " + bytes + " bytes");
            }
            got += n;
        }
    }

    private static Socket socket(InetSocketAddress to) throws IOException {
        Socket s = new Socket(to.getAddress(), to.getPort());
        s.setTcpNoDelay(true);
        s.setSoTimeout(60_000);
        return s;
    }
}
